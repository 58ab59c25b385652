package dev.plugboard.discovery.consul;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.plugboard.InstanceState;
import dev.plugboard.PlugInstance;
import dev.plugboard.Plugboard;
import dev.plugboard.core.testing.TcpProxy;
import dev.plugboard.discovery.consul.testing.ConsulServer;
import dev.plugboard.discovery.consul.testing.ConsulStandIn;
import dev.plugboard.postgres.testing.PrivatePostgres;
import dev.plugboard.rabbitmq.testing.RabbitBroker;
import dev.plugboard.redis.testing.PrivateRedis;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service moves from server A to server B while the application runs: A stops, and the
 * stand-in of Consul's HTTP API ({@link ConsulStandIn}) lists B instead. The instance serves
 * from B without a restart, within {@code startup.retry-interval} plus one
 * {@code health.interval} (with a second's allowance for this 2-core machine), and nothing
 * written before the move is lost on a store that kept it.
 */
class ConsulMoveTests extends ConsulTestSupport {

	private static final String RETRY = "300ms";

	private static final String INTERVAL = "300ms";

	private static final Duration WITHIN = Duration.ofMillis(300 + 300 + 1000);

	private ConfigurableApplicationContext start(String type, String instance, String url) {
		String prefix = "plugboard." + type + "." + instance + ".";
		List<String> properties = new ArrayList<>(List.of(prefix + "url=" + url,
				prefix + "startup.retry-interval=" + RETRY, prefix + "health.interval=" + INTERVAL));
		if (!type.equals("postgres")) {
			// without a postgres instance, Boot's own DataSource would look for a database URL
			properties.add("spring.autoconfigure.exclude="
					+ "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration");
		}
		return DiscoveryApplication.start(this.consul.port(), properties.toArray(String[]::new));
	}

	/** A primary and its streaming replica; the move is a failover: A crashes, B is promoted. */
	@ParameterizedTest(name = "{0}")
	@MethodSource(SERVERS)
	void postgresFollowsAFailoverToThePromotedReplica(Supplier<ConsulServer> server) throws Exception {
		use(server);
		try (PrivatePostgres a = PrivatePostgres.start("secret"); PrivatePostgres b = a.replica()) {
			this.consul.register("orders-db", "orders-db-a", "127.0.0.1", a.port(), "passing");
			this.context = start("postgres", "orders", "discovery://test:secret@orders-db/postgres");
			JdbcClient jdbc = this.context.getBean("ordersJdbcClient", JdbcClient.class);
			jdbc.sql("CREATE TABLE orders (id int PRIMARY KEY)").update();
			jdbc.sql("INSERT INTO orders VALUES (1), (2), (3)").update();
			PlugInstance orders = this.context.getBean(Plugboard.class).find("postgres", "orders").orElseThrow();
			assertThat(orders.endpoint()).isEqualTo("orders-db → 127.0.0.1:" + a.port() + "/postgres (via consul)");
			await().atMost(Duration.ofSeconds(10)).until(() -> count(b.port()) == 3);

			a.crash();
			b.promote();
			this.consul.deregister("orders-db-a");
			this.consul.register("orders-db", "orders-db-b", "127.0.0.1", b.port(), "passing");
			long moved = System.nanoTime();
			await().atMost(WITHIN).pollInterval(Duration.ofMillis(20)).ignoreExceptions().until(() -> {
				jdbc.sql("INSERT INTO orders VALUES (4)").update();
				return true;
			});
			Duration took = Duration.ofNanos(System.nanoTime() - moved);
			assertThat(jdbc.sql("SELECT count(*) FROM orders").query(Integer.class).single()).isEqualTo(4);
			assertThat(orders.endpoint()).isEqualTo("orders-db → 127.0.0.1:" + b.port() + "/postgres (via consul)");
			await().atMost(WITHIN).until(() -> orders.state() == InstanceState.RUNNING);
			assertThat(took).isLessThan(WITHIN);
		}
	}

	private static int count(int port) throws Exception {
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
				"test", "secret"); Statement statement = connection.createStatement()) {
			try (ResultSet result = statement.executeQuery("SELECT count(*) FROM orders")) {
				result.next();
				return result.getInt(1);
			}
		}
		catch (Exception ex) {
			return -1;
		}
	}

	/** A server and its replica; A is killed and B stops replicating, keeping what A had. */
	@ParameterizedTest(name = "{0}")
	@MethodSource(SERVERS)
	void redisFollowsAMoveToTheServerThatKeptItsData(Supplier<ConsulServer> server) {
		use(server);
		try (PrivateRedis a = PrivateRedis.start();
				PrivateRedis b = PrivateRedis.start("--replicaof", "127.0.0.1", "0")) {
			replicate(b, a.port());
			this.consul.register("cache-redis", "cache-a", "127.0.0.1", a.port(), "passing");
			this.context = start("redis", "cache", "discovery://cache-redis/0");
			StringRedisTemplate redis = this.context.getBean("cacheStringRedisTemplate", StringRedisTemplate.class);
			redis.opsForValue().set("before", "kept");
			await().atMost(Duration.ofSeconds(10)).until(() -> "kept".equals(get(b, "before")));

			a.kill();
			promote(b);
			this.consul.deregister("cache-a");
			this.consul.register("cache-redis", "cache-b", "127.0.0.1", b.port(), "passing");
			long moved = System.nanoTime();
			await().atMost(WITHIN).pollInterval(Duration.ofMillis(20)).ignoreExceptions().until(() -> {
				redis.opsForValue().set("after", "written");
				return true;
			});
			Duration took = Duration.ofNanos(System.nanoTime() - moved);
			assertThat(redis.opsForValue().get("before")).isEqualTo("kept");
			assertThat(get(b, "after")).isEqualTo("written");
			PlugInstance cache = this.context.getBean(Plugboard.class).find("redis", "cache").orElseThrow();
			assertThat(cache.endpoint()).isEqualTo("cache-redis → 127.0.0.1:" + b.port() + "/0 (via consul)");
			assertThat(took).isLessThan(WITHIN);
		}
	}

	private static void replicate(PrivateRedis replica, int primaryPort) {
		command(replica, (connection) -> connection.sync().replicaof("127.0.0.1", primaryPort));
	}

	private static void promote(PrivateRedis replica) {
		command(replica, (connection) -> connection.sync().replicaofNoOne());
	}

	private static String get(PrivateRedis redis, String key) {
		return command(redis, (connection) -> connection.sync().get(key));
	}

	private static <T> T command(PrivateRedis redis,
			java.util.function.Function<StatefulRedisConnection<String, String>, T> command) {
		RedisClient client = RedisClient.create(redis.url());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return command.apply(connection);
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
		}
	}

	/**
	 * The broker is reached at two addresses (a TCP proxy each, to the shared broker: one
	 * RabbitMQ node runs on this machine); address A stops answering and cuts its connections.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource(SERVERS)
	void rabbitFollowsAMoveAndTheMessagesQueuedBeforeItAreDelivered(Supplier<ConsulServer> server) throws Exception {
		use(server);
		String vhost = RabbitBroker.uniqueName("discovery-move");
		RabbitBroker.createVirtualHost(vhost);
		try (TcpProxy a = new TcpProxy(RabbitBroker.HOST, RabbitBroker.PORT);
				TcpProxy b = new TcpProxy(RabbitBroker.HOST, RabbitBroker.PORT)) {
			this.consul.register("events-mq", "events-a", "127.0.0.1", a.port(), "passing");
			this.context = start("rabbitmq", "events", "discovery://guest:guest@events-mq/" + vhost);
			RabbitTemplate rabbit = this.context.getBean("eventsRabbitTemplate", RabbitTemplate.class);
			this.context.getBean("eventsRabbitAdmin", RabbitAdmin.class).declareQueue(new Queue("moves", true));
			for (int i = 0; i < 10; i++) {
				rabbit.convertAndSend("moves", "before-" + i);
			}
			PlugInstance events = this.context.getBean(Plugboard.class).find("rabbitmq", "events").orElseThrow();
			assertThat(events.endpoint()).isEqualTo("events-mq → 127.0.0.1:" + a.port() + "/" + vhost + " (via consul)");

			// the broker holds all ten (a publish without confirms may still be on its way through A)
			await().atMost(Duration.ofSeconds(10)).until(() -> RabbitBroker.messageCount(vhost, "moves") == 10);
			a.refuse();
			a.cut();
			this.consul.deregister("events-a");
			this.consul.register("events-mq", "events-b", "127.0.0.1", b.port(), "passing");
			long moved = System.nanoTime();
			await().atMost(WITHIN).pollInterval(Duration.ofMillis(20)).ignoreExceptions().until(() -> {
				rabbit.convertAndSend("moves", "after");
				return true;
			});
			Duration took = Duration.ofNanos(System.nanoTime() - moved);
			// every one, once; not necessarily in order: the template publishes on pooled channels, and
			// AMQP orders messages per channel only
			List<Object> received = new ArrayList<>();
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				Object message = rabbit.receiveAndConvert("moves");
				if (message != null) {
					received.add(message);
				}
				return received.size() >= 11;
			});
			List<Object> expected = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				expected.add("before-" + i);
			}
			expected.add("after");
			assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
			assertThat(events.endpoint()).isEqualTo("events-mq → 127.0.0.1:" + b.port() + "/" + vhost + " (via consul)");
			assertThat(took).isLessThan(WITHIN);
		}
		finally {
			if (this.context != null) {
				this.context.close();
				this.context = null;
			}
			RabbitBroker.deleteVirtualHost(vhost);
		}
	}

}
