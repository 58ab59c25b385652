package dev.plugboard.redis;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.InstanceState;
import dev.plugboard.Plugboard;
import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.redis.autoconfigure.RedisAutoConfiguration;
import dev.plugboard.redis.testing.PrivateRedis;
import dev.plugboard.redis.testing.SharedRedis;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Redis instances: {@code session-cache} on database 11 of the shared server and
 * {@code data-cache} on a private server of its own.
 */
class RedisInstancesTests {

	// unique per run: other builds may run these tests against the same shared server at once
	private static final String RUN = java.util.UUID.randomUUID().toString().substring(0, 8);


	private static PrivateRedis privateRedis;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, RedisAutoConfiguration.class,
				DataRedisAutoConfiguration.class, DataRedisReactiveAutoConfiguration.class, CacheAutoConfiguration.class))
		.withPropertyValues("plugboard.redis.session-cache.url=" + SharedRedis.url(11),
				"plugboard.redis.session-cache.primary=true", "plugboard.redis.session-cache.cache.time-to-live=90s")
		.withInitializer((context) -> org.springframework.boot.test.util.TestPropertyValues
			.of("plugboard.redis.data-cache.url=" + privateRedis.url(), "plugboard.redis.data-cache.cache.time-to-live=5m")
			.applyTo(context));

	@BeforeAll
	static void start() {
		privateRedis = PrivateRedis.start();
	}

	@AfterAll
	static void stop() {
		privateRedis.close();
	}

	@Test
	void eachInstanceGetsItsOwnBeansAndBootBacksOff() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(RedisConnectionFactory.class)).containsOnlyKeys(
					"sessionCacheRedisConnectionFactory", "dataCacheRedisConnectionFactory");
			assertThat(context.getBeansOfType(StringRedisTemplate.class)).containsOnlyKeys("sessionCacheStringRedisTemplate",
					"dataCacheStringRedisTemplate");
			assertThat(context.getBeansOfType(RedisTemplate.class)).containsOnlyKeys("sessionCacheRedisTemplate",
					"dataCacheRedisTemplate", "sessionCacheStringRedisTemplate", "dataCacheStringRedisTemplate");
			assertThat(context.getBeanFactory().containsBeanDefinition("redisTemplate")).isFalse();
			assertThat(context.getBeansOfType(CacheManager.class)).containsOnlyKeys("sessionCacheCacheManager",
					"dataCacheCacheManager");
			assertThat(context.getBean("redisTemplate")).isSameAs(context.getBean("sessionCacheRedisTemplate"));
			assertThat(context.getBean("cacheManager")).isSameAs(context.getBean("sessionCacheCacheManager"));
			assertThat(context.getBean(Plugboard.class).instances("redis"))
				.allSatisfy((instance) -> assertThat(instance.state()).isEqualTo(InstanceState.RUNNING))
				.allSatisfy((instance) -> assertThat(instance.critical()).isFalse());
		});
	}

	@Test
	void instancesAreIsolated() {
		this.contextRunner.run((context) -> {
			StringRedisTemplate sessions = context.getBean("sessionCacheStringRedisTemplate", StringRedisTemplate.class);
			StringRedisTemplate data = context.getBean("dataCacheStringRedisTemplate", StringRedisTemplate.class);
			String key = "plugboard:test:isolation:" + RUN;
			try {
				sessions.opsForValue().set(key, "session");
				assertThat(sessions.opsForValue().get(key)).isEqualTo("session");
				assertThat(data.opsForValue().get(key)).isNull();
				data.opsForValue().set(key, "data");
				assertThat(sessions.opsForValue().get(key)).isEqualTo("session");
			}
			finally {
				sessions.delete(key);
				data.delete(key);
			}
		});
	}

	@Test
	void twoDatabasesOfTheSharedServerAreIsolated() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, RedisAutoConfiguration.class))
			.withPropertyValues("plugboard.redis.left.url=" + SharedRedis.url(5), "plugboard.redis.right.url=" + SharedRedis.url(6))
			.run((context) -> {
				RedisInstance left = context.getBean("leftRedisInstance", RedisInstance.class);
				RedisInstance right = context.getBean("rightRedisInstance", RedisInstance.class);
				String key = "plugboard:test:databases:" + RUN;
				try {
					left.stringTemplate().opsForValue().set(key, "left");
					right.cacheManager().getCache("plugboard-test").put(RUN, "right");
					await().atMost(Duration.ofSeconds(5))
						.until(() -> right.cacheManager().getCache("plugboard-test").get(RUN) != null);
					assertThat(right.stringTemplate().hasKey(key)).isFalse();
					assertThat(left.cacheManager().getCache("plugboard-test").get(RUN)).isNull();
					assertThat(right.cacheManager().getCache("plugboard-test").get(RUN).get()).isEqualTo("right");
					assertThat(left.stringTemplate().opsForValue().get(key)).isEqualTo("left");
				}
				finally {
					left.stringTemplate().delete(key);
					right.cacheManager().getCache("plugboard-test").evict(RUN);
				}
			});
	}

	@Test
	void pubSubStaysOnItsInstance() {
		this.contextRunner.run((context) -> {
			RedisInstance sessions = context.getBean("sessionCacheRedisInstance", RedisInstance.class);
			RedisInstance data = context.getBean("dataCacheRedisInstance", RedisInstance.class);
			BlockingQueue<String> sessionMessages = new LinkedBlockingQueue<>();
			BlockingQueue<String> dataMessages = new LinkedBlockingQueue<>();
			sessions.subscribe("plugboard-test-" + RUN, (message, pattern) -> sessionMessages.add(new String(message.getBody())));
			MessageListener dataListener = (message, pattern) -> dataMessages.add(new String(message.getBody()));
			data.subscribe("plugboard-test-" + RUN, dataListener);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			while (data.publish("plugboard-test-" + RUN, "to-data") == 0 && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			assertThat(dataMessages.poll(5, TimeUnit.SECONDS)).isEqualTo("to-data");
			assertThat(sessionMessages.poll(300, TimeUnit.MILLISECONDS)).isNull();
			data.unsubscribe("plugboard-test-" + RUN, dataListener);
			deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			while (data.publish("plugboard-test-" + RUN, "nobody") != 0 && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			assertThat(dataMessages.poll(300, TimeUnit.MILLISECONDS)).isNull();
		});
	}

	@Test
	void cacheManagersHaveTheirOwnTimeToLive() {
		this.contextRunner.withUserConfiguration(Cached.class).run((context) -> {
			CachedService cached = context.getBean(CachedService.class);
			StringRedisTemplate sessions = context.getBean("sessionCacheStringRedisTemplate", StringRedisTemplate.class);
			StringRedisTemplate data = context.getBean("dataCacheStringRedisTemplate", StringRedisTemplate.class);
			sessions.delete("sessions::a" + RUN);
			data.delete("items::b" + RUN);
			try {
				assertThat(cached.session("a" + RUN)).isEqualTo("session-a" + RUN + "-1");
				// Spring Data Redis 4 writes cache entries asynchronously: wait until Redis has one
				await().atMost(Duration.ofSeconds(5)).until(() -> sessions.hasKey("sessions::a" + RUN));
				assertThat(cached.session("a" + RUN)).isEqualTo("session-a" + RUN + "-1");
				assertThat(cached.data("b" + RUN)).isEqualTo("data-b" + RUN + "-1");
				await("the entry in data-cache's Redis").atMost(Duration.ofSeconds(5))
					.until(() -> data.hasKey("items::b" + RUN));
				assertThat(cached.data("b" + RUN)).isEqualTo("data-b" + RUN + "-1");
				Long sessionTtl = sessions.getExpire("sessions::a" + RUN, TimeUnit.SECONDS);
				Long dataTtl = data.getExpire("items::b" + RUN, TimeUnit.SECONDS);
				assertThat(sessionTtl).isBetween(1L, 90L);
				assertThat(dataTtl).isBetween(91L, 300L);
				assertThat(data.hasKey("sessions::a" + RUN)).isFalse();
			}
			finally {
				sessions.delete("sessions::a" + RUN);
				data.delete("items::b" + RUN);
			}
		});
	}

	@Test
	void healthAndMetricsPerInstance() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			CompositeHealthContributor redis = context.getBean("redisHealthContributor", CompositeHealthContributor.class);
			Health health = ((HealthIndicator) redis.getContributor("data-cache")).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("mode", "standalone")
				.containsEntry("endpoint", "127.0.0.1:" + privateRedis.port() + "/0")
				.containsKey("latencyMs");
			assertThat((String) health.getDetails().get("version")).startsWith("Redis ");
			context.getBean("dataCacheStringRedisTemplate", StringRedisTemplate.class).hasKey("plugboard:metrics");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("lettuce.command.completion").tag("name", "data-cache").timers()).isNotEmpty();
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class Cached {

		@Bean
		CachedService cachedService() {
			return new CachedService();
		}

	}

	static class CachedService {

		private int sessionCalls;

		private int dataCalls;

		@Cacheable(cacheNames = "sessions")
		public String session(String key) {
			return "session-" + key + "-" + (++this.sessionCalls);
		}

		@Cacheable(cacheNames = "items", cacheManager = "dataCacheCacheManager")
		public String data(String key) {
			return "data-" + key + "-" + (++this.dataCalls);
		}

	}

}
