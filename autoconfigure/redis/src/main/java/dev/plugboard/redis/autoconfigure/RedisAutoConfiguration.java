package dev.plugboard.redis.autoconfigure;

import io.lettuce.core.RedisClient;

import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.core.spi.InstanceRegistrar;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Named Redis instances over Lettuce. Ordered before Spring Boot's Redis and cache
 * auto-configurations so that they see the instances' beans and back off.
 *
 * @author Plugboard
 */
@AutoConfiguration(after = PlugboardAutoConfiguration.class,
		// its @ServiceConnection beans are registered before the instances look for ConnectionDetails
		afterName = "org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration",
		beforeName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
				"org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration" })
@ConditionalOnClass({ LettuceConnectionFactory.class, RedisClient.class })
@Import(RedisAutoConfiguration.Registrar.class)
public final class RedisAutoConfiguration {

	static class Registrar extends InstanceRegistrar<RedisSettings> {

		Registrar(Environment environment) {
			super(environment, new RedisType());
		}

	}

}
