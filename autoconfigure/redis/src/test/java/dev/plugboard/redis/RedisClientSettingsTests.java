package dev.plugboard.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.resource.ClientResources;
import org.junit.jupiter.api.Test;

import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.redis.autoconfigure.RedisAutoConfiguration;
import dev.plugboard.redis.testing.SharedRedis;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.data.redis.cache.RedisCache;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Settings in Spring Boot's vocabulary reach each instance's Lettuce client and cache manager,
 * checked against the shared server where the server can tell (client names, cache keys, TTLs).
 */
class RedisClientSettingsTests {

	// unique per run: other builds may run these tests against the same shared server at once
	private static final String RUN = java.util.UUID.randomUUID().toString().substring(0, 8);


	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, RedisAutoConfiguration.class));

	@Test
	void clientSettingsReachLettuce() {
		this.contextRunner
			.withPropertyValues("plugboard.redis.orders.url=" + SharedRedis.url(8), "plugboard.redis.orders.timeout=750ms",
					"plugboard.redis.orders.connect-timeout=300ms", "plugboard.redis.orders.client-name=plugboard-orders",
					"plugboard.redis.orders.lettuce.shutdown-timeout=50ms",
					"plugboard.redis.orders.lettuce.pool.max-active=3", "plugboard.redis.orders.lettuce.pool.max-wait=1s",
					"plugboard.redis.orders.lettuce.read-from=replica-preferred")
			.run((context) -> {
				LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
				LettuceClientConfiguration configuration = factory.getClientConfiguration();
				assertThat(configuration.getCommandTimeout()).isEqualTo(Duration.ofMillis(750));
				assertThat(configuration.getShutdownTimeout()).isEqualTo(Duration.ofMillis(50));
				assertThat(configuration.getReadFrom()).contains(ReadFrom.REPLICA_PREFERRED);
				assertThat(configuration.getClientResources()).contains(context.getBean(ClientResources.class));
				ClientOptions options = configuration.getClientOptions().orElseThrow();
				assertThat(options.getDisconnectedBehavior()).isEqualTo(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
				assertThat(options.isAutoReconnect()).isTrue();
				assertThat(options.getSocketOptions().getConnectTimeout()).isEqualTo(Duration.ofMillis(300));
				assertThat(configuration).isInstanceOfSatisfying(LettucePoolingClientConfiguration.class, (pooling) -> {
					assertThat(pooling.getPoolConfig().getMaxTotal()).isEqualTo(3);
					assertThat(pooling.getPoolConfig().getMaxWaitDuration()).isEqualTo(Duration.ofSeconds(1));
				});
				assertThat(clientName(context.getBean(StringRedisTemplate.class))).isEqualTo("plugboard-orders");
			});
	}

	@Test
	void clientNameDefaultsToTheInstanceNameAndPoolingCanBeSwitchedOff() {
		this.contextRunner
			.withPropertyValues("plugboard.redis.session-cache.url=" + SharedRedis.url(8),
					"plugboard.redis.session-cache.lettuce.pool.enabled=false")
			.run((context) -> {
				assertThat(clientName(context.getBean(StringRedisTemplate.class))).isEqualTo("session-cache");
				assertThat(context.getBean(LettuceConnectionFactory.class).getClientConfiguration())
					.isNotInstanceOf(LettucePoolingClientConfiguration.class);
			});
	}

	@Test
	void springBootsLettuceCustomizersApplyToEveryInstance() {
		List<Object> customized = new CopyOnWriteArrayList<>();
		this.contextRunner
			.withPropertyValues("plugboard.redis.one.url=" + SharedRedis.url(8), "plugboard.redis.two.url=" + SharedRedis.url(7))
			.withBean(LettuceClientConfigurationBuilderCustomizer.class, () -> (builder) -> {
				customized.add(builder);
				builder.readFrom(ReadFrom.ANY);
			})
			.run((context) -> {
				assertThat(customized).hasSize(2);
				assertThat(context.getBeansOfType(LettuceConnectionFactory.class).values())
					.allSatisfy((factory) -> assertThat(factory.getClientConfiguration().getReadFrom()).contains(ReadFrom.ANY));
			});
	}

	@Test
	void cacheSettingsReachTheCacheManager() {
		this.contextRunner
			.withPropertyValues("plugboard.redis.prefixed.url=" + SharedRedis.url(8),
					"plugboard.redis.prefixed.cache.key-prefix=plugboard:test:", "plugboard.redis.prefixed.cache.time-to-live=45s",
					"plugboard.redis.prefixed.cache.cache-null-values=false",
					"plugboard.redis.prefixed.cache.enable-statistics=true",
					"plugboard.redis.prefixed.cache.cache-names=orders,customers",
					"plugboard.redis.bare.url=" + SharedRedis.url(7), "plugboard.redis.bare.cache.use-key-prefix=false",
					"plugboard.redis.bare.cache.immediate-writes=true")
			.run((context) -> {
				RedisCacheManager prefixed = context.getBean("prefixedCacheManager", RedisCacheManager.class);
				StringRedisTemplate prefixedRedis = context.getBean("prefixedStringRedisTemplate", StringRedisTemplate.class);
				assertThat(prefixed.getCacheNames()).contains("orders", "customers");
				Cache orders = prefixed.getCache("orders");
				try {
					orders.put(RUN, "v");
					// Spring Data Redis 4 writes cache entries asynchronously: wait until Redis has one
					await().atMost(Duration.ofSeconds(5)).until(() -> prefixedRedis.hasKey("plugboard:test:orders::" + RUN));
					assertThat(prefixedRedis.getExpire("plugboard:test:orders::" + RUN)).isBetween(1L, 45L);
					assertThat(orders.get(RUN).get()).isEqualTo("v");
					assertThat(((RedisCache) orders).getStatistics().getHits()).isEqualTo(1);
					assertThatIllegalArgumentException().isThrownBy(() -> orders.put("nothing", null));
				}
				finally {
					prefixedRedis.delete("plugboard:test:orders::" + RUN);
				}
				RedisCacheManager bare = context.getBean("bareCacheManager", RedisCacheManager.class);
				StringRedisTemplate bareRedis = context.getBean("bareStringRedisTemplate", StringRedisTemplate.class);
				List<String> keys = new ArrayList<>();
				try {
					// immediate writes: every put has reached Redis when it returns
					for (int i = 0; i < 50; i++) {
						String key = "plugboard:test:bare:" + RUN + ":" + i;
						keys.add(key);
						bare.getCache("items").put(key, "v");
						assertThat(bareRedis.hasKey(key)).as(key).isTrue();
					}
					assertThat(bareRedis.getExpire(keys.get(0))).as("no time to live").isEqualTo(-1L);
				}
				finally {
					bareRedis.delete(keys);
				}
			});
	}

	private static String clientName(StringRedisTemplate template) {
		return template.execute((RedisCallback<String>) (connection) -> connection.serverCommands().getClientName());
	}

}
