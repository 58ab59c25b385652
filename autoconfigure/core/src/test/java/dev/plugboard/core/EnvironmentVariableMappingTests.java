package dev.plugboard.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.plugboard.core.testing.FailureAnalyses;
import dev.plugboard.core.PlugboardEnvironmentPostProcessor.TypeInstances;
import dev.plugboard.core.spi.PlugboardException;
import dev.plugboard.core.spi.SettingsTree;
import dev.plugboard.core.tcp.TcpSettings;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code <PREFIX>_<INSTANCE>_<SETTING>} and {@code PLUGBOARD_<TYPE>_<INSTANCE>_<SETTING>}
 * environment variables mapped onto declared instances.
 */
class EnvironmentVariableMappingTests {

	private final PlugboardEnvironmentPostProcessor postProcessor = new PlugboardEnvironmentPostProcessor();

	@Test
	void prefixedVariablesSetSettingsOfDeclaredInstances() {
		StandardEnvironment environment = environment(
				Map.of("plugboard.env-prefix", "myservice", "plugboard.tcp.primary-db.host", "db1"),
				Map.of("MYSERVICE_PRIMARY_DB_PORT", "6543", "MYSERVICE_PRIMARY_DB_POOL_MAXIMUM_SIZE", "17",
						"MYSERVICE_PRIMARY_DB_STARTUP_RETRY_INTERVAL", "250ms", "MYSERVICE_PRIMARY_DB_URL",
						"tcp://u:p@h:1", "MYSERVICE_UNKNOWN_HOST", "nowhere", "OTHER_PRIMARY_DB_PORT", "1"));
		postProcess(environment);
		assertThat(environment.getProperty("plugboard.tcp.primary-db.port")).isEqualTo("6543");
		assertThat(environment.getProperty("plugboard.tcp.primary-db.pool.maximum-size")).isEqualTo("17");
		assertThat(environment.getProperty("plugboard.tcp.primary-db.startup.retry-interval")).isEqualTo("250ms");
		assertThat(environment.getProperty("plugboard.tcp.primary-db.url")).isEqualTo("tcp://u:p@h:1");
		assertThat(environment.getProperty("plugboard.tcp.unknown.host")).isNull();
	}

	@Test
	void environmentVariablesWinOverApplicationProperties() {
		StandardEnvironment environment = environment(
				Map.of("plugboard.env-prefix", "MYSERVICE", "plugboard.tcp.primary-db.port", "1111"),
				Map.of("MYSERVICE_PRIMARY_DB_PORT", "2222"));
		postProcess(environment);
		assertThat(environment.getProperty("plugboard.tcp.primary-db.port")).isEqualTo("2222");
	}

	@Test
	void plugboardTypeFormWorksForDashedNamesWithoutPrefix() {
		StandardEnvironment environment = environment(Map.of("plugboard.tcp.analytics-db.host", "db2"),
				Map.of("PLUGBOARD_TCP_ANALYTICS_DB_READ_TIMEOUT", "3s", "PLUGBOARD_TCP_ANALYTICS_DB_PORT", "7000"));
		postProcess(environment);
		assertThat(environment.getProperty("plugboard.tcp.analytics-db.read-timeout")).isEqualTo("3s");
		assertThat(environment.getProperty("plugboard.tcp.analytics-db.port")).isEqualTo("7000");
	}

	@Test
	void longerInstanceNameIsChosenWhenOnlyItMakesSense() {
		StandardEnvironment environment = environment(Map.of("plugboard.env-prefix", "APP",
				"plugboard.tcp.primary.host", "a", "plugboard.tcp.primary-db.host", "b"),
				Map.of("APP_PRIMARY_DB_PORT", "5", "APP_PRIMARY_PORT", "6"));
		postProcess(environment);
		assertThat(environment.getProperty("plugboard.tcp.primary-db.port")).isEqualTo("5");
		assertThat(environment.getProperty("plugboard.tcp.primary.port")).isEqualTo("6");
		assertThat(environment.getProperty("plugboard.tcp.primary.db.port")).isNull();
	}

	@Test
	void springStyleVariableDeclaresADashFreeInstance() {
		StandardEnvironment environment = environment(Map.of("plugboard.env-prefix", "APP"),
				Map.of("PLUGBOARD_TCP_DATACACHE_HOST", "cache2", "APP_DATACACHE_PORT", "6380"));
		postProcess(environment);
		assertThat(environment.getProperty("plugboard.tcp.datacache.port")).isEqualTo("6380");
	}

	@Test
	void variablesThatMatchNoDeclaredInstanceAreToldOfOnceEach() {
		SettingsTree tree = SettingsTree.of(TcpSettings.class);
		List<TypeInstances> declared = List.of(new TypeInstances("tcp", tree, List.of("primary-db", "cache")));
		SystemEnvironmentPropertySource variables = new SystemEnvironmentPropertySource("env",
				new java.util.LinkedHashMap<>(Map.of("APP_MAINDB_URL", "tcp://h:1", "APP_PRIMARY_DB_PORT", "5",
						"APP_VERSION", "1.2", "PLUGBOARD_TCP_MAIN_DB_HOST", "h", "PLUGBOARD_TCP_CACHE_PORT", "7",
						"PLUGBOARD_ENV_PREFIX", "APP")));
		List<String> warnings = new java.util.ArrayList<>();
		Map<String, Object> mapped = PlugboardEnvironmentPostProcessor.map(variables, "APP", declared, warnings::add);
		assertThat(mapped).containsOnlyKeys("plugboard.tcp.primary-db.port");
		assertThat(warnings).hasSize(2);
		assertThat(warnings).anySatisfy((warning) -> assertThat(warning)
			.startsWith("The environment variable APP_MAINDB_URL matches no declared instance: it reads as a setting "
					+ "of an instance 'maindb', and the declared instances are: tcp 'primary-db', tcp 'cache'.")
			.contains("A variable configures an instance but does not declare one: declare it with "
					+ "'plugboard.<type>.maindb.enabled=true'"));
		assertThat(warnings).anySatisfy((warning) -> assertThat(warning)
			.startsWith("The environment variable PLUGBOARD_TCP_MAIN_DB_HOST matches no declared instance: it reads as "
					+ "a setting of an instance 'main-db'")
			.contains("'plugboard.tcp.main-db.enabled=true' in application.yml (or PLUGBOARD_TCP_MAIN_DB_ENABLED=true)"));
	}

	@Test
	void ambiguousVariableIsAStartupErrorNamingBothCandidates() {
		SettingsTree tree = SettingsTree.of(TcpSettings.class);
		List<TypeInstances> declared = List.of(new TypeInstances("redis", tree, List.of("events")),
				new TypeInstances("rabbitmq", tree, List.of("events")));
		SystemEnvironmentPropertySource variables = new SystemEnvironmentPropertySource("env",
				Map.of("APP_EVENTS_HOST", "mq1"));
		assertThatExceptionOfType(PlugboardException.class)
			.isThrownBy(() -> PlugboardEnvironmentPostProcessor.map(variables, "APP", declared))
			.satisfies((ex) -> {
				assertThat(ex.getDescription()).contains("APP_EVENTS_HOST")
					.contains("'plugboard.redis.events.host'")
					.contains("'plugboard.rabbitmq.events.host'");
				assertThat(FailureAnalyses.analyze(ex).getAction()).contains("Rename one of the instances");
			});
	}

	@Test
	void instanceNameThatRepeatsASettingWordMapsOnce() {
		StandardEnvironment environment = environment(Map.of("plugboard.env-prefix", "APP",
				"plugboard.tcp.pool.host", "a"), Map.of("APP_POOL_POOL_MAXIMUM_SIZE", "3"));
		postProcess(environment);
		assertThat(environment.getProperty("plugboard.tcp.pool.pool.maximum-size")).isEqualTo("3");
	}

	private void postProcess(StandardEnvironment environment) {
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
	}

	private static StandardEnvironment environment(Map<String, Object> properties, Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new LinkedHashMap<>(variables)));
		environment.getPropertySources().addLast(new MapPropertySource("application", properties));
		return environment;
	}

}
