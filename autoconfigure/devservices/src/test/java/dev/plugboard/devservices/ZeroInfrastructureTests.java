package dev.plugboard.devservices;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import dev.plugboard.InstanceState;
import dev.plugboard.Plug;
import dev.plugboard.PlugInstance;
import dev.plugboard.Plugboard;
import dev.plugboard.core.ManagedInstance;
import dev.plugboard.rabbitmq.RabbitInstance;

import org.springframework.amqp.core.Queue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Two PostgreSQL, two Redis and one RabbitMQ instance with no connection settings at all: dev
 * services serve every one (embedded servers here, where no Docker engine answers): each
 * round-trips data, sees none of the others' data, and is healthy.
 */
@SpringBootTest(properties = { "plugboard.postgres.users-db.primary=true", "plugboard.postgres.audit-db.enabled=true",
		"plugboard.redis.session-cache.primary=true", "plugboard.redis.data-cache.enabled=true",
		"plugboard.rabbitmq.events.enabled=true" })
class ZeroInfrastructureTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	Plugboard plugboard;

	@Test
	void everyInstanceRunsOnItsOwnDevServiceAndIsHealthy() {
		assertThat(this.plugboard.instances()).hasSize(5).allSatisfy((instance) -> {
			assertThat(instance.state()).isEqualTo(InstanceState.RUNNING);
			assertThat(((ManagedInstance) instance).attributes()).containsKey("devService");
			assertThat(instance.endpoint()).startsWith("127.0.0.1:");
			CompositeHealthContributor type = this.context.getBean(instance.type() + "HealthContributor",
					CompositeHealthContributor.class);
			Health health = ((HealthIndicator) type.getContributor(instance.name())).health();
			assertThat(health).isNotNull();
			assertThat(health.getStatus()).as(instance.name()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsKey("endpoint");
		});
		assertThat(attribute("users-db")).contains("embedded PostgreSQL");
		assertThat(attribute("audit-db")).contains("embedded PostgreSQL");
		assertThat(attribute("session-cache")).contains("embedded Redis");
		assertThat(attribute("data-cache")).contains("embedded Redis");
		assertThat(attribute("events")).contains("Qpid");
	}

	@Test
	void everyPostgresInstanceRoundTripsDataInADatabaseOfItsOwn() {
		JdbcClient users = this.context.getBean("usersDbJdbcClient", JdbcClient.class);
		JdbcClient audit = this.context.getBean("auditDbJdbcClient", JdbcClient.class);
		users.sql("CREATE TABLE IF NOT EXISTS zero_users (id INT PRIMARY KEY)").update();
		users.sql("INSERT INTO zero_users VALUES (1) ON CONFLICT (id) DO NOTHING").update();
		audit.sql("CREATE TABLE IF NOT EXISTS zero_audit (id INT PRIMARY KEY)").update();
		audit.sql("INSERT INTO zero_audit VALUES (2) ON CONFLICT (id) DO NOTHING").update();
		assertThat(users.sql("SELECT id FROM zero_users").query(Integer.class).list()).containsExactly(1);
		assertThat(audit.sql("SELECT id FROM zero_audit").query(Integer.class).list()).containsExactly(2);
		assertThat(users.sql("SELECT current_database()").query(String.class).single()).isEqualTo("users_db");
		assertThat(audit.sql("SELECT current_database()").query(String.class).single()).isEqualTo("audit_db");
		assertThatUndefinedTable(() -> audit.sql("SELECT count(*) FROM zero_users").query(Long.class).single(),
				"zero_users");
		assertThatUndefinedTable(() -> users.sql("SELECT count(*) FROM zero_audit").query(Long.class).single(),
				"zero_audit");
	}

	@Test
	void everyRedisInstanceRoundTripsDataOnAServerOfItsOwn() {
		StringRedisTemplate sessions = this.context.getBean("sessionCacheStringRedisTemplate", StringRedisTemplate.class);
		StringRedisTemplate data = this.context.getBean("dataCacheStringRedisTemplate", StringRedisTemplate.class);
		sessions.opsForValue().set("zero:session", "session");
		data.opsForValue().set("zero:data", "data");
		assertThat(sessions.opsForValue().get("zero:session")).isEqualTo("session");
		assertThat(data.opsForValue().get("zero:data")).isEqualTo("data");
		assertThat(data.opsForValue().get("zero:session")).isNull();
		assertThat(sessions.opsForValue().get("zero:data")).isNull();
		// separate servers, not separate databases of one: FLUSHALL on one spares the other
		sessions.execute((RedisCallback<Object>) (connection) -> {
			connection.serverCommands().flushAll();
			return null;
		});
		assertThat(data.opsForValue().get("zero:data")).isEqualTo("data");
	}

	@Test
	void rabbitInstanceRoundTripsAMessage() throws Exception {
		RabbitInstance events = this.context.getBean(RabbitInstance.class);
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		RabbitInstance.Subscription subscription = events.subscribe("zero.events",
				(message) -> received.add(new String(message.getBody())));
		try {
			events.publish("zero.events", "hello");
			assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("hello");
		}
		finally {
			subscription.cancel();
		}
	}

	private static void assertThatUndefinedTable(ThrowingCallable call, String table) {
		// SQL state 42P01 is undefined_table: the other database is reachable but lacks the table
		assertThatExceptionOfType(BadSqlGrammarException.class).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.getSQLException().getSQLState()).isEqualTo("42P01"))
			.satisfies((ex) -> assertThat(ex.getSQLException().getMessage())
				.contains("relation \"" + table + "\" does not exist"));
	}

	private String attribute(String name) {
		PlugInstance instance = this.plugboard.instances().stream().filter((i) -> i.name().equals(name)).findFirst()
			.orElseThrow();
		return String.valueOf(((ManagedInstance) instance).attributes().get("devService"));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		@Plug("events")
		Queue zeroEvents() {
			return new Queue("zero.events");
		}

	}

}
