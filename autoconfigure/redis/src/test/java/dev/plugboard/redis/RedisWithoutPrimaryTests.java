package dev.plugboard.redis;

import org.junit.jupiter.api.Test;

import dev.plugboard.redis.testing.SharedRedis;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Redis instances with Spring Boot's full auto-configuration: without a primary, its reactive
 * Redis support, which wants one connection factory, stays out of the way; with one, it runs on
 * the primary.
 */
class RedisWithoutPrimaryTests {

	@Test
	void twoInstancesWithoutPrimaryStart() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
			.web(WebApplicationType.NONE)
			.run("--plugboard.redis.one.url=" + SharedRedis.url(12), "--plugboard.redis.two.url=" + SharedRedis.url(13))) {
			assertThat(context.getBeansOfType(ReactiveStringRedisTemplate.class)).containsOnlyKeys(
					"oneReactiveStringRedisTemplate", "twoReactiveStringRedisTemplate");
			assertThat(context.containsBean("reactiveRedisTemplate")).isFalse();
			assertThat(context.getBean("twoReactiveStringRedisTemplate", ReactiveStringRedisTemplate.class)
				.hasKey("plugboard:none")
				.block()).isFalse();
		}
	}

	@Test
	void withAPrimaryBootsReactiveTemplateRunsOnIt() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
			.web(WebApplicationType.NONE)
			.run("--plugboard.redis.one.url=" + SharedRedis.url(12), "--plugboard.redis.two.url=" + SharedRedis.url(13),
					"--plugboard.redis.two.primary=true")) {
			ReactiveRedisTemplate<?, ?> reactive = context.getBean("reactiveRedisTemplate", ReactiveRedisTemplate.class);
			assertThat(reactive.getConnectionFactory()).isSameAs(context.getBean("twoRedisConnectionFactory"));
			assertThat(context.getBean("reactiveStringRedisTemplate"))
				.isSameAs(context.getBean("twoReactiveStringRedisTemplate"));
			assertThat(context.getBeansOfType(RedisConnectionFactory.class)).containsOnlyKeys("oneRedisConnectionFactory",
					"twoRedisConnectionFactory");
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}
