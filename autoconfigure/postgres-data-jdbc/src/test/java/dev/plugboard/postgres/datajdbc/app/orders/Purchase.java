package dev.plugboard.postgres.datajdbc.app.orders;

import org.springframework.data.annotation.Id;

/**
 * An aggregate of orders-db.
 */
public record Purchase(@Id Long id, String item) {

	public static Purchase of(String item) {
		return new Purchase(null, item);
	}

}
