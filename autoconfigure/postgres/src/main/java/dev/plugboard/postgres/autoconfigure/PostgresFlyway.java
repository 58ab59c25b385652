package dev.plugboard.postgres.autoconfigure;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.InstanceBeans;
import dev.plugboard.core.spi.InstanceContext;
import dev.plugboard.core.spi.InstanceDefinition;

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
		List<String> locations = locations(context.name(), settings);
		var configuration = Flyway.configure(PostgresFlyway.class.getClassLoader())
			// the instance's own pool: migrations never go to a replica
			.dataSource(PostgresType.pool(context))
			.locations(locations.toArray(String[]::new))
			.baselineOnMigrate(settings.isBaselineOnMigrate())
			.failOnMissingLocations(settings.isFailOnMissingLocations());
		if (context.definition().attributes().containsKey(PostgresSharing.SHARED)
				&& !context.definition().isSet("flyway.baseline-on-migrate")) {
			// the other instance's tables are in the schema; every migration of this one still runs
			configuration.baselineOnMigrate(true).baselineVersion(PostgresSharing.BASELINE);
		}
		if (settings.getTable() != null) {
			configuration.table(settings.getTable());
		}
		if (!settings.getSchemas().isEmpty()) {
			configuration.schemas(settings.getSchemas().toArray(String[]::new));
		}
		return configuration.load();
	}

	/**
	 * Advice for a failed migration, naming the settings that decide what Flyway runs.
	 * @param definition the instance
	 * @param error the error
	 * @return the advice, or {@code null} if Flyway did not fail
	 */
	static @Nullable String advice(InstanceDefinition<PostgresSettings> definition, Throwable error) {
		for (Throwable candidate = error; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof FlywayException) {
				return "Flyway could not migrate the instance from " + locations(definition.name(),
						definition.settings().getFlyway()) + ": fix the failing migration, or the scripts' locations in '"
						+ definition.property("flyway.locations") + "' (environment variable "
						+ definition.environmentVariable("flyway.locations") + "), or leave migrations out with '"
						+ definition.property("flyway.enabled") + "=false' ("
						+ definition.environmentVariable("flyway.enabled") + "=false).";
			}
		}
		return null;
	}

	private static List<String> locations(String instance, PostgresSettings.Flyway settings) {
		return settings.getLocations().isEmpty() ? List.of("classpath:db/migration/" + instance)
				: settings.getLocations();
	}

	static void migrate(InstanceContext<PostgresSettings> context) {
		MigrateResult result = context.bean("Flyway", Flyway.class).migrate();
		if (result.migrationsExecuted > 0) {
			logger.info("Migrated postgres instance '" + context.name() + "' to version " + result.targetSchemaVersion
					+ " (" + result.migrationsExecuted + " migrations)");
		}
	}

}
