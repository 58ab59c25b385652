package dev.plugboard.redis;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.InstanceState;
import dev.plugboard.PlugInstance;
import dev.plugboard.Plugboard;
import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.redis.autoconfigure.RedisAutoConfiguration;
import dev.plugboard.redis.testing.PrivateRedis;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Spring Boot's {@code masterreplica.nodes} under an instance: a private master and a private
 * replica of it ({@code --replicaof}), both password-protected, served through one instance.
 */
class RedisMasterReplicaTests {

	private static final String PASSWORD = "Mr-Secret-7";

	private static PrivateRedis master;

	private static PrivateRedis replica;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, RedisAutoConfiguration.class));

	@BeforeAll
	static void start() {
		master = PrivateRedis.start("--requirepass", PASSWORD);
		replica = PrivateRedis.start("--requirepass", PASSWORD, "--masterauth", PASSWORD, "--replicaof", "127.0.0.1",
				String.valueOf(master.port()));
		try (Direct direct = new Direct(replica.port(), 0)) {
			await("the replica's link to its master").atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> "up".equals(direct.info("replication").getProperty("master_link_status")));
		}
	}

	@AfterAll
	static void stop() {
		if (replica != null) {
			replica.close();
		}
		if (master != null) {
			master.close();
		}
	}

	@Test
	void writesGoToTheMasterAndReadsWorkThroughTheInstance() {
		// the replica is listed first: Lettuce finds the master by asking each node for its role
		this.contextRunner
			.withPropertyValues("plugboard.redis.mr.masterreplica.nodes=127.0.0.1:" + replica.port() + ",127.0.0.1:"
					+ master.port(), "plugboard.redis.mr.password=" + PASSWORD, "plugboard.redis.mr.database=3",
					"plugboard.redis.mr.critical=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				PlugInstance instance = context.getBean(Plugboard.class).find("redis", "mr").orElseThrow();
				assertThat(instance.state()).isEqualTo(InstanceState.RUNNING);
				assertThat(instance.endpoint()).isEqualTo("master-replica 127.0.0.1:" + replica.port() + ",127.0.0.1:"
						+ master.port() + "/3");
				StringRedisTemplate template = context.getBean("mrStringRedisTemplate", StringRedisTemplate.class);
				try (Direct onMaster = new Direct(master.port(), 3); Direct onReplica = new Direct(replica.port(), 3)) {
					long masterGets = onMaster.calls("get");
					template.opsForValue().set("plugboard:mr:k", "written");
					assertThat(template.opsForValue().get("plugboard:mr:k")).isEqualTo("written");
					assertThat(onMaster.calls("get") - masterGets).as("reads go to the master by default").isEqualTo(1);
					assertThat(onMaster.get("plugboard:mr:k")).as("on the master, database 3").isEqualTo("written");
					await("replicated").atMost(Duration.ofSeconds(10))
						.until(() -> "written".equals(onReplica.get("plugboard:mr:k")));
				}
				Health health = ((HealthIndicator) context
					.getBean("redisHealthContributor", CompositeHealthContributor.class)
					.getContributor("mr")).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("mode", "master-replica").containsEntry("database", 3);
			});
	}

	@Test
	void readFromReplicaSendsReadsToTheReplica() {
		this.contextRunner
			.withPropertyValues("plugboard.redis.mr.masterreplica.nodes=127.0.0.1:" + master.port() + ",127.0.0.1:"
					+ replica.port(), "plugboard.redis.mr.password=" + PASSWORD, "plugboard.redis.mr.database=4",
					"plugboard.redis.mr.lettuce.read-from=replica")
			.run((context) -> {
				StringRedisTemplate template = context.getBean("mrStringRedisTemplate", StringRedisTemplate.class);
				template.opsForValue().set("plugboard:mr:r", "replicated");
				try (Direct onMaster = new Direct(master.port(), 0); Direct onReplica = new Direct(replica.port(), 0)) {
					// replication is asynchronous: the replica answers once it has the write
					await().atMost(Duration.ofSeconds(10))
						.until(() -> "replicated".equals(template.opsForValue().get("plugboard:mr:r")));
					long masterGets = onMaster.calls("get");
					long replicaGets = onReplica.calls("get");
					for (int i = 0; i < 10; i++) {
						assertThat(template.opsForValue().get("plugboard:mr:r")).isEqualTo("replicated");
					}
					assertThat(onReplica.calls("get") - replicaGets).as("GETs served by the replica").isEqualTo(10);
					assertThat(onMaster.calls("get") - masterGets).as("GETs served by the master").isZero();
				}
				// the health node tells where reads go and how the replication stands
				Health health = ((HealthIndicator) context
					.getBean("redisHealthContributor", CompositeHealthContributor.class)
					.getContributor("mr")).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("readFrom", "replica");
				if ("master".equals(health.getDetails().get("role"))) {
					assertThat(health.getDetails().get("replicas")).asString()
						.contains("endpoint=127.0.0.1:" + replica.port())
						.contains("state=online");
				}
				else {
					assertThat(health.getDetails()).containsEntry("role", "slave").containsEntry("masterLink", "up");
				}
			});
	}

	@Test
	void healthIsDegradedWhenNoReplicaIsLeftToReadFrom() {
		try (PrivateRedis ownMaster = PrivateRedis.start("--requirepass", PASSWORD);
				PrivateRedis ownReplica = PrivateRedis.start("--requirepass", PASSWORD, "--masterauth", PASSWORD,
						"--replicaof", "127.0.0.1", String.valueOf(ownMaster.port()))) {
			try (Direct direct = new Direct(ownReplica.port(), 0)) {
				await().atMost(Duration.ofSeconds(20))
					.until(() -> "up".equals(direct.info("replication").getProperty("master_link_status")));
			}
			this.contextRunner
				.withPropertyValues("plugboard.redis.mr.masterreplica.nodes=127.0.0.1:" + ownMaster.port() + ",127.0.0.1:"
						+ ownReplica.port(), "plugboard.redis.mr.password=" + PASSWORD,
						"plugboard.redis.mr.lettuce.read-from=replica-preferred")
				.run((context) -> {
					HealthIndicator indicator = (HealthIndicator) context
						.getBean("redisHealthContributor", CompositeHealthContributor.class)
						.getContributor("mr");
					assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
					ownReplica.close();
					await().atMost(Duration.ofSeconds(20)).until(() -> {
						Health health = indicator.health();
						return health.getStatus().getCode().equals("DEGRADED")
								&& "master".equals(health.getDetails().get("role"));
					});
					assertThat(indicator.health().getDetails()).containsEntry("replicas", List.of());
				});
		}
	}

	@Test
	void subscribingIsRefusedAtOnceAndASecondInstanceOnTheMasterHearsWhatItPublishes() {
		this.contextRunner
			.withPropertyValues("plugboard.redis.mr.masterreplica.nodes=127.0.0.1:" + master.port() + ",127.0.0.1:"
					+ replica.port(), "plugboard.redis.mr.password=" + PASSWORD, "plugboard.redis.mr.primary=true",
					"plugboard.redis.events.url=redis://" + PASSWORD + "@127.0.0.1:" + master.port())
			.run((context) -> {
				RedisInstance mr = context.getBean("mrRedisInstance", RedisInstance.class);
				RedisInstance events = context.getBean("eventsRedisInstance", RedisInstance.class);
				// Spring Data Redis has no pub/sub over master/replica: it would retry forever
				long start = System.nanoTime();
				assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
					.isThrownBy(() -> mr.subscribe("plugboard-mr", (message, pattern) -> {
					}))
					.withMessageContaining("'plugboard.redis.mr.masterreplica.nodes'")
					.withMessageContaining("no pub/sub");
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
				BlockingQueue<String> received = new LinkedBlockingQueue<>();
				events.subscribe("plugboard-mr", (message, pattern) -> received.add(new String(message.getBody())));
				await("a subscriber on the master").atMost(Duration.ofSeconds(10))
					.until(() -> mr.publish("plugboard-mr", "hello") > 0);
				assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("hello");
			});
	}

	/**
	 * A connection straight to one server, to see what the instance did there.
	 */
	private static final class Direct implements AutoCloseable {

		private final LettuceConnectionFactory factory;

		private final StringRedisTemplate template;

		Direct(int port, int database) {
			RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration("127.0.0.1", port);
			configuration.setPassword(PASSWORD);
			configuration.setDatabase(database);
			this.factory = new LettuceConnectionFactory(configuration);
			this.factory.afterPropertiesSet();
			this.factory.start();
			this.template = new StringRedisTemplate(this.factory);
		}

		String get(String key) {
			return this.template.opsForValue().get(key);
		}

		Properties info(String section) {
			return this.template.execute((connection) -> connection.serverCommands().info(section), true);
		}

		/**
		 * How many times the server has run a command, from {@code INFO commandstats}.
		 */
		long calls(String command) {
			String stats = info("commandstats").getProperty("cmdstat_" + command);
			if (stats == null) {
				return 0;
			}
			String calls = stats.substring(stats.indexOf("calls=") + 6);
			return Long.parseLong(calls.substring(0, calls.indexOf(',')));
		}

		@Override
		public void close() {
			this.factory.destroy();
		}

	}

}
