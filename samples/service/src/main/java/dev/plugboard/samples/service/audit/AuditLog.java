package dev.plugboard.samples.service.audit;

import java.time.OffsetDateTime;
import java.util.List;

import dev.plugboard.Plug;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The audit log in {@code analytics-db}, written and read with plain JDBC.
 */
@Repository
public class AuditLog {

	private final JdbcClient analytics;

	public AuditLog(@Plug("analytics-db") JdbcClient analytics) {
		this.analytics = analytics;
	}

	public void record(String event, String subject) {
		this.analytics.sql("INSERT INTO audit_log(event, subject) VALUES (:event, :subject)")
			.param("event", event)
			.param("subject", subject)
			.update();
	}

	public List<Entry> recent(int limit) {
		return this.analytics.sql("SELECT id, event, subject, recorded_at FROM audit_log ORDER BY id DESC LIMIT :limit")
			.param("limit", limit)
			.query((row, number) -> new Entry(row.getLong(1), row.getString(2), row.getString(3),
					row.getObject(4, OffsetDateTime.class)))
			.list();
	}

	/**
	 * One audit entry.
	 *
	 * @param id the id
	 * @param event what happened
	 * @param subject to whom
	 * @param recordedAt when
	 */
	public record Entry(long id, String event, String subject, OffsetDateTime recordedAt) {
	}

}
