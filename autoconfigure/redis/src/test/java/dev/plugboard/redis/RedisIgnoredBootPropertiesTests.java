package dev.plugboard.redis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.redis.autoconfigure.RedisAutoConfiguration;
import dev.plugboard.redis.testing.SharedRedis;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's {@code spring.data.redis.*} and {@code spring.cache.redis.*} properties are
 * ignored once instances are declared: each one that is set gets a WARN line naming the instance
 * setting to use instead; the repositories' switch still applies and is not reported.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisIgnoredBootPropertiesTests {

	@Test
	void eachIgnoredKeyIsNamedWithItsReplacement(CapturedOutput output) {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, RedisAutoConfiguration.class))
			.withPropertyValues("plugboard.redis.cache.url=" + SharedRedis.url(4), "spring.data.redis.host=redis9",
					"spring.data.redis.lettuce.pool.max-active=3", "spring.data.redis.jedis.pool.max-active=3",
					"spring.cache.redis.time-to-live=5m", "spring.data.redis.repositories.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output)
					.contains("'spring.data.redis.host' is ignored: Plugboard's redis instances replace Spring Boot's "
							+ "auto-configuration for it; set 'plugboard.redis.cache.host' instead.")
					.contains("set 'plugboard.redis.cache.lettuce.pool.max-active' instead.")
					.contains("set 'plugboard.redis.cache.cache.time-to-live' instead.")
					.contains("'spring.data.redis.jedis.pool.max-active' is ignored: Plugboard's redis instances replace "
							+ "Spring Boot's auto-configuration for it, and they have no setting of that name; remove it.")
					.doesNotContain("spring.data.redis.repositories");
				assertThat(output.toString().lines().filter((line) -> line.contains(" is ignored: "))).hasSize(4);
			});
	}

}
