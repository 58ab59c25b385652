package dev.plugboard.postgres.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.core.testing.TcpProxy;
import dev.plugboard.postgres.testing.SharedPostgres;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health of an instance whose PostgreSQL hangs: a proxy that the test owns accepts connections
 * and never answers. The health endpoint answers within the instance's health.timeout, not
 * after the pool's connection timeout.
 */
@SpringBootTest(classes = PostgresWebApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health",
				"management.endpoint.health.show-details=always" })
class PostgresStalledHealthTests {

	private static final String MAIN = "plugboard_stall_main";

	private static final String REPORTS = "plugboard_stall_reports";

	private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(1);

	private static TcpProxy proxy;

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) throws Exception {
		SharedPostgres.recreate(MAIN);
		SharedPostgres.recreate(REPORTS);
		proxy = new TcpProxy(SharedPostgres.HOST, SharedPostgres.PORT);
		registry.add("plugboard.postgres.main-db.url", () -> SharedPostgres.url(MAIN));
		registry.add("plugboard.postgres.main-db.primary", () -> "true");
		registry.add("plugboard.postgres.reports-db.url",
				() -> "postgres://" + SharedPostgres.USER + "@" + proxy.address() + "/" + REPORTS);
		registry.add("plugboard.postgres.reports-db.critical", () -> "false");
		registry.add("plugboard.postgres.reports-db.health.timeout", () -> HEALTH_TIMEOUT.toMillis() + "ms");
	}

	@AfterAll
	static void stop() {
		proxy.close();
		SharedPostgres.drop(MAIN);
		SharedPostgres.drop(REPORTS);
	}

	@Test
	void hungServerMakesItsNodeDegradedWithinTheHealthTimeout() throws Exception {
		assertThat(status(get("/actuator/health"), "reports-db")).isEqualTo("UP");
		// the pooled connections stay open, but their queries go unanswered
		proxy.mode(TcpProxy.Mode.STALL);
		assertDegradedWithinTheTimeout();
		// new connections are accepted, but the server never answers their login
		proxy.cut();
		assertDegradedWithinTheTimeout();
		proxy.mode(TcpProxy.Mode.FORWARD);
	}

	private void assertDegradedWithinTheTimeout() throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> response = get("/actuator/health");
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		// unbounded, the pool would wait its connection timeout (5 s) and the socket longer still
		assertThat(elapsed).isLessThan(HEALTH_TIMEOUT.plusSeconds(2));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<String>read(response.body(), "$.status")).isEqualTo("UP");
		assertThat(status(response, "reports-db")).isEqualTo("DEGRADED");
		assertThat(status(response, "main-db")).isEqualTo("UP");
	}

	private static String status(HttpResponse<String> response, String instance) {
		return JsonPath.read(response.body(), "$.components.postgres.components." + instance + ".status");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
