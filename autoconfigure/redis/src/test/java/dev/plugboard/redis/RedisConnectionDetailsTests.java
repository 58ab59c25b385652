package dev.plugboard.redis;

import java.net.URI;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.plugboard.Plugboard;
import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.redis.autoconfigure.RedisAutoConfiguration;
import dev.plugboard.redis.testing.SharedRedis;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link DataRedisConnectionDetails} bean (what {@code @ServiceConnection} and Docker Compose
 * register) points the primary instance at its server, over the instance's own settings; the
 * other instances keep theirs.
 */
class RedisConnectionDetailsTests {

	private static final URI SHARED = URI.create(SharedRedis.url(0));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, RedisAutoConfiguration.class))
		.withBean(DataRedisConnectionDetails.class, () -> new DataRedisConnectionDetails() {

			@Override
			public Standalone getStandalone() {
				return Standalone.of(SHARED.getHost(), SHARED.getPort(), 11);
			}

		});

	@Test
	void aConnectionDetailsBeanMovesThePrimaryInstance() {
		// the configured port leads nowhere: only the bean can make the instance answer
		this.contextRunner.withPropertyValues("plugboard.redis.cache.host=127.0.0.1", "plugboard.redis.cache.port=1",
				"plugboard.redis.cache.database=2", "plugboard.redis.cache.critical=true",
				"plugboard.redis.cache.startup.timeout=2s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
				assertThat(factory.getPort()).isEqualTo(SHARED.getPort());
				assertThat(factory.getDatabase()).isEqualTo(11);
				assertThat(context.getBean(Plugboard.class).instances().get(0).endpoint())
					.contains(SHARED.getPort() + "/11");
				StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
				String key = "details:" + UUID.randomUUID();
				redis.opsForValue().set(key, "via the bean");
				assertThat(redis.opsForValue().get(key)).isEqualTo("via the bean");
				redis.delete(key);
			});
	}

	@Test
	void onlyThePrimaryInstanceTakesTheBean() {
		this.contextRunner
			.withPropertyValues("plugboard.redis.cache.primary=true", "plugboard.redis.cache.url=redis://127.0.0.1:1/2",
					"plugboard.redis.other.url=" + SharedRedis.url(3))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean("cacheRedisConnectionFactory", LettuceConnectionFactory.class).getDatabase())
					.isEqualTo(11);
				assertThat(context.getBean("otherRedisConnectionFactory", LettuceConnectionFactory.class).getDatabase())
					.isEqualTo(3);
			});
	}

}
