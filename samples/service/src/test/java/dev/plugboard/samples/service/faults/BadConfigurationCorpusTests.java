package dev.plugboard.samples.service.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.plugboard.Plug;
import dev.plugboard.core.testing.TcpProxy;
import dev.plugboard.postgres.testing.PrivatePostgres;
import dev.plugboard.postgres.testing.SharedPostgres;
import dev.plugboard.rabbitmq.testing.RabbitBroker;
import dev.plugboard.redis.testing.PrivateRedis;
import dev.plugboard.redis.testing.SharedRedis;
import dev.plugboard.samples.service.ServiceApplication;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A corpus of broken configurations of the service. Each one must stop the application with
 * Spring Boot's "APPLICATION FAILED TO START" report naming the property to fix, and none may
 * print a password.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadConfigurationCorpusTests {

	static final String SECRET = "Corpus-S3cret-Pw";

	/** The fix each case's action must give, by case name. */
	private static final Map<String, String> FIXES = Map.ofEntries(
		Map.entry("malformed postgres port",
				"Use a URL of the form postgres://… or postgresql://…"),
		Map.entry("unknown postgres scheme",
				"Use a URL of the form postgres://… or postgresql://…"),
		Map.entry("postgres URL without host",
				"Use a URL of the form postgres://… or postgresql://…"),
		Map.entry("negative pool size",
				"Set 'plugboard.postgres.primary-db.hikari.maximum-pool-size' (environment variable SERVICE_PRIMARY_DB_HIKARI_MAXIMUM_POOL_SIZE) to"),
		Map.entry("postgres port out of range",
				"Set the port of the PostgreSQL server, usually 5432"),
		Map.entry("empty database name",
				"Name the database, for example plugboard.postgres.analytics-db.database=app"),
		Map.entry("unknown schema action",
				"Use one of none, validate, update, create or create-drop"),
		Map.entry("unknown JPA packages",
				"to the packages of the instance's entities and repositories"),
		Map.entry("not a duration",
				"(environment variable SERVICE_ANALYTICS_DB_STARTUP_TIMEOUT) to a duration such as 500ms, 30s or 2m"),
		Map.entry("two postgres primaries",
				"Keep 'primary: true' on one postgres instance only"),
		Map.entry("malformed redis database",
				"End the URL with the database index"),
		Map.entry("negative redis database",
				"Use a database index from 0"),
		Map.entry("unknown redis scheme",
				"Use a URL of the form redis://"),
		Map.entry("redis port out of range",
				"Set the port of the Redis server, usually 6379"),
		Map.entry("two redis primaries",
				"Keep 'primary: true' on one redis instance only"),
		Map.entry("malformed amqp port",
				"Use a URL of the form amqp://… or amqps://…"),
		Map.entry("unknown amqp scheme",
				"Use a URL of the form amqp://… or amqps://…"),
		Map.entry("blank virtual host",
				"Leave it unset for '/', or name the virtual host"),
		Map.entry("no publish attempts",
				"Set a positive number"),
		Map.entry("instance name not kebab-case",
				"Name instances with lower-case letters, digits and dashes: 'plugboard.redis.data-cache.*'"),
		Map.entry("wrong postgres password",
				"The server refused the credentials: check 'plugboard.postgres.primary-db.username'"),
		Map.entry("missing database",
				"create it or fix 'plugboard.postgres.primary-db.database'"),
		Map.entry("unreachable postgres",
				"start the server or fix 'plugboard.postgres.primary-db.host'"),
		Map.entry("wrong rabbit password",
				"The broker refused the credentials: check 'plugboard.rabbitmq.events.username'"),
		Map.entry("missing virtual host",
				"create it and grant the user permissions"),
		Map.entry("unreachable broker",
				"start the broker or fix 'plugboard.rabbitmq.events.host'"),
		Map.entry("wrong redis password on a critical cache",
				"The server refused the credentials: check 'plugboard.redis.data-cache.username'"),
		Map.entry("redis database out of range",
				"fix 'plugboard.redis.data-cache.database'"),
		Map.entry("unknown setting (a typo)",
				"Rename it to 'plugboard.redis.data-cache.host' (environment variable SERVICE_DATA_CACHE_HOST)"),
		Map.entry("unknown nested setting",
				"Rename it to 'plugboard.postgres.primary-db.hikari.maximum-pool-size'"),
		Map.entry("unknown type (a typo)",
				"Rename it to 'plugboard.postgres.x.url'"),
		Map.entry("two instances on one database and schema",
				"if the two are meant to share it, set 'plugboard.postgres.analytics-db.shared-with'"),
		Map.entry("schema validation against an empty schema",
				"bring the schema in line with the entities"),
		Map.entry("bad SQL in a migration",
				"fix the failing migration"),
		Map.entry("ambiguous environment variable",
				"Rename one of the instances so that their environment forms differ"),
		Map.entry("unknown @Plug instance",
				"Use the name of a configured instance in @Plug, or declare the instance"));

	private static PrivatePostgres postgres;

	private static PrivateRedis redis;

	@BeforeAll
	static void start() {
		postgres = PrivatePostgres.start(SECRET);
		redis = PrivateRedis.start("--requirepass", SECRET);
	}

	@AfterAll
	static void stop() {
		postgres.close();
		redis.close();
	}

	static Stream<Arguments> corpus() {
		int nothing = TcpProxy.freePort();
		List<Arguments> cases = new ArrayList<>();
		cases.add(broken("malformed postgres port", "plugboard.postgres.primary-db.url", "postgres://app:" + SECRET + "@db1:54x2/users"));
		cases.add(broken("unknown postgres scheme", "plugboard.postgres.primary-db.url", "mysql://app:" + SECRET + "@db1/users"));
		cases.add(broken("postgres URL without host", "plugboard.postgres.primary-db.url", "postgres://app:" + SECRET + "@:5432/users"));
		cases.add(broken("negative pool size", "plugboard.postgres.primary-db.hikari.maximum-pool-size", "-4"));
		cases.add(broken("postgres port out of range", "plugboard.postgres.primary-db.port", "70000"));
		cases.add(broken("empty database name", "plugboard.postgres.analytics-db.database", " "));
		cases.add(broken("unknown schema action", "plugboard.postgres.primary-db.jpa.ddl-auto", "sometimes"));
		cases.add(broken("unknown JPA packages", "plugboard.postgres.primary-db.jpa.packages", "com.acme.nowhere"));
		cases.add(broken("not a duration", "plugboard.postgres.analytics-db.startup.timeout", "soon"));
		cases.add(broken("two postgres primaries", "plugboard.postgres.analytics-db.primary", "true"));
		cases.add(broken("malformed redis database", "plugboard.redis.data-cache.url", "redis://:" + SECRET + "@cache1:6379/two"));
		cases.add(broken("negative redis database", "plugboard.redis.data-cache.database", "-2"));
		cases.add(broken("unknown redis scheme", "plugboard.redis.session-cache.url", "http://cache1:6379"));
		cases.add(broken("redis port out of range", "plugboard.redis.session-cache.port", "0"));
		cases.add(broken("two redis primaries", "plugboard.redis.session-cache.primary", "true"));
		cases.add(broken("malformed amqp port", "plugboard.rabbitmq.events.url", "amqp://app:" + SECRET + "@mq1:56x2/"));
		cases.add(broken("unknown amqp scheme", "plugboard.rabbitmq.events.url", "mqtt://app:" + SECRET + "@mq1/"));
		cases.add(broken("blank virtual host", "plugboard.rabbitmq.events.virtual-host", " "));
		cases.add(broken("no publish attempts", "plugboard.rabbitmq.events.template.publish-attempts", "0"));
		cases.add(broken("instance name not kebab-case", List.of("plugboard.redis.Data_Cache", "data-cache"),
				Map.of("plugboard.redis.Data_Cache.url", SharedRedis.url(3))));
		cases.add(answered("wrong postgres password", "plugboard.postgres.primary-db.password",
				Map.of("plugboard.postgres.primary-db.url", "postgres://test@127.0.0.1:" + postgres.port() + "/postgres",
						"plugboard.postgres.primary-db.password", "Wrong-" + SECRET)));
		cases.add(answered("missing database", "plugboard.postgres.primary-db.database",
				Map.of("plugboard.postgres.primary-db.url", SharedPostgres.url("plugboard_corpus_missing"))));
		cases.add(silent("unreachable postgres", "plugboard.postgres.primary-db.host",
				Map.of("plugboard.postgres.primary-db.url", "postgres://app:" + SECRET + "@127.0.0.1:" + nothing + "/users")));
		cases.add(answered("wrong rabbit password", "plugboard.rabbitmq.events.password",
				Map.of("plugboard.rabbitmq.events.url", "amqp://guest:" + SECRET + "@" + RabbitBroker.HOST + ":" + RabbitBroker.PORT + "/")));
		cases.add(answered("missing virtual host", "plugboard.rabbitmq.events.virtual-host",
				Map.of("plugboard.rabbitmq.events.url", RabbitBroker.url("plugboard-corpus-missing"))));
		cases.add(silent("unreachable broker", "plugboard.rabbitmq.events.host",
				Map.of("plugboard.rabbitmq.events.url", "amqp://guest:" + SECRET + "@127.0.0.1:" + nothing + "/")));
		cases.add(answered("wrong redis password on a critical cache", "plugboard.redis.data-cache.password",
				Map.of("plugboard.redis.data-cache.url", "redis://:Wrong-" + SECRET + "@127.0.0.1:" + redis.port() + "/0",
						"plugboard.redis.data-cache.critical", "true")));
		cases.add(answered("redis database out of range", "plugboard.redis.data-cache.database",
				Map.of("plugboard.redis.data-cache.url", "redis://:" + SECRET + "@127.0.0.1:" + redis.port() + "/99",
						"plugboard.redis.data-cache.critical", "true")));
		cases.add(broken("unknown setting (a typo)", List.of("'plugboard.redis.data-cache.hots'", "SERVICE_DATA_CACHE_HOTS",
				"did you mean 'host'?"), Map.of("plugboard.redis.data-cache.hots", "redis.example")));
		cases.add(broken("unknown nested setting", List.of("'plugboard.postgres.primary-db.hikari.maximum-pool-sise'",
				"SERVICE_PRIMARY_DB_HIKARI_MAXIMUM_POOL_SISE", "did you mean 'hikari.maximum-pool-size'?"),
				Map.of("plugboard.postgres.primary-db.hikari.maximum-pool-sise", "4")));
		cases.add(broken("unknown type (a typo)", List.of("'plugboard.postgress.x.url'", "PLUGBOARD_POSTGRESS_X_URL",
				"did you mean 'postgres'?", "Rename it to 'plugboard.postgres.x.url'"),
				Map.of("plugboard.postgress.x.url", SharedPostgres.url("test"))));
		cases.add(broken("two instances on one database and schema",
				List.of("'primary-db' and 'analytics-db' resolve to the same database and schema",
						"'plugboard.postgres.analytics-db.shared-with'", "SERVICE_ANALYTICS_DB_SHARED_WITH",
						"'plugboard.postgres.analytics-db.url'", "SERVICE_ANALYTICS_DB_URL"),
				Map.of("plugboard.postgres.analytics-db.url", SharedPostgres.url("test") + "?currentSchema=corpus_users",
						"plugboard.postgres.analytics-db.flyway.schemas", "corpus_users")));
		cases.add(broken("schema validation against an empty schema",
				List.of("answered but could not start", "missing table", "'plugboard.postgres.primary-db.jpa.ddl-auto'",
						"SERVICE_PRIMARY_DB_JPA_DDL_AUTO"),
				Map.of("plugboard.postgres.primary-db.url", SharedPostgres.url("test") + "?currentSchema=corpus_empty",
						// Flyway creates the schema and finds nothing to migrate in it
						"plugboard.postgres.primary-db.flyway.schemas", "corpus_empty",
						"plugboard.postgres.primary-db.flyway.locations", "classpath:corpus/no-migrations")));
		cases.add(broken("bad SQL in a migration",
				List.of("answered but could not start", "fix the failing migration",
						"'plugboard.postgres.primary-db.flyway.locations'", "SERVICE_PRIMARY_DB_FLYWAY_LOCATIONS"),
				Map.of("plugboard.postgres.primary-db.url", SharedPostgres.url("test") + "?currentSchema=corpus_broken",
						"plugboard.postgres.primary-db.flyway.schemas", "corpus_broken",
						"plugboard.postgres.primary-db.flyway.locations", "classpath:corpus/bad-migration")));
		cases.add(Arguments.of("ambiguous environment variable",
				List.of("SERVICE_EVENTS_HOST", "'plugboard.redis.events.host'", "'plugboard.rabbitmq.events.host'"),
				Map.of("plugboard.redis.events.url", SharedRedis.url(4)), Map.of("SERVICE_EVENTS_HOST", "mq1"),
				List.of()));
		cases.add(Arguments.of("unknown @Plug instance",
				List.of("@Plug(\"audit-db\")", "'analytics-db' (postgres)", "PLUGBOARD_<TYPE>_AUDIT_DB_URL"), Map.of(),
				Map.of(), List.of(WrongPlug.class)));
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void failsWithTheAnalyzersMessageAndNoPassword(String name, List<String> expected, Map<String, Object> properties,
			Map<String, Object> variables, List<Class<?>> extra, CapturedOutput output) {
		List<Class<?>> sources = new ArrayList<>(List.of(ServiceApplication.class));
		sources.addAll(extra);
		SpringApplication application = new SpringApplication(sources.toArray(Class<?>[]::new));
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new LinkedHashMap<>(variables)));
		Map<String, Object> all = new LinkedHashMap<>(baseline());
		all.putAll(properties);
		environment.getPropertySources().addFirst(new MapPropertySource("corpus", all));
		application.setEnvironment(environment);
		assertThatException().isThrownBy(application::run);
		assertThat(output).as(name).contains("APPLICATION FAILED TO START").doesNotContain(SECRET);
		// the failure analysis itself, not the log lines before it, names what to fix
		String report = output.getAll().substring(output.getAll().lastIndexOf("APPLICATION FAILED TO START"));
		assertThat(report).as(name).contains("Description:").contains("Action:");
		assertThat(report).as(name).contains(expected);
		// and its action says how to fix it
		String action = report.substring(report.indexOf("Action:"));
		assertThat(FIXES).as("the fix expected for " + name).containsKey(name);
		assertThat(action).as(name + ": the fix").contains(FIXES.get(name));
	}

	/**
	 * A working configuration on the shared servers, quick to give up: each case breaks one thing.
	 */
	private static Map<String, Object> baseline() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("plugboard.devservices.enabled", "false");
		properties.put("spring.main.web-application-type", "none");
		properties.put("plugboard.postgres.primary-db.url", SharedPostgres.url("test") + "?currentSchema=corpus_users");
		properties.put("plugboard.postgres.primary-db.flyway.schemas", "corpus_users");
		properties.put("plugboard.postgres.analytics-db.url",
				SharedPostgres.url("test") + "?currentSchema=corpus_analytics");
		properties.put("plugboard.postgres.analytics-db.flyway.schemas", "corpus_analytics");
		properties.put("plugboard.redis.session-cache.url", SharedRedis.url(5));
		properties.put("plugboard.redis.data-cache.url", SharedRedis.url(6));
		properties.put("plugboard.rabbitmq.events.url", RabbitBroker.url(""));
		for (String instance : List.of("postgres.primary-db", "postgres.analytics-db", "redis.session-cache",
				"redis.data-cache", "rabbitmq.events")) {
			properties.put("plugboard." + instance + ".startup.timeout", "700ms");
			properties.put("plugboard." + instance + ".startup.retry-interval", "200ms");
		}
		return properties;
	}

	private static Arguments broken(String name, String property, String value) {
		return broken(name, property, Map.of(property, value));
	}

	/**
	 * A case whose report must name the property and its environment variable.
	 */
	private static Arguments broken(String name, String property, Map<String, Object> properties) {
		return broken(name, List.of("'" + property + "'", variable(property)), properties);
	}

	/**
	 * A server that answered and refused: told at once as what it is, not as a timeout.
	 */
	private static Arguments answered(String name, String property, Map<String, Object> properties) {
		return broken(name, List.of("'" + property + "'", variable(property), "answered but could not start"),
				properties);
	}

	/**
	 * A server that never answered: told as a timeout, with the address to check.
	 */
	private static Arguments silent(String name, String property, Map<String, Object> properties) {
		return broken(name, List.of("'" + property + "'", variable(property), "did not answer within 700 ms",
				"Nothing answers at"), properties);
	}

	private static Arguments broken(String name, List<String> expected, Map<String, Object> properties) {
		return Arguments.of(name, expected, properties, Map.of(), List.of());
	}

	// the service sets plugboard.env-prefix=SERVICE: plugboard.<type>.<instance>.<setting> is
	// SERVICE_<INSTANCE>_<SETTING>
	private static String variable(String property) {
		String instanceAndSetting = property.substring(property.indexOf('.', "plugboard.".length()) + 1);
		return "SERVICE_" + instanceAndSetting.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
	}

	@Configuration(proxyBeanMethods = false)
	static class WrongPlug {

		@Bean
		String wrongPlug(@Plug("audit-db") StringRedisTemplate template) {
			return template.toString();
		}

	}

}
