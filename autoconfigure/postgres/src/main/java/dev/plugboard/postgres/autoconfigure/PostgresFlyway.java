package dev.plugboard.postgres.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import dev.plugboard.core.spi.InstanceBeans;
import dev.plugboard.core.spi.InstanceContext;

/**
 * Flyway per instance: {@code <instance>Flyway}, migrated each time the instance starts
 * answering, before the instance is running and before JPA checks the schema.
 *
 * @author Plugboard
 */
final class PostgresFlyway {

	private static final Log logger = LogFactory.getLog(PostgresFlyway.class);

	private PostgresFlyway() {
	}

	static void register(InstanceBeans<PostgresSettings> beans) {
		beans.register("Flyway", Flyway.class, PostgresFlyway::create).primaryAlias("flyway");
	}

	private static Flyway create(InstanceContext<PostgresSettings> context) {
		PostgresSettings.Flyway settings = context.settings().getFlyway();
		List<String> locations = settings.getLocations().isEmpty()
				? List.of("classpath:db/migration/" + context.name()) : settings.getLocations();
		var configuration = Flyway.configure(PostgresFlyway.class.getClassLoader())
			.dataSource(context.bean("DataSource", DataSource.class))
			.locations(locations.toArray(String[]::new))
			.baselineOnMigrate(settings.isBaselineOnMigrate())
			.failOnMissingLocations(settings.isFailOnMissingLocations());
		if (!settings.getSchemas().isEmpty()) {
			configuration.schemas(settings.getSchemas().toArray(String[]::new));
		}
		return configuration.load();
	}

	static void migrate(InstanceContext<PostgresSettings> context) {
		MigrateResult result = context.bean("Flyway", Flyway.class).migrate();
		if (result.migrationsExecuted > 0) {
			logger.info("Migrated postgres instance '" + context.name() + "' to version " + result.targetSchemaVersion
					+ " (" + result.migrationsExecuted + " migrations)");
		}
	}

}
