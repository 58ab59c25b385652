package dev.plugboard.postgres.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.InvalidSettingException;
import dev.plugboard.core.spi.SettingsTree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How {@link PostgresType#prepare} combines a URL with discrete settings: each discrete setting
 * wins over the part of the URL it names and leaves the other parts alone.
 */
class PostgresSettingsResolutionTests {

	private final PostgresType type = new PostgresType(List.of());

	@Test
	void environmentVariableWordsReachTheSettingsOfAReplica() {
		// SHOP_ORDERS_DB_REPLICAS_0_URL, PLUGBOARD_POSTGRES_ORDERS_DB_REPLICA_MAX_LAG
		SettingsTree tree = SettingsTree.of(PostgresSettings.class);
		assertThat(tree.resolve(List.of("REPLICAS", "0", "URL"))).containsExactly("replicas[0].url");
		assertThat(tree.resolve(List.of("REPLICAS", "1", "PASSWORD"))).containsExactly("replicas[1].password");
		assertThat(tree.resolve(List.of("REPLICA", "MAX", "LAG"))).containsExactly("replica.max-lag");
		assertThat(tree.resolve(List.of("REPLICAS", "URL"))).isEmpty();
		assertThat(tree.paths()).contains("replicas[0].url", "replica.load-balance");
	}

	@Test
	void urlAloneGivesEveryPart() {
		PostgresSettings settings = prepare("postgres://app:pw@db1:6543/users?sslmode=disable", Map.of());
		assertThat(PostgresType.jdbcUrl(settings)).isEqualTo("jdbc:postgresql://db1:6543/users");
		assertThat(settings.getUsername()).isEqualTo("app");
		assertThat(settings.getPassword()).isEqualTo("pw");
		assertThat(settings.getParameters()).containsEntry("sslmode", "disable");
	}

	@Test
	void hostKeepsThePortOfTheUrl() {
		assertThat(endpoint("postgres://u@db1:6543/app", Map.of("host", "db2"))).isEqualTo("db2:6543/app");
	}

	@Test
	void hostsKeepThePortTheUrlsHostsShare() {
		assertThat(endpoint("postgres://u@db1:6543,db2:6543/app", Map.of("host", "db3,db4")))
			.isEqualTo("db3:6543,db4:6543/app");
	}

	@Test
	void hostWithItsOwnPortKeepsIt() {
		assertThat(endpoint("postgres://u@db1:6543/app", Map.of("host", "db2:7000,db3")))
			.isEqualTo("db2:7000,db3:6543/app");
	}

	@Test
	void hostOverAUrlWithoutPortUsesTheDefaultPort() {
		assertThat(endpoint("postgres://u@db1/app", Map.of("host", "db2"))).isEqualTo("db2:5432/app");
	}

	@Test
	void hostOverAUrlWhoseHostsHaveDifferentPortsUsesTheDefaultPort() {
		assertThat(endpoint("postgres://u@db1:6543,db2:6544/app", Map.of("host", "db3"))).isEqualTo("db3:5432/app");
	}

	@Test
	void portKeepsTheHostsOfTheUrl() {
		assertThat(endpoint("postgres://u@db1:6543,db2/app", Map.of("port", "7000")))
			.isEqualTo("db1:7000,db2:7000/app");
	}

	@Test
	void hostAndPortTogetherReplaceBoth() {
		assertThat(endpoint("postgres://u@db1:6543/app", Map.of("host", "db2", "port", "7000")))
			.isEqualTo("db2:7000/app");
	}

	@Test
	void databaseKeepsTheServerOfTheUrl() {
		assertThat(endpoint("postgres://u@db1:6543/app", Map.of("database", "other"))).isEqualTo("db1:6543/other");
	}

	@Test
	void usernameKeepsThePasswordOfTheUrl() {
		PostgresSettings settings = prepare("postgres://app:pw@db1/users", Map.of("username", "reporter"));
		assertThat(settings.getUsername()).isEqualTo("reporter");
		assertThat(settings.getPassword()).isEqualTo("pw");
		assertThat(PostgresType.jdbcUrl(settings)).isEqualTo("jdbc:postgresql://db1:5432/users");
	}

	@Test
	void passwordKeepsTheUserOfTheUrl() {
		PostgresSettings settings = prepare("postgres://app:pw@db1/users", Map.of("password", "other"));
		assertThat(settings.getUsername()).isEqualTo("app");
		assertThat(settings.getPassword()).isEqualTo("other");
	}

	@Test
	void userAndPasswordInTheQueryOfAJdbcUrl() {
		PostgresSettings settings = prepare("jdbc:postgresql://db1:6543/users?user=app&password=pw&ssl=true", Map.of());
		assertThat(settings.getUsername()).isEqualTo("app");
		assertThat(settings.getPassword()).isEqualTo("pw");
		assertThat(settings.getParameters()).containsOnly(Map.entry("ssl", "true"));
	}

	@Test
	void jdbcShortFormsMeanLocalhost() {
		assertThat(endpoint("jdbc:postgresql:users", Map.of())).isEqualTo("localhost:5432/users");
		assertThat(endpoint("jdbc:postgresql:/", Map.of())).isEqualTo("localhost:5432/postgres");
	}

	@Test
	void discreteParametersWinOverTheQueryWhateverTheirCase() {
		PostgresSettings settings = prepare("postgres://u@db1/app?ApplicationName=from-url&sslmode=require",
				Map.of("parameters.applicationname", "discrete"), (bound) -> {
					bound.getParameters().put("applicationname", "discrete");
					bound.getParameters().put("socket-timeout", "30");
				});
		assertThat(settings.getParameters()).containsOnly(Map.entry("ApplicationName", "discrete"),
				Map.entry("socketTimeout", "30"), Map.entry("sslmode", "require"));
	}

	@Test
	void connectionSettingsUnderHikariAreRefusedNamingTheInstanceSetting() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> prepare("postgres://u@db1/app", Map.of("hikari.jdbc-url", "jdbc:postgresql://db2/app")))
			.satisfies((ex) -> {
				assertThat(ex.getDescription()).contains("'plugboard.postgres.main-db.hikari.jdbc-url'")
					.contains("PLUGBOARD_POSTGRES_MAIN_DB_HIKARI_JDBC_URL");
				assertThat(ex.getAction()).contains("'plugboard.postgres.main-db.url'")
					.contains("PLUGBOARD_POSTGRES_MAIN_DB_URL");
			});
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> prepare("postgres://u@db1/app", Map.of("hikari.password", "x")))
			.satisfies((ex) -> assertThat(ex.getAction()).contains("'plugboard.postgres.main-db.password'")
				.contains("PLUGBOARD_POSTGRES_MAIN_DB_PASSWORD"));
	}

	private String endpoint(String url, Map<String, String> discrete) {
		PostgresSettings settings = new PostgresSettings();
		return this.type.prepare(definition(url, discrete, settings, (bound) -> {
		}));
	}

	private PostgresSettings prepare(String url, Map<String, String> discrete) {
		return prepare(url, discrete, (bound) -> {
		});
	}

	private PostgresSettings prepare(String url, Map<String, String> discrete, Consumer<PostgresSettings> binding) {
		PostgresSettings settings = new PostgresSettings();
		this.type.prepare(definition(url, discrete, settings, binding));
		return settings;
	}

	/**
	 * A definition as the binder leaves it: the discrete settings bound and marked as set.
	 */
	private static InstanceDefinition<PostgresSettings> definition(String url, Map<String, String> discrete,
			PostgresSettings settings, Consumer<PostgresSettings> binding) {
		settings.setUrl(url);
		discrete.forEach((name, value) -> {
			switch (name) {
				case "host" -> settings.setHost(value);
				case "port" -> settings.setPort(Integer.valueOf(value));
				case "database" -> settings.setDatabase(value);
				case "username" -> settings.setUsername(value);
				case "password" -> settings.setPassword(value);
				default -> {
				}
			}
		});
		binding.accept(settings);
		Set<String> set = discrete.keySet();
		return new InstanceDefinition<>("postgres", "main-db", settings, null, set::contains);
	}

}
