package dev.plugboard.devservices;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.plugboard.InstanceState;
import dev.plugboard.PlugInstance;
import dev.plugboard.Plugboard;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application contexts, one after the other in one JVM, as test contexts are: the second
 * reuses the servers of the first (same ports, same server objects, the data still there), and
 * each logs one line per instance saying what serves it.
 */
@ExtendWith(OutputCaptureExtension.class)
class DevServerReuseTests {

	private static final Map<String, Object> PROPERTIES = Map.of("plugboard.postgres.reuse-db.enabled", "true",
			"plugboard.redis.reuse-cache.enabled", "true", "plugboard.rabbitmq.reuse-events.enabled", "true");

	@Test
	void secondContextReusesTheServersOfTheFirst(CapturedOutput output) {
		long start = System.nanoTime();
		List<String> firstEndpoints;
		try (ConfigurableApplicationContext first = run()) {
			Duration firstStart = Duration.ofNanos(System.nanoTime() - start);
			firstEndpoints = endpoints(first);
			first.getBean("reuseDbJdbcClient", JdbcClient.class)
				.sql("CREATE TABLE IF NOT EXISTS reuse_marker (context TEXT)")
				.update();
			first.getBean("reuseDbJdbcClient", JdbcClient.class)
				.sql("INSERT INTO reuse_marker VALUES ('first')")
				.update();
			first.getBean("reuseCacheStringRedisTemplate", StringRedisTemplate.class)
				.opsForValue()
				.set("reuse:marker", "first");
			first.getBean("reuseEventsRabbitAdmin", RabbitAdmin.class)
				.declareQueue(new Queue("reuse.marker", false, false, false));
			first.getBean("reuseEventsRabbitTemplate", RabbitTemplate.class).convertAndSend("reuse.marker", "first");
			System.out.println("First context started in " + firstStart.toMillis() + " ms");
		}
		Object postgres = existing("postgres/embedded");
		Object broker = existing("rabbitmq/embedded");
		start = System.nanoTime();
		try (ConfigurableApplicationContext second = run()) {
			System.out.println("Second context started in " + Duration.ofNanos(System.nanoTime() - start).toMillis()
					+ " ms");
			assertThat(endpoints(second)).isEqualTo(firstEndpoints);
			assertThat(existing("postgres/embedded")).isSameAs(postgres);
			assertThat(existing("rabbitmq/embedded")).isSameAs(broker);
			assertThat(second.getBean("reuseDbJdbcClient", JdbcClient.class)
				.sql("SELECT context FROM reuse_marker")
				.query(String.class)
				.list()).contains("first");
			assertThat(second.getBean("reuseCacheStringRedisTemplate", StringRedisTemplate.class)
				.opsForValue()
				.get("reuse:marker")).isEqualTo("first");
			RabbitTemplate template = second.getBean("reuseEventsRabbitTemplate", RabbitTemplate.class);
			assertThat(template.receiveAndConvert("reuse.marker", 10_000)).isEqualTo("first");
		}
		List<String> lines = output.getAll().lines().toList();
		assertOneLinePerContext(lines, "reuse-db",
				"embedded PostgreSQL 14(\\.\\d+)* on 127\\.0\\.0\\.1:\\d+, database reuse_db");
		assertOneLinePerContext(lines, "reuse-cache", "embedded Redis 6\\.2 on 127\\.0\\.0\\.1:\\d+");
		assertOneLinePerContext(lines, "reuse-events",
				"embedded AMQP 0-9-1 broker \\(Apache Qpid Broker-J\\) on 127\\.0\\.0\\.1:\\d+, virtual host reuse-events");
	}

	private static void assertOneLinePerContext(List<String> lines, String instance, String description) {
		Pattern shape = Pattern.compile(".* " + Pattern.quote(instance) + " → " + description);
		List<String> logged = lines.stream().filter((line) -> line.contains(instance + " → ")).toList();
		assertThat(logged).hasSize(2).allSatisfy((line) -> assertThat(line).matches(shape));
		assertThat(logged.get(0).substring(logged.get(0).indexOf(instance + " → ")))
			.isEqualTo(logged.get(1).substring(logged.get(1).indexOf(instance + " → ")));
	}

	private static Object existing(String key) {
		Supplier<Object> none = () -> {
			throw new AssertionError("no server under " + key);
		};
		return DevServers.shared().get(key, none);
	}

	private static List<String> endpoints(ConfigurableApplicationContext context) {
		List<? extends PlugInstance> instances = List.copyOf(context.getBean(Plugboard.class).instances());
		assertThat(instances).hasSize(3)
			.allSatisfy((instance) -> assertThat(instance.state()).isEqualTo(InstanceState.RUNNING));
		return instances.stream().map((instance) -> instance.name() + "@" + instance.endpoint()).sorted().toList();
	}

	private static ConfigurableApplicationContext run() {
		return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE).properties(PROPERTIES).run();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}
