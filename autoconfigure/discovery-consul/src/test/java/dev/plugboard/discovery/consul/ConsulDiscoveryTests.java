package dev.plugboard.discovery.consul;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.plugboard.InstanceState;
import dev.plugboard.PlugInstance;
import dev.plugboard.Plugboard;
import dev.plugboard.core.testing.FailureAnalyses;
import dev.plugboard.core.testing.TcpProxy;
import dev.plugboard.discovery.consul.testing.ConsulServer;
import dev.plugboard.discovery.consul.testing.ConsulStandIn;
import dev.plugboard.postgres.testing.SharedPostgres;
import dev.plugboard.rabbitmq.testing.RabbitBroker;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The real Spring Cloud Consul discovery client against {@link ConsulStandIn}, a stand-in of
 * Consul's HTTP API, whose services point at the shared PostgreSQL, Redis and RabbitMQ servers.
 */
class ConsulDiscoveryTests extends ConsulTestSupport {

	@ParameterizedTest(name = "{0}")
	@MethodSource(SERVERS)
	void everyTypeConnectsToThePassingTaggedInstanceThatConsulLists(Supplier<ConsulServer> server) throws Exception {
		use(server);
		String vhost = RabbitBroker.uniqueName("discovery");
		RabbitBroker.createVirtualHost(vhost);
		try (TcpProxy secondBroker = new TcpProxy(RabbitBroker.HOST, RabbitBroker.PORT)) {
			// a passing instance without the tag, and a failing one with it, both at dead ports
			this.consul.register("users-db", "users-db-untagged", "127.0.0.1", TcpProxy.freePort(), "passing");
			this.consul.register("users-db", "users-db-failing", "127.0.0.1", TcpProxy.freePort(), "critical", "primary");
			this.consul.register("users-db", "users-db-1", SharedPostgres.HOST, SharedPostgres.PORT, "passing", "primary");
			this.consul.register("session-redis", "session-redis-1", "127.0.0.1", 6379, "passing");
			this.consul.register("rabbit", "rabbit-1", RabbitBroker.HOST, RabbitBroker.PORT, "passing");
			// a second address of the broker: several passing instances make the client's address list
			this.consul.register("rabbit", "rabbit-2", "127.0.0.1", secondBroker.port(), "passing");
			this.context = DiscoveryApplication.start(this.consul.port(),
					"plugboard.postgres.users-db.url=discovery://" + SharedPostgres.USER + "@users-db/test",
					"plugboard.postgres.users-db.discovery.tags=primary",
					"plugboard.redis.sessions.url=discovery://session-redis/5",
					"plugboard.rabbitmq.events.url=discovery://guest:guest@rabbit/" + vhost);
			JdbcClient jdbc = this.context.getBean("usersDbJdbcClient", JdbcClient.class);
			assertThat(jdbc.sql("SELECT current_database()").query(String.class).single()).isEqualTo("test");
			StringRedisTemplate redis = this.context.getBean("sessionsStringRedisTemplate", StringRedisTemplate.class);
			redis.opsForValue().set("plugboard:discovery", "found");
			assertThat(redis.opsForValue().get("plugboard:discovery")).isEqualTo("found");
			redis.delete("plugboard:discovery");
			RabbitTemplate rabbit = this.context.getBean("eventsRabbitTemplate", RabbitTemplate.class);
			this.context.getBean("eventsRabbitAdmin", RabbitAdmin.class).declareQueue(new Queue("discovered", false));
			rabbit.convertAndSend("discovered", "hello");
			assertThat(rabbit.receiveAndConvert("discovered", 5000)).isEqualTo("hello");

			Plugboard plugboard = this.context.getBean(Plugboard.class);
			assertThat(plugboard.find("postgres", "users-db").orElseThrow().endpoint()).isEqualTo(
					"users-db → " + SharedPostgres.HOST + ":" + SharedPostgres.PORT + "/test (via consul)");
			assertThat(plugboard.find("redis", "sessions").orElseThrow().endpoint())
				.isEqualTo("session-redis → 127.0.0.1:6379/5 (via consul)");
			assertThat(plugboard.find("rabbitmq", "events").orElseThrow().endpoint()).isEqualTo("rabbit → "
					+ RabbitBroker.HOST + ":" + RabbitBroker.PORT + ",127.0.0.1:" + secondBroker.port() + "/" + vhost
					+ " (via consul)");
			Health health = health("postgres", "users-db");
			assertThat(health.getStatus().getCode()).isEqualTo("UP");
			assertThat(health.getDetails().get("endpoint")).isEqualTo(
					"users-db → " + SharedPostgres.HOST + ":" + SharedPostgres.PORT + "/test (via consul)");
			assertThat(health.getDetails().get("discovery")).isEqualTo(Map.of("service", "users-db", "tags",
					List.of("primary"), "via", "consul", "endpoints",
					List.of(SharedPostgres.HOST + ":" + SharedPostgres.PORT), "status", "current"));
			// Consul filtered by health and tag itself, and the catalog watch used blocking queries
			// (the stand-in records what it was asked; a real agent does not say)
			if (this.consul.requests() != null) {
				assertThat(this.consul.requests()).anyMatch((request) -> request
					.matches("GET /v1/health/service/users-db\\?passing=true&tag=primary.*"));
				await().atMost(Duration.ofSeconds(10))
					.until(() -> this.consul.requests()
						.stream()
						.anyMatch((request) -> request.matches("GET /v1/catalog/services\\?.*index=[1-9].*")));
			}
		}
		finally {
			RabbitBroker.deleteVirtualHost(vhost);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(SERVERS)
	void whileConsulIsDownRunningInstancesServeAndNewConnectionsUseTheLastKnownEndpoint(Supplier<ConsulServer> server) throws Exception {
		use(server);
		this.consul.register("users-db", "users-db-1", SharedPostgres.HOST, SharedPostgres.PORT, "passing");
		this.context = DiscoveryApplication.start(this.consul.port(),
				"plugboard.postgres.users-db.url=discovery://" + SharedPostgres.USER + "@users-db/test",
				"plugboard.postgres.users-db.discovery.cache-ttl=100ms");
		JdbcClient jdbc = this.context.getBean("usersDbJdbcClient", JdbcClient.class);
		assertThat(jdbc.sql("SELECT 1").query(Integer.class).single()).isEqualTo(1);
		this.consul.stop();
		HikariDataSource pool = this.context.getBean("usersDbDataSource", HikariDataSource.class);
		long created = pool.getHikariPoolMXBean().getTotalConnections();
		// every pooled connection is replaced: the new ones are resolved while Consul is down
		pool.getHikariPoolMXBean().softEvictConnections();
		Thread.sleep(200);
		for (int i = 0; i < 5; i++) {
			assertThat(jdbc.sql("SELECT 1").query(Integer.class).single()).isEqualTo(1);
		}
		assertThat(created).isPositive();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			Map<?, ?> discovery = (Map<?, ?>) health("postgres", "users-db").getDetails().get("discovery");
			assertThat((String) discovery.get("status")).startsWith("stale since ");
		});
		Health health = health("postgres", "users-db");
		assertThat(health.getStatus().getCode()).isEqualTo("UP");
		assertThat((String) health.getDetails().get("endpoint")).endsWith("/test (via consul, stale)");
		this.consul.start();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			Map<?, ?> discovery = (Map<?, ?>) health("postgres", "users-db").getDetails().get("discovery");
			assertThat(discovery.get("status")).isEqualTo("current");
		});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(SERVERS)
	void aConsulThatStopsAnsweringLeavesTheLastKnownEndpointsInUseAndHealthSaysSince(Supplier<ConsulServer> server) throws Exception {
		use(server);
		this.consul.register("users-db", "users-db-1", SharedPostgres.HOST, SharedPostgres.PORT, "passing");
		try (TcpProxy hung = new TcpProxy("127.0.0.1", this.consul.port())) {
			this.context = DiscoveryApplication.start(hung.port(),
					"plugboard.postgres.users-db.url=discovery://" + SharedPostgres.USER + "@users-db/test",
					"plugboard.postgres.users-db.discovery.cache-ttl=100ms");
			JdbcClient jdbc = this.context.getBean("usersDbJdbcClient", JdbcClient.class);
			assertThat(jdbc.sql("SELECT 1").query(Integer.class).single()).isEqualTo(1);
			// accepts connections and never answers: the background refresh waits
			hung.mode(TcpProxy.Mode.STALL);
			hung.cut();
			HikariDataSource pool = this.context.getBean("usersDbDataSource", HikariDataSource.class);
			pool.getHikariPoolMXBean().softEvictConnections();
			long start = System.nanoTime();
			for (int i = 0; i < 5; i++) {
				assertThat(jdbc.sql("SELECT 1").query(Integer.class).single()).isEqualTo(1);
			}
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("new connections do not wait for Consul")
				.isLessThan(Duration.ofSeconds(2));
			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
				Map<?, ?> discovery = (Map<?, ?>) health("postgres", "users-db").getDetails().get("discovery");
				assertThat((String) discovery.get("status")).startsWith("stale since ");
			});
			assertThat(health("postgres", "users-db").getStatus().getCode()).isEqualTo("UP");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(SERVERS)
	void aServiceWithoutAPassingInstanceAtStartupIsAFailureNamingServicePropertyAndClient(Supplier<ConsulServer> server) {
		use(server);
		this.consul.register("orders-db", "orders-db-1", SharedPostgres.HOST, SharedPostgres.PORT, "critical");
		assertThatException()
			.isThrownBy(() -> this.context = DiscoveryApplication.start(this.consul.port(),
					"plugboard.postgres.orders.url=discovery://" + SharedPostgres.USER + "@orders-db/test",
					"plugboard.postgres.orders.startup.timeout=1s"))
			.satisfies((failure) -> {
				FailureAnalysis analysis = FailureAnalyses.analyze(failure);
				assertThat(analysis.getDescription()).contains("postgres instance 'orders'")
					.contains("orders-db → (no passing instance)/test")
					.contains("the service 'orders-db' has no passing instance in consul (Spring Cloud Consul "
							+ "Discovery Client)");
				assertThat(analysis.getAction()).contains("No passing instance of the service 'orders-db'")
					.contains("'plugboard.postgres.orders.url' (environment variable PLUGBOARD_POSTGRES_ORDERS_URL)")
					.contains("register the service and make its health check pass");
			});
	}

	@Test
	void aDiscoveryUrlWithAPortIsRefusedNamingTheProperty() {
		assertThatException()
			.isThrownBy(() -> this.context = DiscoveryApplication.start(this.consul.port(),
					"plugboard.postgres.orders.url=discovery://orders-db:5432/test"))
			.satisfies((failure) -> {
				FailureAnalysis analysis = FailureAnalyses.analyze(failure);
				assertThat(analysis.getDescription()).contains("plugboard.postgres.orders.url")
					.contains("PLUGBOARD_POSTGRES_ORDERS_URL")
					.contains("gives a port, which comes from the discovery client");
				assertThat(analysis.getAction()).contains("discovery://users-db/users");
			});
	}

	@Test
	void springCloudsSimpleDiscoveryClientServesWithoutConsul() {
		this.consul.close();
		this.context = DiscoveryApplication.start(this.consul.port(), "spring.cloud.consul.enabled=false",
				"spring.cloud.discovery.client.simple.instances.users-db[0].uri=http://127.0.0.1:" + TcpProxy.freePort(),
				"spring.cloud.discovery.client.simple.instances.users-db[1].uri=http://" + SharedPostgres.HOST + ":"
						+ SharedPostgres.PORT,
				"spring.cloud.discovery.client.simple.instances.users-db[1].metadata.tags=primary,eu",
				"plugboard.postgres.users-db.url=discovery://" + SharedPostgres.USER + "@users-db/test",
				"plugboard.postgres.users-db.discovery.tags=primary");
		JdbcClient jdbc = this.context.getBean("usersDbJdbcClient", JdbcClient.class);
		assertThat(jdbc.sql("SELECT current_database()").query(String.class).single()).isEqualTo("test");
		PlugInstance instance = this.context.getBean(Plugboard.class).find("postgres", "users-db").orElseThrow();
		assertThat(instance.state()).isEqualTo(InstanceState.RUNNING);
		assertThat(instance.endpoint()).isEqualTo(
				"users-db → " + SharedPostgres.HOST + ":" + SharedPostgres.PORT + "/test (via simple)");
	}

	/** Dev services are on this module's test class path: they serve only instances without a connection. */
	@Test
	void devServicesLeaveADiscoveryInstanceAlone() {
		this.consul.register("users-db", "users-db-1", SharedPostgres.HOST, SharedPostgres.PORT, "passing");
		this.context = DiscoveryApplication.start(this.consul.port(),
				"plugboard.postgres.users-db.url=discovery://" + SharedPostgres.USER + "@users-db/test");
		PlugInstance instance = this.context.getBean(Plugboard.class).find("postgres", "users-db").orElseThrow();
		assertThat(instance.state()).isEqualTo(InstanceState.RUNNING);
		assertThat(instance.endpoint()).isEqualTo(
				"users-db → " + SharedPostgres.HOST + ":" + SharedPostgres.PORT + "/test (via consul)");
		assertThat(this.context.getBean("usersDbJdbcClient", JdbcClient.class)
			.sql("SELECT inet_server_port()")
			.query(Integer.class)
			.single()).isEqualTo(SharedPostgres.PORT);
	}

	private Health health(String type, String instance) {
		HealthIndicator indicator = (HealthIndicator) this.context
			.getBean(type + "HealthContributor", CompositeHealthContributor.class)
			.getContributor(instance);
		return indicator.health();
	}

}
