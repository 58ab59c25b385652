package dev.plugboard.samples.service.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.InstanceState;
import dev.plugboard.PlugInstance;
import dev.plugboard.Plugboard;
import dev.plugboard.redis.testing.PrivateRedis;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The data cache (a private redis-server) is killed and restarted under steady load on
 * {@code GET /users/{id}}: the endpoint keeps answering from the database, with no 5xx, and the
 * cache instance comes back without a restart of the application.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "plugboard.redis.data-cache.health.interval=200ms",
				"plugboard.redis.data-cache.startup.retry-interval=200ms" })
class CacheOutageUnderLoadTests {

	private static final PrivateRedis cache = PrivateRedis.start();

	@LocalServerPort
	int port;

	@Autowired
	Plugboard plugboard;

	@DynamicPropertySource
	static void dataCache(DynamicPropertyRegistry registry) {
		registry.add("plugboard.redis.data-cache.url", cache::url);
	}

	@AfterAll
	static void stop() {
		cache.close();
	}

	@Test
	void readsKeepWorkingWhileTheCacheIsDownAndTheCacheComesBack() throws Exception {
		HttpResponse<String> created = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/users"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"load@example.com\",\"displayName\":\"Load\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		int id = JsonPath.read(created.body(), "$.id");
		PlugInstance dataCache = this.plugboard.find("redis", "data-cache").orElseThrow();
		long recoveryMillis;
		long calls;
		try (Load load = new Load("http://127.0.0.1:" + this.port + "/users/" + id, Duration.ofMillis(10), 5_000)) {
			// wait for calls in each phase rather than for fixed times: a busy machine answers slower
			await().atMost(Duration.ofSeconds(10)).until(() -> load.outcomes().size() >= 20);
			cache.kill();
			await().atMost(Duration.ofSeconds(10)).until(() -> dataCache.state() == InstanceState.DEGRADED);
			long degraded = System.nanoTime();
			await().atMost(Duration.ofSeconds(10)).until(() -> load.sentSince(degraded) >= 30);
			long restarted = System.nanoTime();
			cache.startServer();
			await().atMost(Duration.ofSeconds(15)).until(() -> dataCache.state() == InstanceState.RUNNING);
			long recovered = System.nanoTime();
			recoveryMillis = (recovered - restarted) / 1_000_000;
			await().atMost(Duration.ofSeconds(10)).until(() -> load.sentSince(recovered) >= 20);
			load.close();
			calls = load.outcomes().size();
			assertThat(load.count((status) -> status != 200)).as("responses other than 200").isZero();
		}
		System.out.println("Cache outage under load: 0 errors in " + calls + " calls; data-cache back to RUNNING "
				+ recoveryMillis + " ms after the server restarted");
		assertThat(recoveryMillis).isLessThan(15_000);
	}

}
