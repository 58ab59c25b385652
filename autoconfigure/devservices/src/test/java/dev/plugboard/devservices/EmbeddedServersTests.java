package dev.plugboard.devservices;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The embedded servers really serve: data round-trips, and two instances of a type are
 * isolated from each other.
 */
class EmbeddedServersTests {

	private final DevServicesProperties properties = new DevServicesProperties();

	@Test
	void embeddedPostgresGivesEachInstanceItsOwnDatabase() throws Exception {
		PostgresDevService service = new PostgresDevService();
		DevConnection users = service.connect(DevInstance.named("postgres", "users-db"), false, this.properties);
		DevConnection audit = service.connect(DevInstance.named("postgres", "audit-db"), false, this.properties);
		assertThat(users.description()).startsWith("embedded PostgreSQL 14").endsWith("database users_db");
		try (Connection one = jdbc(users.url()); Connection two = jdbc(audit.url());
				Statement first = one.createStatement(); Statement second = two.createStatement()) {
			first.execute("CREATE TABLE IF NOT EXISTS only_in_users (id INT)");
			first.execute("INSERT INTO only_in_users VALUES (42)");
			try (ResultSet rows = first.executeQuery("SELECT count(*) FROM only_in_users WHERE id = 42")) {
				rows.next();
				assertThat(rows.getInt(1)).isPositive();
			}
			assertThatException().isThrownBy(() -> second.executeQuery("SELECT * FROM only_in_users"))
				.withMessageContaining("does not exist");
		}
		assertThat(service.connect(DevInstance.named("postgres", "users-db"), false, this.properties)).isEqualTo(users);
	}

	@Test
	void embeddedRedisGivesEachInstanceItsOwnServer() {
		RedisDevService service = new RedisDevService();
		DevConnection one = service.connect(DevInstance.named("redis", "session-cache"), false, this.properties);
		DevConnection two = service.connect(DevInstance.named("redis", "data-cache"), false, this.properties);
		assertThat(one.url()).isNotEqualTo(two.url());
		RedisClient client = RedisClient.create();
		try (StatefulRedisConnection<String, String> first = client.connect(io.lettuce.core.RedisURI.create(one.url()));
				StatefulRedisConnection<String, String> second = client
					.connect(io.lettuce.core.RedisURI.create(two.url()))) {
			first.sync().set("plugboard:devservices", "one");
			assertThat(first.sync().get("plugboard:devservices")).isEqualTo("one");
			assertThat(second.sync().get("plugboard:devservices")).isNull();
			assertThat(first.sync().configGet("save")).containsEntry("save", "");
		}
		finally {
			client.shutdown();
		}
	}

	@Test
	void embeddedBrokerGivesEachInstanceItsOwnVirtualHost() throws Exception {
		RabbitDevService service = new RabbitDevService();
		DevConnection events = service.connect(DevInstance.named("rabbitmq", "events"), false, this.properties);
		DevConnection billing = service.connect(DevInstance.named("rabbitmq", "billing"), false, this.properties);
		assertThat(events.description()).contains("Apache Qpid Broker-J").endsWith("virtual host events");
		try (com.rabbitmq.client.Connection one = amqp(events.url());
				com.rabbitmq.client.Connection two = amqp(billing.url())) {
			Channel first = one.createChannel();
			Channel second = two.createChannel();
			first.queueDeclare("plugboard.devservices", false, false, true, null);
			first.basicPublish("", "plugboard.devservices", null, "hello".getBytes());
			GetResponse response = null;
			for (int i = 0; i < 50 && response == null; i++) {
				response = first.basicGet("plugboard.devservices", true);
				if (response == null) {
					Thread.sleep(20);
				}
			}
			assertThat(response).isNotNull();
			assertThat(new String(response.getBody())).isEqualTo("hello");
			assertThatException().isThrownBy(() -> second.queueDeclarePassive("plugboard.devservices"))
				.withStackTraceContaining("reply-code=404");
		}
	}

	private static Connection jdbc(String url) throws Exception {
		URI uri = URI.create(url);
		return DriverManager.getConnection("jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath(),
				"postgres", "");
	}

	private static com.rabbitmq.client.Connection amqp(String url) throws Exception {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setUri(url);
		return factory.newConnection();
	}

}
