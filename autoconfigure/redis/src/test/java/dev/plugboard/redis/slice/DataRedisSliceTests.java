package dev.plugboard.redis.slice;

import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.plugboard.Plug;
import dev.plugboard.redis.testing.SharedRedis;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.redis.test.autoconfigure.DataRedisTest;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @DataRedisTest} in an application that declares instances gets the instances' clients,
 * pointed where the instances are, not Spring Boot's single client on {@code localhost:6379/0}.
 */
class DataRedisSliceTests {

	@Nested
	@DataRedisTest
	class OneInstance {

		@Autowired
		ApplicationContext context;

		@Autowired
		StringRedisTemplate redis;

		@DynamicPropertySource
		static void instance(DynamicPropertyRegistry registry) {
			registry.add("plugboard.redis.cache.url", () -> SharedRedis.url(12));
		}

		@Test
		void theSliceRunsOnTheInstance() {
			assertThat(this.context.getBeansOfType(RedisConnectionFactory.class))
				.containsOnlyKeys("cacheRedisConnectionFactory");
			assertThat(((LettuceConnectionFactory) this.redis.getConnectionFactory()).getDatabase()).isEqualTo(12);
			String key = "slice:" + UUID.randomUUID();
			this.redis.opsForValue().set(key, "on 12");
			try {
				assertThat(this.redis.opsForValue().get(key)).isEqualTo("on 12");
			}
			finally {
				this.redis.delete(key);
			}
		}

	}

	@Nested
	@DataRedisTest(properties = { "plugboard.redis.sessions.primary=true" })
	class TwoInstances {

		@Autowired
		ApplicationContext context;

		@Autowired
		StringRedisTemplate primary;

		@Autowired
		@Plug("other")
		StringRedisTemplate other;

		@DynamicPropertySource
		static void instances(DynamicPropertyRegistry registry) {
			registry.add("plugboard.redis.sessions.url", () -> SharedRedis.url(13));
			registry.add("plugboard.redis.other.url", () -> SharedRedis.url(14));
		}

		@Test
		void eachInstanceKeepsItsOwnDatabase() {
			assertThat(this.context.getBeansOfType(RedisConnectionFactory.class))
				.containsOnlyKeys("sessionsRedisConnectionFactory", "otherRedisConnectionFactory");
			String key = "slice:" + UUID.randomUUID();
			this.primary.opsForValue().set(key, "on 13");
			try {
				assertThat(this.primary.opsForValue().get(key)).isEqualTo("on 13");
				assertThat(this.other.opsForValue().get(key)).isNull();
			}
			finally {
				this.primary.delete(key);
			}
		}

	}

}
