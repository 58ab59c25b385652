package dev.plugboard.redis.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.redis.testing.PrivateRedis;
import dev.plugboard.redis.testing.SharedRedis;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health, metrics and the Plugboard endpoint of two Redis instances over HTTP, with Spring
 * Boot's full auto-configuration (its Redis health indicators included): {@code session-cache} on
 * the shared server, {@code data-cache} on a private password-protected server that one test
 * kills and restarts.
 */
@SpringBootTest(classes = RedisWebApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,metrics,plugboard",
				"management.endpoint.health.show-details=always", "management.endpoint.health.probes.enabled=true" })
@DirtiesContext
class RedisHealthAndMetricsTests {

	// unique per run: other builds may run these tests against the same shared server at once
	private static final String RUN = java.util.UUID.randomUUID().toString().substring(0, 8);


	private static final String PASSWORD = "Web-Secret-1";

	private static PrivateRedis dataServer;

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		dataServer = PrivateRedis.start("--requirepass", PASSWORD);
		registry.add("plugboard.redis.session-cache.url", () -> SharedRedis.url(9));
		registry.add("plugboard.redis.session-cache.primary", () -> "true");
		registry.add("plugboard.redis.data-cache.url",
				() -> "redis://:" + PASSWORD + "@127.0.0.1:" + dataServer.port() + "/2");
		registry.add("plugboard.redis.data-cache.startup.retry-interval", () -> "200ms");
		registry.add("plugboard.redis.data-cache.health.interval", () -> "200ms");
		registry.add("plugboard.redis.data-cache.cache.cache-names", () -> "items");
		registry.add("plugboard.redis.data-cache.cache.enable-statistics", () -> "true");
	}

	@AfterAll
	static void stopServer() {
		dataServer.close();
	}

	@Test
	void healthHasOneNodePerInstanceAndBootsIndicatorBacksOff() throws Exception {
		String body = get("/actuator/health", 200);
		assertThat(JsonPath.<String>read(body, "$.status")).isEqualTo("UP");
		assertThat(JsonPath.<Map<String, Object>>read(body, "$.components.redis.components")).containsOnlyKeys(
				"session-cache", "data-cache");
		String data = "$.components.redis.components['data-cache']";
		assertThat(JsonPath.<String>read(body, data + ".status")).isEqualTo("UP");
		assertThat(JsonPath.<String>read(body, data + ".details.version")).startsWith("Redis ");
		assertThat(JsonPath.<String>read(body, data + ".details.mode")).isEqualTo("standalone");
		assertThat(JsonPath.<Integer>read(body, data + ".details.database")).isEqualTo(2);
		assertThat(JsonPath.<String>read(body, data + ".details.endpoint"))
			.isEqualTo("127.0.0.1:" + dataServer.port() + "/2");
		String single = get("/actuator/health/redis/session-cache", 200);
		assertThat(JsonPath.<String>read(single, "$.status")).isEqualTo("UP");
		assertThat(JsonPath.<Boolean>read(single, "$.details.primary")).isTrue();
		assertThat(JsonPath.<Boolean>read(single, "$.details.critical")).isFalse();
		// Boot's Redis indicators (blocking and reactive) stayed out: ours is the only one
		assertThat(this.context.getBeansOfType(HealthContributor.class).keySet()).filteredOn(this::isRedisName)
			.containsExactly("redisHealthContributor");
		assertThat(this.context.getBeansOfType(ReactiveHealthContributor.class).keySet()).filteredOn(this::isRedisName)
			.isEmpty();
		assertThat(body + single).doesNotContain(PASSWORD);
	}

	@Test
	void lettuceMetricsCarryTheInstanceName() throws Exception {
		get("/data/metrics", 200);
		String body = get("/actuator/metrics/lettuce.command.completion?tag=name:data-cache", 200);
		assertThat(JsonPath.<List<Double>>read(body, "$.measurements[?(@.statistic == 'COUNT')].value"))
			.singleElement()
			.satisfies((count) -> assertThat(count).isGreaterThanOrEqualTo(2.0));
		assertThat(JsonPath.<List<String>>read(body, "$.availableTags[?(@.tag == 'command')].values[*]"))
			.contains("SET", "GET");
		get("/sessions/metrics" + RUN, 200);
		get("/actuator/metrics/lettuce.command.completion?tag=name:session-cache", 200);
		get("/actuator/metrics/plugboard.instance.state?tag=type:redis&tag=name:data-cache", 200);
		// Spring Boot's cache metrics, for caches with statistics, name the instance's cache manager (less "CacheManager")
		this.context.getBean("dataCacheCacheManager", org.springframework.cache.CacheManager.class)
			.getCache("items")
			.get("plugboard:web:absent");
		String gets = get("/actuator/metrics/cache.gets?tag=cache:items&tag=cache.manager:dataCache", 200);
		assertThat(JsonPath.<Double>read(gets, "$.measurements[0].value")).isGreaterThanOrEqualTo(1.0);
	}

	@Test
	void endpointListsBothInstancesWithTheirBeansAndNoPassword() throws Exception {
		String body = get("/actuator/plugboard", 200);
		List<String> names = JsonPath.read(body, "$.instances[?(@.type == 'redis')].name");
		assertThat(names).containsExactlyInAnyOrder("session-cache", "data-cache");
		assertThat(JsonPath.<List<String>>read(body,
				"$.instances[?(@.name == 'data-cache')].beans.RedisConnectionFactory"))
			.containsExactly("dataCacheRedisConnectionFactory");
		assertThat(JsonPath.<List<String>>read(body, "$.modules[*].name")).contains("plugboard-autoconfigure-redis");
		assertThat(body).doesNotContain(PASSWORD);
		assertThat(this.context.getBeansOfType(RedisConnectionFactory.class))
			.containsOnlyKeys("sessionCacheRedisConnectionFactory", "dataCacheRedisConnectionFactory");
	}

	@Test
	void theApplicationKeepsServingWhileANonCriticalInstanceIsDown() throws Exception {
		assertThat(get("/data/a", 200)).isEqualTo("data-a");
		dataServer.kill();
		try {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> "DEGRADED".equals(JsonPath.read(get("/actuator/health/redis/data-cache", 200), "$.status")));
			String health = get("/actuator/health", 200);
			assertThat(JsonPath.<String>read(health, "$.status")).isEqualTo("UP");
			assertThat(JsonPath.<String>read(health, "$.components.redis.components['data-cache'].details.error"))
				.doesNotContain(PASSWORD);
			assertThat(JsonPath.<String>read(get("/actuator/health/readiness", 200), "$.status")).isEqualTo("UP");
			assertThat(get("/sessions/b" + RUN, 200)).isEqualTo("session-b" + RUN);
			long start = System.nanoTime();
			get("/data/b", 503);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));
		}
		finally {
			dataServer.startServer();
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "UP".equals(JsonPath.read(get("/actuator/health/redis/data-cache", 200), "$.status")));
		assertThat(get("/data/c", 200)).isEqualTo("data-c");
	}

	private boolean isRedisName(String beanName) {
		return beanName.toLowerCase(java.util.Locale.ROOT).contains("redis");
	}

	private String get(String path, int status) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(status);
		return response.body();
	}

}
