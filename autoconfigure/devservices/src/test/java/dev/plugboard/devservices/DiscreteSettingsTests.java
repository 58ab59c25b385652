package dev.plugboard.devservices;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.PossibleAuthenticationFailureException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.plugboard.InstanceState;
import dev.plugboard.PlugInstance;
import dev.plugboard.Plugboard;
import dev.plugboard.rabbitmq.RabbitInstance;

import org.springframework.amqp.core.Queue;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Instances without a connection but with a database, user, password or virtual host of their
 * own: the dev servers are made to match them, so the instances run and carry data, and the
 * password shows in no log line.
 */
@ExtendWith(OutputCaptureExtension.class)
class DiscreteSettingsTests {

	/** Characters that need encoding in a URL, to prove the URL given to the instance is. */
	private static final String AWKWARD_PASSWORD = "p@ss:w/rd %+?#é";

	@Test
	void serversMatchTheSettingsAndThePasswordIsNeverLogged(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
			.web(WebApplicationType.NONE)
			.properties(Map.of("plugboard.postgres.users-db.database", "users", "plugboard.postgres.users-db.username",
					"app", "plugboard.postgres.users-db.password", "s3cret", "plugboard.redis.secret-cache.password",
					"s3cret", "plugboard.redis.acl-cache.username", "app", "plugboard.redis.acl-cache.password",
					AWKWARD_PASSWORD, "plugboard.redis.acl-cache.database", "20",
					"plugboard.rabbitmq.billing-events.virtual-host", "billing",
					"plugboard.rabbitmq.billing-events.username", "app", "plugboard.rabbitmq.billing-events.password",
					"s3cret"))
			.run()) {
			Plugboard plugboard = context.getBean(Plugboard.class);
			assertThat(plugboard.instances()).hasSize(4)
				.allSatisfy((instance) -> assertThat(instance.state()).isEqualTo(InstanceState.RUNNING));
			postgresHasTheDatabaseAndTheUser(context, plugboard.find("postgres", "users-db").orElseThrow());
			redisRequiresThePassword(context, plugboard.find("redis", "secret-cache").orElseThrow());
			redisHasTheAclUserAndTheDatabase(context, plugboard.find("redis", "acl-cache").orElseThrow());
			rabbitHasTheVirtualHostAndTheUser(context, plugboard.find("rabbitmq", "billing-events").orElseThrow());
		}
		List<String> lines = output.getAll().lines().toList();
		assertThat(lines.stream().filter((line) -> line.contains("users-db → ")))
			.singleElement()
			.asString()
			.matches(".* users-db → embedded PostgreSQL 14(\\.\\d+)* on 127\\.0\\.0\\.1:\\d+, database users, user app");
		assertThat(lines.stream().filter((line) -> line.contains("secret-cache → ")))
			.singleElement()
			.asString()
			.matches(".* secret-cache → embedded Redis 6\\.2 on 127\\.0\\.0\\.1:\\d+, password required");
		assertThat(lines.stream().filter((line) -> line.contains("billing-events → ")))
			.singleElement()
			.asString()
			.matches(".* billing-events → embedded AMQP 0-9-1 broker \\(Apache Qpid Broker-J\\) on "
					+ "127\\.0\\.0\\.1:\\d+, virtual host billing, user app");
		assertThat(output.getAll()).doesNotContain("s3cret")
			.doesNotContain(AWKWARD_PASSWORD)
			.doesNotContain(DevUrls.encode(AWKWARD_PASSWORD));
	}

	private void postgresHasTheDatabaseAndTheUser(ConfigurableApplicationContext context, PlugInstance instance)
			throws Exception {
		JdbcClient users = context.getBean("usersDbJdbcClient", JdbcClient.class);
		assertThat(users.sql("SELECT current_database() || '/' || current_user").query(String.class).single())
			.isEqualTo("users/app");
		users.sql("CREATE TABLE IF NOT EXISTS accounts (id INT PRIMARY KEY, name TEXT)").update();
		users.sql("INSERT INTO accounts VALUES (1, 'ada') ON CONFLICT (id) DO NOTHING").update();
		assertThat(users.sql("SELECT name FROM accounts WHERE id = 1").query(String.class).single()).isEqualTo("ada");
		// the superuser sees that app owns the database and has its password stored
		try (Connection admin = DriverManager.getConnection(
				"jdbc:postgresql://" + address(instance) + "/postgres", PostgresDevService.SUPERUSER, "");
				Statement statement = admin.createStatement();
				ResultSet owner = statement.executeQuery("SELECT pg_get_userbyid(datdba), "
						+ "(SELECT rolpassword FROM pg_authid WHERE rolname = 'app') FROM pg_database "
						+ "WHERE datname = 'users'")) {
			assertThat(owner.next()).isTrue();
			assertThat(owner.getString(1)).isEqualTo("app");
			assertThat(owner.getString(2)).startsWith("SCRAM-SHA-256$");
		}
	}

	private void redisRequiresThePassword(ConfigurableApplicationContext context, PlugInstance instance) {
		StringRedisTemplate cache = context.getBean("secretCacheStringRedisTemplate", StringRedisTemplate.class);
		cache.opsForValue().set("discrete:key", "secret-cache");
		assertThat(cache.opsForValue().get("discrete:key")).isEqualTo("secret-cache");
		RedisURI anonymous = RedisURI.create("redis://" + address(instance));
		RedisClient client = RedisClient.create();
		try {
			assertThatException().isThrownBy(() -> {
				try (StatefulRedisConnection<String, String> connection = client.connect(anonymous)) {
					connection.sync().ping();
				}
			}).withStackTraceContaining("NOAUTH");
		}
		finally {
			client.shutdown();
		}
	}

	private void redisHasTheAclUserAndTheDatabase(ConfigurableApplicationContext context, PlugInstance instance) {
		StringRedisTemplate cache = context.getBean("aclCacheStringRedisTemplate", StringRedisTemplate.class);
		assertThat(instance.endpoint()).endsWith("/20");
		cache.opsForValue().set("discrete:key", "acl-cache");
		assertThat(cache.opsForValue().get("discrete:key")).isEqualTo("acl-cache");
		Object whoami = cache.execute((RedisCallback<Object>) (RedisConnection connection) -> connection
			.execute("ACL", "WHOAMI".getBytes()));
		assertThat((whoami instanceof byte[] bytes) ? new String(bytes) : whoami).isEqualTo("app");
		Object database = cache.execute((RedisCallback<Object>) (RedisConnection connection) -> connection
			.execute("CLIENT", "INFO".getBytes()));
		assertThat((database instanceof byte[] bytes) ? new String(bytes) : String.valueOf(database))
			.contains(" db=20 ");
	}

	private void rabbitHasTheVirtualHostAndTheUser(ConfigurableApplicationContext context, PlugInstance instance)
			throws Exception {
		RabbitInstance events = context.getBean("billingEventsRabbitInstance", RabbitInstance.class);
		assertThat(events.connectionFactory().getVirtualHost()).isEqualTo("billing");
		assertThat(events.connectionFactory().getUsername()).isEqualTo("app");
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		RabbitInstance.Subscription subscription = events.subscribe("discrete.billing",
				(message) -> received.add(new String(message.getBody())));
		try {
			events.publish("discrete.billing", "invoice");
			assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("invoice");
		}
		finally {
			subscription.cancel();
		}
		com.rabbitmq.client.ConnectionFactory wrong = new com.rabbitmq.client.ConnectionFactory();
		wrong.setUri("amqp://app:wrong@" + address(instance) + "/billing");
		assertThatException().isThrownBy(() -> wrong.newConnection().close())
			.isInstanceOf(PossibleAuthenticationFailureException.class);
	}

	private static String address(PlugInstance instance) {
		return instance.endpoint().substring(0, instance.endpoint().indexOf('/'));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@org.springframework.context.annotation.Bean
		@dev.plugboard.Plug("billing-events")
		Queue discreteBilling() {
			return new Queue("discrete.billing");
		}

	}

}
