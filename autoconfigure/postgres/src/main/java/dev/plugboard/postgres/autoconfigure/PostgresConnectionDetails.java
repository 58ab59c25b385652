package dev.plugboard.postgres.autoconfigure;

import java.util.Locale;

import dev.plugboard.core.spi.ConnectionUrl;
import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.PlugboardException;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * Points the primary instance at the server of a {@link JdbcConnectionDetails} bean (a
 * {@code @ServiceConnection} container, a Docker Compose service or a bean of the application's
 * own). Loaded only when Spring Boot's JDBC module is on the classpath.
 *
 * @author Plugboard
 */
final class PostgresConnectionDetails {

	private PostgresConnectionDetails() {
	}

	static void apply(Object bean, InstanceDefinition<PostgresSettings> definition) {
		JdbcConnectionDetails details = (JdbcConnectionDetails) bean;
		String url = details.getJdbcUrl();
		if (!url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
			throw new PlugboardException("The primary postgres instance '" + definition.name()
					+ "' takes its connection from the application's JdbcConnectionDetails bean, which points at '"
					+ ConnectionUrl.mask(url) + "', not at PostgreSQL.",
					"Give the JdbcConnectionDetails bean a jdbc:postgresql:// URL, or remove it and configure '"
							+ definition.property("url") + "' (environment variable "
							+ definition.environmentVariable("url") + ").");
		}
		PostgresSettings settings = definition.settings();
		settings.setUrl(url);
		settings.setHost(null);
		settings.setPort(null);
		settings.setUsername(details.getUsername());
		settings.setPassword(details.getPassword());
	}

}
