package dev.plugboard.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;

import dev.plugboard.core.spi.ServiceEndpoints;
import dev.plugboard.core.testing.TcpProxy;
import dev.plugboard.discovery.consul.testing.ConsulStandIn;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The cost of resolving a {@code discovery://} instance's endpoint at each new physical
 * connection: new PostgreSQL connections through the instance's discovering DataSource (the real
 * Spring Cloud Consul client against the stand-in of Consul's HTTP API, cache warm) against new
 * connections as HikariCP makes them for an instance with a fixed URL, alternating, in the same
 * run.
 */
final class DiscoveryCost {

	private DiscoveryCost() {
	}

	record Result(Stats fixed, Stats discovered, double nextNanos) {
	}

	static Result run(int connections, String pgHost, int pgPort) throws Exception {
		try (ConsulStandIn consul = ConsulStandIn.start(TcpProxy.freePort())) {
			consul.register("users-db", "users-db-1", pgHost, pgPort, "passing");
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
				.web(WebApplicationType.NONE)
				.properties("spring.main.banner-mode=off", "logging.level.root=WARN",
						"spring.application.name=discovery-bench", "spring.cloud.consul.host=127.0.0.1",
						"spring.cloud.consul.port=" + consul.port(), "spring.cloud.consul.discovery.register=false",
						"spring.cloud.service-registry.auto-registration.enabled=false",
						"plugboard.postgres.found.url=discovery://postgres@users-db/test",
						"plugboard.postgres.found.primary=true", "plugboard.postgres.found.flyway.enabled=false",
						"plugboard.postgres.fixed.url=postgres://postgres@" + pgHost + ":" + pgPort + "/test",
						"plugboard.postgres.fixed.flyway.enabled=false")
				.run()) {
				DataSource discovering = context.getBean("foundDataSource", HikariDataSource.class).getDataSource();
				ServiceEndpoints endpoints = context.getBean("foundServiceEndpoints", ServiceEndpoints.class);
				// the baseline is what HikariCP connects with for an instance with a fixed URL: its own
				// DriverDataSource with the instance's URL, properties and login timeout
				HikariDataSource fixedPool = context.getBean("fixedDataSource", HikariDataSource.class);
				DriverDataSource direct = new DriverDataSource(fixedPool.getJdbcUrl(), fixedPool.getDriverClassName(),
						fixedPool.getDataSourceProperties(), fixedPool.getUsername(), fixedPool.getPassword());
				int loginTimeout = (int) Math.max(1, TimeUnit.MILLISECONDS.toSeconds(500 + fixedPool.getConnectionTimeout()));
				direct.setLoginTimeout(loginTimeout);
				discovering.setLoginTimeout(loginTimeout);
				List<Double> fixed = new ArrayList<>();
				List<Double> discovered = new ArrayList<>();
				int warmup = connections / 10;
				for (int i = 0; i < connections + warmup; i++) {
					// which goes first alternates too: a connection right after another waits for the server
					// to clean up the one just closed
					double a;
					double b;
					if (i % 2 == 0) {
						a = time(direct::getConnection);
						b = time(() -> discovering.getConnection("postgres", null));
					}
					else {
						b = time(() -> discovering.getConnection("postgres", null));
						a = time(direct::getConnection);
					}
					if (i >= warmup) {
						fixed.add(a);
						discovered.add(b);
					}
				}
				// the resolution alone: what each new connection asks of the cache
				long calls = 2_000_000;
				for (int i = 0; i < calls / 10; i++) {
					endpoints.next();
				}
				long start = System.nanoTime();
				for (long i = 0; i < calls; i++) {
					endpoints.next();
				}
				double nextNanos = (System.nanoTime() - start) / (double) calls;
				return new Result(new Stats(fixed), new Stats(discovered), nextNanos);
			}
		}
	}

	private static double time(ConnectionSupplier supplier) throws SQLException {
		long start = System.nanoTime();
		try (Connection connection = supplier.get()) {
			connection.isValid(1);
		}
		return (System.nanoTime() - start) / 1_000_000.0;
	}

	@FunctionalInterface
	private interface ConnectionSupplier {

		Connection get() throws SQLException;

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}
