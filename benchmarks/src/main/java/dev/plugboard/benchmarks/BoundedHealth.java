package dev.plugboard.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.plugboard.core.testing.TcpProxy;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code /actuator/health} latency with PostgreSQL, Redis and RabbitMQ all stalled (proxies that
 * accept and never answer): Plugboard's bounded checks against Spring Boot's own DataSource,
 * Redis and RabbitMQ health indicators, both applications in this JVM at the same time and
 * measured the same way.
 */
final class BoundedHealth {

	/** Calls in flight at once, so that a baseline that waits does not take minutes. */
	private static final int CONCURRENCY = 5;

	private BoundedHealth() {
	}

	record Result(Stats plugboard, Stats boot, Duration healthTimeout, Duration clientTimeout) {
	}

	static Result run(int calls, Stores stores) throws Exception {
		Duration healthTimeout = Duration.ofMillis(500);
		Duration clientTimeout = Duration.ofSeconds(3);
		try (TcpProxy pgPlugboard = new TcpProxy(stores.pgHost(), stores.pgPort());
				TcpProxy redisPlugboard = new TcpProxy(stores.redisHost(), stores.redisPort());
				TcpProxy rabbitPlugboard = new TcpProxy(stores.rabbitHost(), stores.rabbitPort());
				TcpProxy pgBoot = new TcpProxy(stores.pgHost(), stores.pgPort());
				TcpProxy redisBoot = new TcpProxy(stores.redisHost(), stores.redisPort());
				TcpProxy rabbitBoot = new TcpProxy(stores.rabbitHost(), stores.rabbitPort());
				ConfigurableApplicationContext plugboard = start(plugboardArguments(healthTimeout, pgPlugboard,
						redisPlugboard, rabbitPlugboard));
				ConfigurableApplicationContext boot = start(
						"--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + pgBoot.port() + "/test",
						"--spring.datasource.username=postgres", "--spring.data.redis.host=127.0.0.1",
						"--spring.data.redis.port=" + redisBoot.port(), "--spring.rabbitmq.host=127.0.0.1",
						"--spring.rabbitmq.port=" + rabbitBoot.port())) {
			String plugboardUrl = healthUrl(plugboard);
			String bootUrl = healthUrl(boot);
			// both answer while the servers do: every connection is made before the stall
			Http.timeGet(plugboardUrl, clientTimeout);
			Http.timeGet(bootUrl, clientTimeout);
			for (TcpProxy proxy : List.of(pgPlugboard, redisPlugboard, rabbitPlugboard, pgBoot, redisBoot,
					rabbitBoot)) {
				proxy.mode(TcpProxy.Mode.STALL);
				proxy.cut();
			}
			Stats plugboardStats = measure(plugboardUrl, calls, clientTimeout);
			Stats bootStats = measure(bootUrl, calls, clientTimeout);
			return new Result(plugboardStats, bootStats, healthTimeout, clientTimeout);
		}
	}

	private static String[] plugboardArguments(Duration healthTimeout, TcpProxy pg, TcpProxy redis,
			TcpProxy rabbit) {
		List<String> arguments = new ArrayList<>(List.of(
				"--plugboard.postgres.stalled-db.url=postgres://postgres@127.0.0.1:" + pg.port() + "/test",
				"--plugboard.postgres.stalled-db.flyway.enabled=false",
				"--plugboard.redis.stalled-cache.url=redis://127.0.0.1:" + redis.port() + "/0",
				"--plugboard.rabbitmq.stalled-mq.url=amqp://guest:guest@127.0.0.1:" + rabbit.port() + "/"));
		for (String instance : List.of("postgres.stalled-db", "redis.stalled-cache", "rabbitmq.stalled-mq")) {
			arguments.add("--plugboard." + instance + ".health.timeout=" + healthTimeout.toMillis() + "ms");
			arguments.add("--plugboard." + instance + ".health.interval=0s");
		}
		return arguments.toArray(String[]::new);
	}

	private static Stats measure(String url, int calls, Duration clientTimeout) {
		ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY);
		try {
			List<CompletableFuture<Double>> samples = new ArrayList<>();
			for (int i = 0; i < calls; i++) {
				samples.add(CompletableFuture.supplyAsync(() -> Http.timeGet(url, clientTimeout), clients));
			}
			return new Stats(samples.stream().map(CompletableFuture::join).toList());
		}
		finally {
			clients.shutdownNow();
		}
	}

	private static ConfigurableApplicationContext start(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.add("--server.port=0");
		all.add("--logging.level.root=WARN");
		all.add("--management.endpoint.health.show-details=always");
		SpringApplication application = new SpringApplication(App.class);
		application.setLogStartupInfo(false);
		application.setBannerMode(Banner.Mode.OFF);
		return application.run(all.toArray(String[]::new));
	}

	private static String healthUrl(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return "http://127.0.0.1:" + port + "/actuator/health";
	}

	/**
	 * Where the real servers are.
	 */
	record Stores(String pgHost, int pgPort, String redisHost, int redisPort, String rabbitHost, int rabbitPort) {
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}
