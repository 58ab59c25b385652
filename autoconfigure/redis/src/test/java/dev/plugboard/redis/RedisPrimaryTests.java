package dev.plugboard.redis;

import io.lettuce.core.resource.ClientResources;
import org.junit.jupiter.api.Test;

import dev.plugboard.Plug;
import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.core.spi.PlugboardPhases;
import dev.plugboard.core.testing.FailureAnalyses;
import dev.plugboard.redis.autoconfigure.RedisAutoConfiguration;
import dev.plugboard.redis.testing.SharedRedis;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Primary rules: a lone instance is primary and answers to Spring Boot's bean names; without a
 * primary none does and Boot still makes nothing of its own; {@code @Plug} picks an instance.
 */
class RedisPrimaryTests {

	private static final String[] BOOT_NAMES = { "redisConnectionFactory", "stringRedisTemplate", "redisTemplate",
			"cacheManager", "reactiveStringRedisTemplate" };

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, RedisAutoConfiguration.class,
				DataRedisAutoConfiguration.class, CacheAutoConfiguration.class))
		.withPropertyValues("plugboard.redis.a.startup.timeout=2s");

	@Test
	void aLoneInstanceIsPrimaryAndAnswersToSpringBootsNames() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataRedisReactiveAutoConfiguration.class))
			.withPropertyValues("plugboard.redis.a.url=" + SharedRedis.url(10))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean("redisConnectionFactory")).isSameAs(context.getBean("aRedisConnectionFactory"));
				assertThat(context.getBean("stringRedisTemplate")).isSameAs(context.getBean("aStringRedisTemplate"));
				assertThat(context.getBean("redisTemplate")).isSameAs(context.getBean("aRedisTemplate"));
				assertThat(context.getBean("cacheManager")).isSameAs(context.getBean("aCacheManager"));
				assertThat(context.getBean("reactiveStringRedisTemplate"))
					.isSameAs(context.getBean("aReactiveStringRedisTemplate"));
				assertThat(context.getBean(StringRedisTemplate.class)).isSameAs(context.getBean("aStringRedisTemplate"));
				// Boot's reactive template is the one Boot bean left, and it runs on the primary
				ReactiveRedisTemplate<?, ?> reactive = context.getBean("reactiveRedisTemplate", ReactiveRedisTemplate.class);
				assertThat(reactive.getConnectionFactory()).isSameAs(context.getBean("aRedisConnectionFactory"));
				assertThat(context.getBeansOfType(ClientResources.class)).containsOnlyKeys("aRedisClientResources");
				assertThat(context.getBean(RedisMessageListenerContainer.class).getPhase())
					.isEqualTo(PlugboardPhases.CONSUMERS);
			});
	}

	@Test
	void withoutPrimaryNoInstanceTakesBootsNamesAndBootMakesNothing() {
		this.contextRunner
			.withPropertyValues("plugboard.redis.a.url=" + SharedRedis.url(10), "plugboard.redis.b.url=" + SharedRedis.url(11))
			.withUserConfiguration(Consumers.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				for (String name : BOOT_NAMES) {
					assertThat(context.containsBean(name)).as(name).isFalse();
				}
				assertThat(context.getBeansOfType(RedisConnectionFactory.class)).containsOnlyKeys("aRedisConnectionFactory",
						"bRedisConnectionFactory");
				assertThat(context.getBeansOfType(RedisTemplate.class)).containsOnlyKeys("aRedisTemplate", "bRedisTemplate",
						"aStringRedisTemplate", "bStringRedisTemplate");
				assertThat(context.getBeansOfType(CacheManager.class)).containsOnlyKeys("aCacheManager", "bCacheManager");
				assertThat(context.getBeansOfType(ClientResources.class)).containsOnlyKeys("aRedisClientResources",
						"bRedisClientResources");
				Consumers consumers = context.getBean(Consumers.class);
				assertThat(consumers.b).isSameAs(context.getBean("bStringRedisTemplate"));
				assertThat(consumers.a).isSameAs(context.getBean("aRedisInstance"));
				assertThat(consumers.a.stringTemplate()).isSameAs(context.getBean("aStringRedisTemplate"));
				assertThat(consumers.a.name()).isEqualTo("a");
			});
	}

	@Test
	void theInstanceMarkedPrimaryTakesBootsNames() {
		this.contextRunner
			.withPropertyValues("plugboard.redis.a.url=" + SharedRedis.url(10), "plugboard.redis.b.url=" + SharedRedis.url(11),
					"plugboard.redis.b.primary=true")
			.run((context) -> {
				assertThat(context.getBean("redisConnectionFactory")).isSameAs(context.getBean("bRedisConnectionFactory"));
				assertThat(context.getBean("cacheManager")).isSameAs(context.getBean("bCacheManager"));
				assertThat(context.getBean(CacheManager.class)).isSameAs(context.getBean("bCacheManager"));
			});
	}

	@Test
	void aDisabledInstanceRegistersNothing() {
		this.contextRunner
			.withPropertyValues("plugboard.redis.a.url=" + SharedRedis.url(10), "plugboard.redis.a.enabled=false",
					"plugboard.redis.b.url=" + SharedRedis.url(11))
			.run((context) -> {
				assertThat(context.getBeansOfType(RedisConnectionFactory.class)).containsOnlyKeys("bRedisConnectionFactory");
				assertThat(context.getBean("redisConnectionFactory")).as("b is now alone, so primary")
					.isSameAs(context.getBean("bRedisConnectionFactory"));
			});
	}

	@Test
	void twoPrimariesFailNamingBothSettings() {
		this.contextRunner
			.withPropertyValues("plugboard.redis.a.url=" + SharedRedis.url(10), "plugboard.redis.a.primary=true",
					"plugboard.redis.b.url=" + SharedRedis.url(11), "plugboard.redis.b.primary=true")
			.run((context) -> {
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'plugboard.redis.a.primary'")
					.contains("'plugboard.redis.b.primary'");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Consumers {

		final StringRedisTemplate b;

		final RedisInstance a;

		Consumers(@Plug("b") StringRedisTemplate b, @Plug("a") RedisInstance a) {
			this.b = b;
			this.a = a;
		}

		@Bean
		String marker() {
			return "consumers";
		}

	}

}
