package dev.plugboard.core.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.plugboard.InstanceState;
import dev.plugboard.Plugboard;
import dev.plugboard.core.tcp.PingServer;
import dev.plugboard.core.testing.TcpProxy;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health, readiness, the plugboard endpoint and metrics over HTTP on a booted application, with
 * servers the test stalls through a proxy.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,plugboard,metrics,env",
				"management.endpoint.env.show-values=always",
				"management.endpoint.health.show-details=always", "management.endpoint.health.probes.enabled=true" })
class HealthAndEndpointTests {

	private static final PingServer server = start(new PingServer());

	private static final TcpProxy mainProxy = proxy();

	private static final TcpProxy cacheProxy = proxy();

	private static final TcpProxy reportsProxy = proxy();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	Plugboard plugboard;

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		registry.add("plugboard.tcp.main.url", () -> "tcp://svc:MainPassw0rd@127.0.0.1:" + mainProxy.port());
		registry.add("plugboard.tcp.main.health.timeout", () -> "500ms");
		registry.add("plugboard.tcp.main.health.interval", () -> "0s");
		registry.add("plugboard.tcp.main.read-timeout", () -> "1s");
		registry.add("plugboard.tcp.main.startup.retry-interval", () -> "200ms");
		registry.add("plugboard.tcp.session-cache.read-timeout", () -> "1s");
		registry.add("plugboard.tcp.session-cache.startup.retry-interval", () -> "200ms");
		registry.add("plugboard.tcp.session-cache.port", () -> cacheProxy.port());
		registry.add("plugboard.tcp.session-cache.password", () -> "CachePassw0rd");
		registry.add("plugboard.tcp.session-cache.critical", () -> "false");
		registry.add("plugboard.tcp.session-cache.health.timeout", () -> "500ms");
		registry.add("plugboard.tcp.session-cache.health.interval", () -> "0s");
		registry.add("plugboard.tcp.reports.port", () -> reportsProxy.port());
		registry.add("plugboard.tcp.reports.critical", () -> "false");
		registry.add("plugboard.tcp.reports.read-timeout", () -> "1s");
		registry.add("plugboard.tcp.reports.startup.retry-interval", () -> "200ms");
		registry.add("plugboard.tcp.reports.health.timeout", () -> "500ms");
		registry.add("plugboard.tcp.reports.health.interval", () -> "0s");
	}

	@AfterEach
	void forward() {
		mainProxy.mode(TcpProxy.Mode.FORWARD);
		cacheProxy.mode(TcpProxy.Mode.FORWARD);
		reportsProxy.mode(TcpProxy.Mode.FORWARD);
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
			.until(() -> this.plugboard.instances().stream().allMatch((i) -> i.state() == InstanceState.RUNNING));
	}

	@AfterAll
	static void stop() {
		mainProxy.close();
		cacheProxy.close();
		reportsProxy.close();
		server.stop();
	}

	@Test
	void healthShowsOneChildPerInstance() throws Exception {
		Response health = get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body()).contains("\"tcp\"").contains("\"main\"").contains("\"session-cache\"");
		Response child = get("/actuator/health/tcp/main");
		assertThat(child.status()).isEqualTo(200);
		assertThat(child.body()).contains("\"status\":\"UP\"")
			.contains("\"endpoint\":\"127.0.0.1:" + mainProxy.port() + "\"")
			.contains("\"version\":\"ping-server/1.0\"")
			.contains("\"latencyMs\"")
			.doesNotContain("MainPassw0rd");
	}

	@Test
	void stalledNonCriticalInstanceIsDegradedWithinItsTimeoutAndOverallStaysUp() throws Exception {
		cacheProxy.mode(TcpProxy.Mode.STALL);
		cacheProxy.cut();
		Response health = get("/actuator/health");
		assertThat(health.elapsed()).isLessThan(Duration.ofMillis(500 + 700));
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json("$.status")).isEqualTo("UP");
		assertThat(health.json("$.components.tcp.components.session-cache.status")).isEqualTo("DEGRADED");
		assertThat(health.json("$.components.tcp.components.main.status")).isEqualTo("UP");
		assertThat(health.json("$.components.tcp.components.session-cache.details.error"))
			.contains("no answer from 127.0.0.1:" + cacheProxy.port() + " within 500 ms");
		assertThat(health.body()).doesNotContain("CachePassw0rd");
		assertThat(get("/actuator/health/liveness").status()).isEqualTo(200);
	}

	@Test
	void stalledCriticalInstanceMakesHealthDownWithinItsTimeout() throws Exception {
		// three stalled instances of 500 ms each: checked one after the other they would take
		// 1.5 s, so answering within 1.2 s shows that the checks run side by side
		for (TcpProxy proxy : new TcpProxy[] { mainProxy, cacheProxy, reportsProxy }) {
			proxy.mode(TcpProxy.Mode.STALL);
			proxy.cut();
		}
		Response health = get("/actuator/health");
		assertThat(health.elapsed()).isLessThan(Duration.ofMillis(500 + 700));
		assertThat(health.json("$.components.tcp.components.reports.status")).isEqualTo("DEGRADED");
		assertThat(health.status()).isEqualTo(503);
		assertThat(health.json("$.status")).isEqualTo("DOWN");
		assertThat(health.json("$.components.tcp.components.main.status")).isEqualTo("DOWN");
		assertThat(health.json("$.components.tcp.components.session-cache.status")).isEqualTo("DEGRADED");
		assertThat(get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(get("/actuator/health/readiness").status()).isEqualTo(503);
		mainProxy.mode(TcpProxy.Mode.FORWARD);
		cacheProxy.mode(TcpProxy.Mode.FORWARD);
		reportsProxy.mode(TcpProxy.Mode.FORWARD);
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
			.until(() -> get("/actuator/health").status() == 200);
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
			.until(() -> get("/actuator/health/readiness").status() == 200);
	}

	@Test
	void plugboardEndpointListsInstancesAndModulesWithoutPasswords() throws Exception {
		Response response = get("/actuator/plugboard");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("\"type\":\"tcp\"")
			.contains("\"name\":\"main\"")
			.contains("\"name\":\"session-cache\"")
			.contains("\"state\":\"RUNNING\"")
			.contains("\"critical\":false")
			.contains("\"TcpClient\":\"sessionCacheTcpClient\"")
			.contains("\"endpoint\":\"127.0.0.1:" + mainProxy.port() + "\"")
			.contains("\"name\":\"plugboard-autoconfigure-core\"")
			.doesNotContain("MainPassw0rd")
			.doesNotContain("CachePassw0rd");
		assertThat(response.json("$.modules[?(@.name == 'plugboard-autoconfigure-core')].version"))
			.matches("\\[\"\\d+\\.\\d+\\.\\d+[^\"$]*\"\\]");
		assertThat(response.json("$.instances[?(@.name == 'main')].primary")).isEqualTo("[false]");
	}

	@Test
	void plugboardEndpointShowsWhenAnInstanceDegradedAndWhy() throws Exception {
		Instant stalled = Instant.now();
		cacheProxy.mode(TcpProxy.Mode.STALL);
		cacheProxy.cut();
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
			.until(() -> get("/actuator/health/tcp/session-cache").body().contains("DEGRADED"));
		Response response = get("/actuator/plugboard");
		String cache = "$.instances[?(@.name == 'session-cache')]";
		assertThat(response.json(cache + ".state")).isEqualTo("[\"DEGRADED\"]");
		assertThat(response.json(cache + ".lastError")).contains("no answer from 127.0.0.1:" + cacheProxy.port());
		String since = response.json(cache + ".since").replaceAll("[\\[\\]\"]", "");
		assertThat(Instant.parse(since)).isAfterOrEqualTo(stalled).isBeforeOrEqualTo(Instant.now());
		// null fields are left out of the response
		assertThat(response.json("$.instances[?(@.name == 'main')].lastError")).isEqualTo("[]");
		assertThat(response.body()).doesNotContain("CachePassw0rd").doesNotContain("MainPassw0rd");
	}

	@Test
	void envEndpointShowingValuesMasksInstancePasswords() throws Exception {
		Response env = get("/actuator/env");
		assertThat(env.status()).isEqualTo(200);
		// values are shown, so the passwords would be too
		assertThat(env.body()).contains("plugboard.tcp.session-cache.password")
			.contains("\"value\":\"tcp://svc:******@127.0.0.1:" + mainProxy.port() + "\"")
			.doesNotContain("CachePassw0rd")
			.doesNotContain("MainPassw0rd");
	}

	@Test
	void stateGaugeIsTaggedWithTypeAndName() throws Exception {
		Response response = get("/actuator/metrics/plugboard.instance.state?tag=type:tcp&tag=name:session-cache");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("\"value\":2.0");
		Response startup = get("/actuator/metrics/plugboard.instance.startup?tag=name:main");
		assertThat(startup.status()).isEqualTo(200);
		assertThat(startup.body()).contains("\"statistic\":\"COUNT\",\"value\":1.0");
	}

	private Response get(String path) throws IOException, InterruptedException {
		long start = System.nanoTime();
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		return new Response(response.statusCode(), response.body(), Duration.ofNanos(System.nanoTime() - start));
	}

	private static PingServer start(PingServer server) {
		try {
			return server.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static TcpProxy proxy() {
		try {
			return new TcpProxy("127.0.0.1", server.port());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Response(int status, String body, Duration elapsed) {

		String json(String path) {
			return String.valueOf((Object) com.jayway.jsonpath.JsonPath.read(this.body, path));
		}

	}

}
