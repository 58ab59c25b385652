package dev.plugboard.postgres.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.InvalidSettingException;
import dev.plugboard.core.spi.PlugboardException;

/**
 * Instances that resolve to the same database and schema. Two such instances would share one
 * Flyway history table, and the versions one applied would hide the other's migrations; so
 * they fail startup unless the sharing is said ({@code shared-with}, after which the instance
 * that says it keeps its own history table) or their {@code flyway.table} settings differ.
 * Sharing, an instance whose history table is new finds the schema holding the other's
 * tables: it starts its history below its first version ({@link #BASELINE}) rather than
 * refusing the schema or baselining over its own migrations.
 *
 * @author Plugboard
 */
final class PostgresSharing {

	static final String DEFAULT_TABLE = "flyway_schema_history";

	/** The version a shared instance's new history table starts from: every migration runs. */
	static final String BASELINE = "0";

	/** The attribute that marks an instance sharing its schema with another. */
	static final String SHARED = PostgresSharing.class.getName() + ".shared";

	private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

	private PostgresSharing() {
	}

	static void check(List<InstanceDefinition<PostgresSettings>> definitions) {
		Map<String, InstanceDefinition<PostgresSettings>> byName = new LinkedHashMap<>();
		definitions.forEach((definition) -> byName.put(definition.name(), definition));
		for (InstanceDefinition<PostgresSettings> definition : definitions) {
			for (String other : definition.settings().getSharedWith()) {
				if (!byName.containsKey(other) || other.equals(definition.name())) {
					throw new InvalidSettingException(definition, "shared-with",
							"'" + other + "' is not another enabled postgres instance",
							"Name instances of " + byName.keySet() + " that use the same database and schema, or "
									+ "remove the entry.");
				}
			}
		}
		Map<String, List<InstanceDefinition<PostgresSettings>>> byEndpoint = new LinkedHashMap<>();
		definitions.forEach((definition) -> byEndpoint.computeIfAbsent(endpoint(definition.settings()),
				(key) -> new ArrayList<>()).add(definition));
		byEndpoint.forEach((endpoint, sharing) -> {
			if (sharing.size() > 1) {
				sharing.forEach((definition) -> definition.attributes().put(SHARED, endpoint));
			}
			for (InstanceDefinition<PostgresSettings> definition : sharing) {
				PostgresSettings.Flyway flyway = definition.settings().getFlyway();
				boolean declared = sharing.stream().anyMatch((other) -> says(definition, other));
				if (declared && flyway.getTable() == null) {
					flyway.setTable(DEFAULT_TABLE + "_" + definition.name().replace('-', '_'));
				}
			}
			for (int i = 0; i < sharing.size(); i++) {
				for (int j = i + 1; j < sharing.size(); j++) {
					check(sharing.get(i), sharing.get(j), endpoint);
				}
			}
		});
	}

	private static void check(InstanceDefinition<PostgresSettings> first, InstanceDefinition<PostgresSettings> second,
			String endpoint) {
		String firstTable = table(first);
		String secondTable = table(second);
		boolean declared = says(first, second) || says(second, first);
		if (!declared && (first.settings().getFlyway().getTable() == null
				|| second.settings().getFlyway().getTable() == null || firstTable.equals(secondTable))) {
			throw new PlugboardException("The postgres instances '" + first.name() + "' and '" + second.name()
					+ "' resolve to the same database and schema, " + endpoint + ". Their Flyway migrations would "
					+ "share one history table, and the versions one instance applied would hide the other's "
					+ "migrations.",
					"Point '" + second.name() + "' at its own database or schema with "
							+ setting(second, "url") + ", " + setting(second, "database") + " or "
							+ setting(second, "flyway.schemas") + "; or, if the two are meant to share it, set "
							+ setting(second, "shared-with") + " to " + first.name() + ", which gives '"
							+ second.name() + "' its own history table, " + DEFAULT_TABLE + "_"
							+ second.name().replace('-', '_') + ".");
		}
		if (migrates(first) && migrates(second) && firstTable.equals(secondTable)) {
			throw new InvalidSettingException(second, "flyway.table",
					"the postgres instances '" + first.name() + "' and '" + second.name() + "' share " + endpoint
							+ " and both keep their Flyway history in the table " + firstTable
							+ ", so that the versions one applied would hide the other's migrations",
					"Give '" + second.name() + "' a table of its own, for example " + DEFAULT_TABLE + "_"
							+ second.name().replace('-', '_') + ".");
		}
	}

	private static boolean says(InstanceDefinition<PostgresSettings> definition,
			InstanceDefinition<PostgresSettings> other) {
		return definition.settings().getSharedWith().contains(other.name());
	}

	private static boolean migrates(InstanceDefinition<PostgresSettings> definition) {
		return definition.settings().getFlyway().isEnabled();
	}

	private static String table(InstanceDefinition<PostgresSettings> definition) {
		String table = definition.settings().getFlyway().getTable();
		return (table != null) ? table : DEFAULT_TABLE;
	}

	/**
	 * Where an instance's tables live: its hosts and ports (loopback names counted as one),
	 * database, and the schema Flyway and unqualified names use.
	 */
	static String endpoint(PostgresSettings settings) {
		List<String> hosts = new ArrayList<>();
		for (String host : PostgresType.hostsAndPorts(settings).split(",")) {
			int colon = host.lastIndexOf(':');
			String name = host.substring(0, colon).toLowerCase(Locale.ROOT);
			hosts.add((LOOPBACK.contains(name) ? "localhost" : name) + host.substring(colon));
		}
		return String.join(",", hosts) + "/" + settings.getDatabase() + ", schema " + schema(settings);
	}

	private static String schema(PostgresSettings settings) {
		String schema = settings.defaultSchema();
		return (schema != null) ? schema : "public";
	}

	private static String setting(InstanceDefinition<PostgresSettings> definition, String setting) {
		return "'" + definition.property(setting) + "' (" + definition.environmentVariable(setting) + ")";
	}

}
