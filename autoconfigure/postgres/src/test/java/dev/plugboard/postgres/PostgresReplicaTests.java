package dev.plugboard.postgres;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.InstanceState;
import dev.plugboard.Plug;
import dev.plugboard.Plugboard;
import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.postgres.autoconfigure.PostgresAutoConfiguration;
import dev.plugboard.postgres.testing.PrivatePostgres;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Read replicas on a real streaming-replication pair of private clusters ({@code initdb},
 * {@code pg_basebackup -R}, {@code pg_ctl} on free ports): read-only transactions run on the
 * replica, everything else on the primary; a replica that is stopped, or whose replay is
 * paused beyond {@code replica.max-lag}, is skipped, the instance's health is DEGRADED, and the
 * replica serves again when it is back.
 */
class PostgresReplicaTests {

	static final String SECRET = "Replica-S3cret";

	private static PrivatePostgres primary;

	private static PrivatePostgres replica;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, PostgresAutoConfiguration.class))
		.withPropertyValues("plugboard.postgres.orders-db.url=" + primary.url("postgres"),
				// the user and password default to the instance's
				"plugboard.postgres.orders-db.replicas[0].url=postgres://127.0.0.1:" + replica.port() + "/postgres",
				"plugboard.postgres.orders-db.replica.max-lag=1s",
				"plugboard.postgres.orders-db.replica.check-interval=200ms",
				"plugboard.postgres.orders-db.flyway.enabled=false");

	@BeforeAll
	static void startPair() {
		primary = PrivatePostgres.start(SECRET);
		replica = primary.replica();
	}

	@AfterAll
	static void stopPair() {
		replica.close();
		primary.close();
	}

	@Test
	void readOnlyTransactionsRunOnTheReplicaAndSeeWhatThePrimaryWroteOnceReplayed() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(DataSource.class)).isInstanceOf(LazyConnectionDataSourceProxy.class);
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			jdbc.sql("CREATE TABLE IF NOT EXISTS item (id INT PRIMARY KEY, name TEXT)").update();
			jdbc.sql("INSERT INTO item VALUES (1, 'written on the primary') ON CONFLICT (id) DO NOTHING").update();
			awaitReplicaUp(context);
			assertThat(inRecovery(context, true)).as("a read-only transaction runs on the replica").isTrue();
			assertThat(inRecovery(context, false)).as("any other runs on the primary").isFalse();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> readOnly(context).execute((status) -> jdbc.sql("SELECT count(*) FROM item WHERE id = 1")
					.query(Long.class)
					.single()) == 1);
			assertThat(health(context).getStatus().getCode()).isEqualTo("UP");
		});
	}

	@Test
	void theInstancesDataSourceIsTheRoutingOneAndItsPoolsStayBehindIt() {
		// orders-db is not the primary here: its qualifier alone must find the routing DataSource
		this.contextRunner
			.withPropertyValues("plugboard.postgres.other-db.url=" + primary.url("template1"),
					"plugboard.postgres.other-db.primary=true")
			.withUserConfiguration(Injected.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Injected.class).orders).isSameAs(context.getBean("ordersDbDataSource"))
					.isInstanceOf(LazyConnectionDataSourceProxy.class);
				assertThat(context.getBean(DataSource.class)).isSameAs(context.getBean("otherDbDataSource"));
			});
	}

	@Test
	void eachReplicaPoolHasItsOwnHikariMetrics() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					DataSourcePoolMetricsAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				awaitReplicaUp(context);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("hikaricp.connections.max").tag("pool", "orders-db-replica-1").gauge())
					.isNotNull();
				assertThat(registry.find("hikaricp.connections.max").tag("pool", "orders-db").gauge()).isNotNull();
			});
	}

	@Test
	void aStoppedReplicaSendsReadsToThePrimaryDegradesHealthAndServesAgainWhenBack() {
		this.contextRunner.run((context) -> {
			awaitReplicaUp(context);
			replica.crash();
			try {
				await().atMost(Duration.ofSeconds(10)).until(() -> health(context).getStatus().getCode().equals("DEGRADED"));
				assertThat(replicaDetails(context).get("state")).isEqualTo("DOWN");
				// the instance itself is fine, and so are its reads
				assertThat(context.getBean(Plugboard.class).find("postgres", "orders-db").orElseThrow().state())
					.isEqualTo(InstanceState.RUNNING);
				assertThat(inRecovery(context, true)).as("read-only, served by the primary").isFalse();
			}
			finally {
				replica.startServer();
			}
			awaitReplicaUp(context);
			assertThat(health(context).getStatus().getCode()).isEqualTo("UP");
			assertThat(inRecovery(context, true)).as("back on the replica").isTrue();
		});
	}

	@Test
	void aReplicaFurtherBehindThanMaxLagIsSkippedUntilItCatchesUp() {
		this.contextRunner.run((context) -> {
			awaitReplicaUp(context);
			JdbcClient onReplica = JdbcClient.create(context.getBean("ordersDbReplica1Pool", DataSource.class));
			onReplica.sql("SELECT pg_wal_replay_pause()").query(Object.class).optional();
			try {
				JdbcClient jdbc = context.getBean(JdbcClient.class);
				jdbc.sql("CREATE TABLE IF NOT EXISTS tick (at TIMESTAMPTZ)").update();
				await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
					// keep the primary writing, so that the paused replica falls behind
					jdbc.sql("INSERT INTO tick VALUES (now())").update();
					return "LAGGING".equals(replicaDetails(context).get("state"));
				});
				assertThat((Number) replicaDetails(context).get("lagMs")).satisfies(
						(lag) -> assertThat(lag.longValue()).isGreaterThan(1000));
				assertThat(health(context).getStatus().getCode()).isEqualTo("DEGRADED");
				assertThat(inRecovery(context, true)).as("the lagging replica is skipped").isFalse();
			}
			finally {
				onReplica.sql("SELECT pg_wal_replay_resume()").query(Object.class).optional();
			}
			awaitReplicaUp(context);
			assertThat(inRecovery(context, true)).isTrue();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Injected {

		@Autowired
		@Plug("orders-db")
		DataSource orders;

	}

	private static boolean inRecovery(AssertableApplicationContext context, boolean readOnly) {
		TransactionTemplate transaction = readOnly ? readOnly(context)
				: context.getBean("ordersDbTransactionTemplate", TransactionTemplate.class);
		return Boolean.TRUE.equals(transaction.execute((status) -> context.getBean(JdbcClient.class)
			.sql("SELECT pg_is_in_recovery()")
			.query(Boolean.class)
			.single()));
	}

	private static TransactionTemplate readOnly(AssertableApplicationContext context) {
		TransactionTemplate template = new TransactionTemplate(
				context.getBean("ordersDbTransactionManager", org.springframework.transaction.PlatformTransactionManager.class));
		template.setReadOnly(true);
		return template;
	}

	private static void awaitReplicaUp(AssertableApplicationContext context) {
		await().atMost(Duration.ofSeconds(20)).until(() -> "UP".equals(replicaDetails(context).get("state")));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> replicaDetails(AssertableApplicationContext context) {
		List<Map<String, Object>> replicas = (List<Map<String, Object>>) health(context).getDetails().get("replicas");
		return replicas.get(0);
	}

	private static Health health(AssertableApplicationContext context) {
		HealthIndicator indicator = (HealthIndicator) context
			.getBean("postgresHealthContributor", CompositeHealthContributor.class)
			.getContributor("orders-db");
		return indicator.health();
	}

}
