package dev.plugboard.postgres.datajdbc.app.reports;

import org.springframework.data.annotation.Id;

/**
 * An aggregate of reports-db.
 */
public record Report(@Id Long id, String title) {

	public static Report titled(String title) {
		return new Report(null, title);
	}

}
