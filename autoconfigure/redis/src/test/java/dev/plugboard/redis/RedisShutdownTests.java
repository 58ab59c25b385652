package dev.plugboard.redis;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.redis.autoconfigure.RedisAutoConfiguration;
import dev.plugboard.redis.testing.SharedRedis;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shutdown drains pub/sub: a listener handling a message when the application closes finishes,
 * talking to Redis, before the connection closes; one that overruns {@code shutdown.timeout}
 * does not hold up the shutdown.
 */
class RedisShutdownTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, RedisAutoConfiguration.class))
		.withPropertyValues("plugboard.redis.events.url=" + SharedRedis.url(4));

	@Test
	void aListenerHandlingAMessageAtShutdownFinishesBeforeTheConnectionCloses() {
		String key = "plugboard:test:drain:" + UUID.randomUUID();
		String channel = "plugboard-drain-" + UUID.randomUUID();
		AtomicReference<String> outcome = new AtomicReference<>("not run");
		this.contextRunner.withPropertyValues("plugboard.redis.events.shutdown.timeout=5s").run((context) -> {
			RedisInstance events = context.getBean(RedisInstance.class);
			CountDownLatch handling = new CountDownLatch(1);
			events.subscribe(channel, (message, pattern) -> {
				handling.countDown();
				try {
					Thread.sleep(700);
					events.stringTemplate().opsForValue().set(key, "handled");
					outcome.set("handled");
				}
				catch (Throwable ex) {
					outcome.set(ex.toString());
				}
			});
			publishUntilHeard(events, channel);
			assertThat(handling.await(5, TimeUnit.SECONDS)).isTrue();
			context.close();
			assertThat(outcome.get()).isEqualTo("handled");
		});
		assertThat(read(key)).as("the listener's write reached the server").isEqualTo("handled");
	}

	@Test
	void aListenerOverrunningTheShutdownTimeoutDoesNotHoldUpTheShutdown() {
		String channel = "plugboard-drain-" + UUID.randomUUID();
		this.contextRunner.withPropertyValues("plugboard.redis.events.shutdown.timeout=300ms").run((context) -> {
			RedisInstance events = context.getBean(RedisInstance.class);
			CountDownLatch handling = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			events.subscribe(channel, (message, pattern) -> {
				handling.countDown();
				try {
					release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			publishUntilHeard(events, channel);
			assertThat(handling.await(5, TimeUnit.SECONDS)).isTrue();
			long start = System.nanoTime();
			context.close();
			Duration closing = Duration.ofNanos(System.nanoTime() - start);
			release.countDown();
			assertThat(closing).isBetween(Duration.ofMillis(300), Duration.ofMillis(2000));
		});
	}

	private static void publishUntilHeard(RedisInstance events, String channel) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (events.publish(channel, "work") == 0 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
	}

	private static String read(String key) {
		RedisClient client = RedisClient.create(SharedRedis.url(4));
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			String value = connection.sync().get(key);
			connection.sync().del(key);
			return value;
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

}
