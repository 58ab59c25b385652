package dev.plugboard.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.plugboard.core.testing.TcpProxy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code /actuator/health} latency with the database stalled (a proxy that accepts and never
 * answers): Plugboard's bounded check against Spring Boot's own DataSource health indicator,
 * both in this JVM at the same time.
 */
final class BoundedHealth {

	private BoundedHealth() {
	}

	record Result(Stats plugboard, Stats boot, Duration healthTimeout, Duration clientTimeout) {
	}

	static Result run(int plugboardCalls, int bootCalls, String pgHost, int pgPort) throws Exception {
		Duration healthTimeout = Duration.ofMillis(500);
		Duration clientTimeout = Duration.ofSeconds(3);
		try (TcpProxy plugboardProxy = new TcpProxy(pgHost, pgPort); TcpProxy bootProxy = new TcpProxy(pgHost, pgPort);
				ConfigurableApplicationContext plugboard = start("--plugboard.postgres.stalled-db.url=postgres://postgres@127.0.0.1:"
						+ plugboardProxy.port() + "/test", "--plugboard.postgres.stalled-db.health.timeout=" + healthTimeout.toMillis() + "ms",
						"--plugboard.postgres.stalled-db.health.interval=0s", "--plugboard.postgres.stalled-db.flyway.enabled=false");
				ConfigurableApplicationContext boot = start("--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + bootProxy.port()
						+ "/test", "--spring.datasource.username=postgres")) {
			String plugboardUrl = healthUrl(plugboard);
			String bootUrl = healthUrl(boot);
			Http.timeGet(plugboardUrl, clientTimeout);
			Http.timeGet(bootUrl, clientTimeout);
			for (TcpProxy proxy : List.of(plugboardProxy, bootProxy)) {
				proxy.mode(TcpProxy.Mode.STALL);
				proxy.cut();
			}
			List<Double> plugboardSamples = new ArrayList<>();
			for (int i = 0; i < plugboardCalls; i++) {
				plugboardSamples.add(Http.timeGet(plugboardUrl, clientTimeout));
			}
			List<Double> bootSamples = new ArrayList<>();
			for (int i = 0; i < bootCalls; i++) {
				bootSamples.add(Http.timeGet(bootUrl, clientTimeout));
			}
			return new Result(new Stats(plugboardSamples), new Stats(bootSamples), healthTimeout, clientTimeout);
		}
	}

	private static ConfigurableApplicationContext start(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.add("--server.port=0");
		all.add("--logging.level.root=WARN");
		all.add("--management.endpoint.health.show-details=always");
		SpringApplication application = new SpringApplication(App.class);
		application.setLogStartupInfo(false);
		application.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
		return application.run(all.toArray(String[]::new));
	}

	private static String healthUrl(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return "http://127.0.0.1:" + port + "/actuator/health";
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}
