package dev.plugboard.redis;

import java.io.Serializable;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.plugboard.Plug;
import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.core.testing.FailureAnalyses;
import dev.plugboard.redis.autoconfigure.RedisAutoConfiguration;
import dev.plugboard.redis.testing.SharedRedis;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.RedisCacheManagerBuilderCustomizer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's cache customization for named instances: a {@link RedisCacheConfiguration} or
 * {@link RedisCacheManagerBuilderCustomizer} bean qualified {@code @Plug("<instance>")} shapes
 * that instance's cache manager, an unqualified one the primary's (the one Boot would have
 * made). Time to live observed on the shared Redis server.
 */
class RedisCacheCustomizationTests {

	// unique per run: other builds may run these tests against the same shared server at once
	private static final String RUN = java.util.UUID.randomUUID().toString().substring(0, 8);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, RedisAutoConfiguration.class,
				CacheAutoConfiguration.class))
		.withPropertyValues("plugboard.redis.sessions.url=" + SharedRedis.url(9), "plugboard.redis.sessions.primary=true",
				"plugboard.redis.sessions.cache.immediate-writes=true", "plugboard.redis.data.url=" + SharedRedis.url(10),
				"plugboard.redis.data.cache.time-to-live=5m", "plugboard.redis.data.cache.immediate-writes=true",
				"plugboard.redis.plain.url=" + SharedRedis.url(10), "plugboard.redis.plain.cache.time-to-live=77s",
				"plugboard.redis.plain.cache.immediate-writes=true");

	@Test
	void qualifiedBeansShapeTheirInstanceAndUnqualifiedOnesThePrimary() {
		this.contextRunner.withUserConfiguration(Customizations.class).run((context) -> {
			assertThat(context).hasNotFailed();
			RedisCacheManager sessions = context.getBean("sessionsCacheManager", RedisCacheManager.class);
			RedisCacheManager data = context.getBean("dataCacheManager", RedisCacheManager.class);
			RedisCacheManager plain = context.getBean("plainCacheManager", RedisCacheManager.class);
			StringRedisTemplate sessionsRedis = context.getBean("sessionsStringRedisTemplate", StringRedisTemplate.class);
			StringRedisTemplate dataRedis = context.getBean("dataStringRedisTemplate", StringRedisTemplate.class);
			// the unqualified RedisCacheConfiguration: the primary's defaults
			assertThat(ttl(sessions, "c" + RUN, sessionsRedis, "c" + RUN + "::k")).isBetween(100L, 111L);
			// the unqualified customizer: a cache of the primary only
			assertThat(ttl(sessions, "p" + RUN, sessionsRedis, "p" + RUN + "::k")).isBetween(400L, 444L);
			// data's own RedisCacheConfiguration replaces its cache.* settings (5m), as in Boot
			assertThat(ttl(data, "c" + RUN, dataRedis, "data:c" + RUN + "::k")).isBetween(200L, 222L);
			// data's own customizers, applied in their @Order: the later one wins
			assertThat(ttl(data, "s" + RUN, dataRedis, "data:s" + RUN + "::k")).isBetween(300L, 333L);
			// plain has no beans of its own and is not primary: its settings alone
			assertThat(ttl(plain, "c" + RUN, dataRedis, "c" + RUN + "::k")).isBetween(70L, 77L);
			assertThat(data.getCacheNames()).doesNotContain("p" + RUN);
			assertThat(plain.getCacheNames()).doesNotContain("p" + RUN, "s" + RUN);
		});
	}

	@Test
	void defaultCacheConfigurationDeserializesWithTheBeanClassLoader() {
		RecordingClassLoader classLoader = new RecordingClassLoader(getClass().getClassLoader());
		this.contextRunner.withClassLoader(classLoader).run((context) -> {
			assertThat(context.getBeanFactory().getBeanClassLoader()).isSameAs(classLoader);
			Cache cache = context.getBean("sessionsCacheManager", RedisCacheManager.class).getCache("l" + RUN);
			try {
				cache.put("k", new Item("value"));
				classLoader.requested.clear();
				assertThat(cache.get("k", Item.class)).isEqualTo(new Item("value"));
				assertThat(classLoader.requested).contains(Item.class.getName());
			}
			finally {
				cache.evict("k");
			}
		});
	}

	@Test
	void aBeanForAnUnknownInstanceStopsTheApplicationNamingTheKnownOnes() {
		this.contextRunner.withUserConfiguration(Misassigned.class).run((context) -> {
			FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("@Plug(\"dta\")")
				.contains("no Redis instance 'dta'")
				.contains("[data, plain, sessions]");
		});
	}

	@Test
	void twoCacheConfigurationsForOneInstanceStopTheApplicationNamingBoth() {
		this.contextRunner.withUserConfiguration(Customizations.class)
			.withBean("otherDefaults", RedisCacheConfiguration.class, RedisCacheConfiguration::defaultCacheConfig)
			.run((context) -> {
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Redis instance 'sessions'")
					.contains("'primaryCacheConfiguration'")
					.contains("'otherDefaults'")
					.doesNotContain("dataCacheConfiguration");
			});
	}

	private static long ttl(RedisCacheManager manager, String cacheName, StringRedisTemplate redis, String key) {
		Cache cache = manager.getCache(cacheName);
		try {
			cache.put("k", "v");
			Long ttl = redis.getExpire(key, TimeUnit.SECONDS);
			assertThat(ttl).as("TTL of " + key).isNotNull();
			return ttl;
		}
		finally {
			cache.evict("k");
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Customizations {

		@Bean
		RedisCacheConfiguration primaryCacheConfiguration() {
			return RedisCacheConfiguration.defaultCacheConfig().entryTtl(Duration.ofSeconds(111));
		}

		@Bean
		@Plug("data")
		RedisCacheConfiguration dataCacheConfiguration() {
			return RedisCacheConfiguration.defaultCacheConfig()
				.entryTtl(Duration.ofSeconds(222))
				.prefixCacheNameWith("data:");
		}

		@Bean
		RedisCacheManagerBuilderCustomizer primaryCustomizer() {
			return (builder) -> builder.withCacheConfiguration("p" + RUN,
					RedisCacheConfiguration.defaultCacheConfig().entryTtl(Duration.ofSeconds(444)));
		}

		@Bean
		@Plug("data")
		@Order(2)
		RedisCacheManagerBuilderCustomizer dataLateCustomizer() {
			return (builder) -> builder.withCacheConfiguration("s" + RUN,
					RedisCacheConfiguration.defaultCacheConfig().entryTtl(Duration.ofSeconds(333)).prefixCacheNameWith("data:"));
		}

		@Bean
		@Plug("data")
		@Order(1)
		RedisCacheManagerBuilderCustomizer dataEarlyCustomizer() {
			return (builder) -> builder.withCacheConfiguration("s" + RUN,
					RedisCacheConfiguration.defaultCacheConfig().entryTtl(Duration.ofSeconds(999)));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Misassigned {

		@Bean
		@Plug("dta")
		RedisCacheManagerBuilderCustomizer typo() {
			return (builder) -> {
			};
		}

	}

	record Item(String name) implements Serializable {
	}

	static final class RecordingClassLoader extends ClassLoader {

		final Set<String> requested = ConcurrentHashMap.newKeySet();

		RecordingClassLoader(ClassLoader parent) {
			super(parent);
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			this.requested.add(name);
			return super.loadClass(name, resolve);
		}

	}

}
