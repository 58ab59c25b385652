package dev.plugboard.postgres.autoconfigure;

import java.util.Properties;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.plugboard.core.spi.InstanceContext;
import dev.plugboard.core.spi.ServiceEndpoints;

/**
 * Creates the HikariCP pool of one instance. The pool is named after the instance, so that
 * Hikari's metrics carry {@code pool=<instance>}, and starts lazily: nothing connects before the
 * instance is started.
 *
 * @author Plugboard
 */
final class PostgresDataSources {

	/** Driver connect timeout in seconds unless the instance sets {@code connectTimeout}. */
	private static final String DEFAULT_CONNECT_TIMEOUT = "5";

	/** Pool checkout timeout unless the instance sets {@code hikari.connection-timeout}. */
	private static final long DEFAULT_CONNECTION_TIMEOUT_MS = 5000;

	private PostgresDataSources() {
	}

	static HikariDataSource create(InstanceContext<PostgresSettings> context) {
		PostgresSettings settings = context.settings();
		HikariConfig config = settings.getHikari();
		HikariDataSource dataSource = new HikariDataSource();
		config.copyStateTo(dataSource);
		ServiceEndpoints discovery = context.discovery();
		if (discovery == null) {
			dataSource.setJdbcUrl(PostgresType.jdbcUrl(settings));
			dataSource.setDriverClassName(PostgresType.DRIVER);
		}
		dataSource.setUsername(settings.getUsername());
		dataSource.setPassword(settings.getPassword());
		if (config.getPoolName() == null) {
			dataSource.setPoolName(context.name());
		}
		if (!context.definition().isSet("hikari.connection-timeout")) {
			dataSource.setConnectionTimeout(DEFAULT_CONNECTION_TIMEOUT_MS);
		}
		// parameters win over hikari.data-source-properties, like the instance's other settings
		Properties properties = new Properties();
		properties.putAll(PostgresType.driverProperties(config.getDataSourceProperties()));
		properties.putIfAbsent("connectTimeout", DEFAULT_CONNECT_TIMEOUT);
		properties.putAll(settings.getParameters());
		if (discovery != null) {
			// a new connection goes where discovery says at that moment
			dataSource.setDataSource(new DiscoveringDataSource(discovery, settings.getDatabase(), properties));
		}
		else {
			dataSource.setDataSourceProperties(properties);
		}
		return dataSource;
	}

}
