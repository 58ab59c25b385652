package dev.plugboard.samples.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import dev.plugboard.Plug;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service as a newcomer runs it: no configuration, every instance on a dev service, driven
 * over HTTP; then the data is checked in each store.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ServiceEndToEndTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	@Plug("primary-db")
	JdbcClient users;

	@Autowired
	@Plug("analytics-db")
	JdbcClient analytics;

	@Autowired
	@Plug("data-cache")
	StringRedisTemplate dataCache;

	@Autowired
	@Plug("session-cache")
	StringRedisTemplate sessionCache;

	@Test
	void registerReadAuditAndSessionsLandInTheirOwnStores() throws Exception {
		HttpResponse<String> created = post("/users", "{\"email\":\"grace@example.com\",\"displayName\":\"Grace\"}");
		assertThat(created.statusCode()).isEqualTo(201);
		int id = JsonPath.read(created.body(), "$.id");
		assertThat(this.users.sql("SELECT display_name FROM app_user WHERE id = :id").param("id", id)
			.query(String.class)
			.single()).isEqualTo("Grace");

		assertThat(get("/users/" + id).body()).contains("\"email\":\"grace@example.com\"");
		// Spring Data Redis 4 stores the entry after a @Cacheable miss asynchronously
		await().atMost(Duration.ofSeconds(5)).until(() -> this.dataCache.hasKey("users::" + id));
		assertThat(this.sessionCache.hasKey("users::" + id)).isFalse();

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.analytics.sql("SELECT count(*) FROM audit_log WHERE subject = :subject")
				.param("subject", id + ":grace@example.com")
				.query(Long.class)
				.single() == 1);
		assertThat(JsonPath.<List<String>>read(get("/audit").body(), "$[*].subject")).contains(id + ":grace@example.com");

		String token = JsonPath.read(post("/sessions", "{\"userId\":\"" + id + "\"}").body(), "$.token");
		assertThat(this.sessionCache.opsForValue().get("session:" + token)).isEqualTo(String.valueOf(id));
		assertThat(this.dataCache.hasKey("session:" + token)).isFalse();
		assertThat(get("/sessions/" + token).body()).contains("\"userId\":\"" + id + "\"");

		assertThat(post("/users", "{\"email\":\"grace@example.com\",\"displayName\":\"Again\"}").statusCode())
			.isEqualTo(409);
	}

	@Test
	void healthAndPlugboardEndpointShowEveryInstance() throws Exception {
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<String>read(health.body(), "$.status")).isEqualTo("UP");
		for (String path : List.of("postgres.components.primary-db", "postgres.components.analytics-db",
				"redis.components.session-cache", "redis.components.data-cache", "rabbitmq.components.events")) {
			assertThat(JsonPath.<String>read(health.body(), "$.components." + path + ".status")).as(path).isEqualTo("UP");
		}
		String plugboard = get("/actuator/plugboard").body();
		List<Map<String, Object>> instances = JsonPath.read(plugboard, "$.instances");
		assertThat(instances).extracting((instance) -> instance.get("type") + "/" + instance.get("name"))
			.containsExactlyInAnyOrder("postgres/primary-db", "postgres/analytics-db", "redis/session-cache",
					"redis/data-cache", "rabbitmq/events");
		assertThat(instances).allSatisfy((instance) -> {
			assertThat(instance.get("state")).isEqualTo("RUNNING");
			// an embedded server here; a container where a Docker engine answers
			assertThat(((Map<?, ?>) instance.get("attributes")).get("devService")).asString()
				.matches("(embedded .+|.+ container .+) on [^ ]+:\\d+.*");
		});
		assertThat(JsonPath.<List<String>>read(plugboard, "$.modules[*].name")).contains("plugboard-autoconfigure-devservices",
				"plugboard-autoconfigure-postgres-jpa", "plugboard-autoconfigure-redis", "plugboard-autoconfigure-rabbitmq");
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String json) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
