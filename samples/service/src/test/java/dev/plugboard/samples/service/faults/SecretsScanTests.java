package dev.plugboard.samples.service.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.plugboard.InstanceState;
import dev.plugboard.Plugboard;
import dev.plugboard.postgres.testing.PrivatePostgres;
import dev.plugboard.postgres.testing.SharedPostgres;
import dev.plugboard.rabbitmq.testing.RabbitBroker;
import dev.plugboard.redis.testing.PrivateRedis;
import dev.plugboard.samples.service.ServiceApplication;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Passwords set in every way — in URLs, as properties, as toolkit-style environment variables —
 * must never appear in the logs (at DEBUG), in the actuator's plugboard, health, env and
 * configprops output, or in exception messages, also while an instance fails.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsScanTests {

	private static final String PG_URL_SECRET = "PgUrl-Secret-9173";

	private static final String PG_PROPERTY_SECRET = "PgProp-Secret-4402";

	private static final String REDIS_URL_SECRET = "RedisUrl-Secret-2291";

	private static final String REDIS_ENV_SECRET = "RedisEnv-Secret-8840";

	private static final String RABBIT_SECRET = "Rabbit-Secret-5518";

	private static final List<String> SECRETS = List.of(PG_URL_SECRET, PG_PROPERTY_SECRET, REDIS_URL_SECRET,
			REDIS_ENV_SECRET, RABBIT_SECRET);

	@Test
	void noPasswordAnywhere(CapturedOutput output) throws Exception {
		String rabbitUser = "plugboard-secrets";
		List<String> responses = new ArrayList<>();
		try (PrivatePostgres postgres = PrivatePostgres.start(PG_URL_SECRET);
				PrivateRedis sessions = PrivateRedis.start("--requirepass", REDIS_URL_SECRET);
				PrivateRedis data = PrivateRedis.start("--requirepass", REDIS_ENV_SECRET)) {
			RabbitBroker.createUser(rabbitUser, RABBIT_SECRET);
			try (ConfigurableApplicationContext context = start(postgres, sessions, data, rabbitUser)) {
				int port = ((WebServerApplicationContext) context).getWebServer().getPort();
				Plugboard plugboard = context.getBean(Plugboard.class);
				assertThat(plugboard.instances()).allSatisfy(
						(instance) -> assertThat(instance.state()).as(instance.name()).isEqualTo(InstanceState.RUNNING));
				responses.add(post(port, "/users", "{\"email\":\"secret@example.com\",\"displayName\":\"S\"}"));
				responses.add(post(port, "/sessions", "{\"userId\":\"1\"}"));
				for (String path : List.of("/actuator/plugboard", "/actuator/health", "/actuator/env",
						"/actuator/configprops", "/actuator/health/redis/session-cache")) {
					responses.add(get(port, path));
				}
				sessions.kill();
				responses.add(post(port, "/sessions", "{\"userId\":\"1\"}"));
				await().atMost(Duration.ofSeconds(10))
					.until(() -> plugboard.find("redis", "session-cache").orElseThrow().state() == InstanceState.DEGRADED);
				responses.add(get(port, "/actuator/plugboard"));
				responses.add(get(port, "/actuator/health"));
			}
			finally {
				RabbitBroker.deleteUser(rabbitUser);
			}
		}
		String everything = output.getAll() + String.join("\n", responses);
		assertThat(output.getAll()).contains("DEBUG").contains("session-cache");
		assertThat(String.join("\n", responses)).contains("\"name\":\"analytics-db\"").contains("DEGRADED")
			// the env and configprops values really are shown: the scan would see a leak
			.contains("secrets_analytics")
			.contains("plugboard.redis.session-cache.health.interval");
		for (String secret : SECRETS) {
			assertThat(everything).as("occurrences of a password").doesNotContain(secret);
		}
	}

	private static ConfigurableApplicationContext start(PrivatePostgres postgres, PrivateRedis sessions,
			PrivateRedis data, String rabbitUser) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", "0");
		properties.put("plugboard.devservices.enabled", "false");
		properties.put("plugboard.postgres.primary-db.url", postgres.url("postgres"));
		properties.put("plugboard.postgres.analytics-db.url",
				SharedPostgres.url("test") + "?currentSchema=secrets_analytics");
		properties.put("plugboard.postgres.analytics-db.password", PG_PROPERTY_SECRET);
		properties.put("plugboard.postgres.analytics-db.flyway.schemas", "secrets_analytics");
		properties.put("plugboard.redis.session-cache.url", "redis://:" + REDIS_URL_SECRET + "@127.0.0.1:" + sessions.port());
		properties.put("plugboard.redis.session-cache.health.interval", "200ms");
		properties.put("plugboard.rabbitmq.events.url",
				"amqp://" + rabbitUser + ":" + RABBIT_SECRET + "@" + RabbitBroker.HOST + ":" + RabbitBroker.PORT + "/");
		properties.put("management.endpoints.web.exposure.include", "*");
		// values shown, as an operator debugging a deployment would switch on: Plugboard's
		// settings must still hide every password
		properties.put("management.endpoint.env.show-values", "always");
		properties.put("management.endpoint.configprops.show-values", "always");
		// exception messages reach the error responses, so they are scanned as well
		properties.put("server.error.include-message", "always");
		properties.put("server.error.include-exception", "true");
		properties.put("logging.level.dev.plugboard", "DEBUG");
		properties.put("logging.level.org.springframework.boot.context", "DEBUG");
		properties.put("logging.level.org.springframework.jdbc", "DEBUG");
		properties.put("logging.level.org.springframework.amqp", "DEBUG");
		properties.put("logging.level.org.springframework.data.redis", "DEBUG");
		properties.put("logging.level.com.zaxxer.hikari", "DEBUG");
		properties.put("logging.level.io.lettuce", "DEBUG");
		properties.put("logging.level.org.flywaydb", "DEBUG");
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("SERVICE_DATA_CACHE_URL", "redis://127.0.0.1:" + data.port() + "/0");
		variables.put("SERVICE_DATA_CACHE_PASSWORD", REDIS_ENV_SECRET);
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		environment.getPropertySources().addFirst(new MapPropertySource("secrets", properties));
		SpringApplication application = new SpringApplication(ServiceApplication.class);
		application.setEnvironment(environment);
		return application.run();
	}

	private static String get(int port, String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private static String post(int port, String path, String json) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

}
