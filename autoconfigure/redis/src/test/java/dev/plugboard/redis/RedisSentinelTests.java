package dev.plugboard.redis;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.core.testing.TcpProxy;
import dev.plugboard.redis.autoconfigure.RedisAutoConfiguration;
import dev.plugboard.redis.testing.PrivateRedis;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A private master and a private sentinel watching it, served through one named instance that
 * knows only the sentinel.
 */
class RedisSentinelTests {

	private static PrivateRedis master;

	private static Process sentinel;

	private static int sentinelPort;

	private static Path directory;

	@BeforeAll
	static void start() throws Exception {
		master = PrivateRedis.start();
		sentinelPort = TcpProxy.freePort();
		directory = Files.createTempDirectory("plugboard-sentinel-");
		Path config = directory.resolve("sentinel.conf");
		Files.writeString(config, "port " + sentinelPort + "\nbind 127.0.0.1\ndir " + directory + "\n"
				+ "sentinel monitor plugboard-master 127.0.0.1 " + master.port() + " 1\n");
		sentinel = new ProcessBuilder("redis-server", config.toString(), "--sentinel").redirectErrorStream(true)
			.redirectOutput(directory.resolve("log").toFile())
			.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket("127.0.0.1", sentinelPort)) {
				return;
			}
			catch (IOException ex) {
				Thread.sleep(20);
			}
		}
		throw new IllegalStateException("The sentinel did not start");
	}

	@AfterAll
	static void stop() throws Exception {
		sentinel.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		master.close();
		try (var files = Files.walk(directory)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

	@Test
	void instanceFindsTheMasterThroughTheSentinel() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, RedisAutoConfiguration.class))
			.withPropertyValues("plugboard.redis.ha-cache.sentinel.master=plugboard-master",
					"plugboard.redis.ha-cache.sentinel.nodes=127.0.0.1:" + sentinelPort)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				template.opsForValue().set("plugboard:sentinel", "through-sentinel");
				assertThat(template.opsForValue().get("plugboard:sentinel")).isEqualTo("through-sentinel");
				Health health = ((HealthIndicator) context.getBean("redisHealthContributor", CompositeHealthContributor.class)
					.getContributor("ha-cache")).health();
				assertThat(health.getDetails()).containsEntry("mode", "sentinel");
				assertThat(health.getDetails().get("endpoint")).asString()
					.isEqualTo("sentinel plugboard-master@127.0.0.1:" + sentinelPort + "/0");
			});
	}

}
