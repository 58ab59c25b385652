package dev.plugboard.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.InstanceState;
import dev.plugboard.Plugboard;
import dev.plugboard.core.PlugboardAutoConfiguration;
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
 * A real Redis Cluster of three private nodes served through one named instance.
 */
class RedisClusterTests {

	private static final List<PrivateRedis> nodes = new ArrayList<>();

	@BeforeAll
	static void createCluster() throws Exception {
		for (int i = 0; i < 3; i++) {
			nodes.add(PrivateRedis.start("--cluster-enabled", "yes", "--cluster-config-file",
					"nodes-" + PrivateRedis.PORT + ".conf", "--cluster-node-timeout", "2000"));
		}
		List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
		nodes.forEach((node) -> command.add("127.0.0.1:" + node.port()));
		command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
		Process create = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!create.waitFor(60, TimeUnit.SECONDS) || create.exitValue() != 0) {
			throw new IllegalStateException("redis-cli --cluster create failed: " + output);
		}
		waitForClusterOk();
	}

	private static void waitForClusterOk() throws IOException, InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (System.nanoTime() < deadline) {
			if (cli(nodes.get(0), "cluster", "info").contains("cluster_state:ok")) {
				return;
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("The cluster did not reach cluster_state:ok");
	}

	private static String cli(PrivateRedis node, String... command) throws IOException, InterruptedException {
		List<String> line = new ArrayList<>(List.of("redis-cli", "-p", String.valueOf(node.port())));
		line.addAll(List.of(command));
		Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor(10, TimeUnit.SECONDS);
		return output.trim();
	}

	@AfterAll
	static void removeCluster() {
		nodes.forEach(PrivateRedis::close);
	}

	@Test
	void oneInstanceServesTheWholeCluster() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, RedisAutoConfiguration.class))
			.withPropertyValues("plugboard.redis.big-cache.cluster.nodes=127.0.0.1:" + nodes.get(0).port() + ",127.0.0.1:"
					+ nodes.get(1).port())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Plugboard.class).find("redis", "big-cache").orElseThrow().state())
					.isEqualTo(InstanceState.RUNNING);
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				Set<Integer> slots = new HashSet<>();
				for (int i = 0; i < 50; i++) {
					String key = "plugboard:cluster:" + i;
					template.opsForValue().set(key, "value-" + i);
					slots.add(SlotHash.getSlot(key));
				}
				for (int i = 0; i < 50; i++) {
					assertThat(template.opsForValue().get("plugboard:cluster:" + i)).isEqualTo("value-" + i);
				}
				assertThat(slots).hasSizeGreaterThan(40);
				// each node holds some of the keys, and together exactly all of them
				int total = 0;
				for (PrivateRedis node : nodes) {
					int held = Integer.parseInt(cli(node, "dbsize"));
					assertThat(held).as("keys on node " + node.port()).isPositive();
					total += held;
				}
				assertThat(total).isEqualTo(50);
				// a multi-key command within one slot works through the instance too
				template.opsForValue().multiSet(java.util.Map.of("{plugboard}:a", "1", "{plugboard}:b", "2"));
				assertThat(template.opsForValue().multiGet(List.of("{plugboard}:a", "{plugboard}:b"))).containsExactly("1",
						"2");
				Health health = ((HealthIndicator) context.getBean("redisHealthContributor", CompositeHealthContributor.class)
					.getContributor("big-cache")).health();
				assertThat(health.getDetails()).containsEntry("mode", "cluster");
				assertThat(health.getDetails().get("endpoint").toString()).startsWith("cluster 127.0.0.1:");
			});
	}

}
