package dev.plugboard.devservices;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import dev.plugboard.InstanceState;
import dev.plugboard.PlugInstance;
import dev.plugboard.Plugboard;
import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.postgres.autoconfigure.PostgresAutoConfiguration;
import dev.plugboard.postgres.testing.SharedPostgres;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dev services through the real registrar: an unconfigured instance is served, a configured one
 * is left alone.
 */
class PostgresDevServicesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, PostgresAutoConfiguration.class));

	@Test
	void unconfiguredInstanceRunsOnAnEmbeddedServerAndConfiguredOneOnItsOwn() {
		this.contextRunner
			.withPropertyValues("plugboard.postgres.scratch-db.enabled=true",
					"plugboard.postgres.shared-db.url=" + SharedPostgres.url("test"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Plugboard plugboard = context.getBean(Plugboard.class);
				PlugInstance scratch = plugboard.find("postgres", "scratch-db").orElseThrow();
				PlugInstance shared = plugboard.find("postgres", "shared-db").orElseThrow();
				assertThat(scratch.state()).isEqualTo(InstanceState.RUNNING);
				assertThat(scratch.endpoint()).startsWith("127.0.0.1:").endsWith("/scratch_db");
				assertThat(shared.endpoint()).isEqualTo(SharedPostgres.HOST + ":" + SharedPostgres.PORT + "/test");
				assertThat(((dev.plugboard.core.ManagedInstance) scratch).attributes()).containsKey("devService");
				assertThat(((dev.plugboard.core.ManagedInstance) shared).attributes()).doesNotContainKey("devService");
				JdbcClient client = context.getBean("scratchDbJdbcClient", JdbcClient.class);
				assertThat(client.sql("SELECT current_database()").query(String.class).single()).isEqualTo("scratch_db");
				assertThat(client.sql("SHOW server_version").query(String.class).single()).startsWith("14");
			});
	}

	@Test
	void anInstanceWithReplicasGetsOneDatabaseAndItsReplicasPointAtIt() {
		this.contextRunner
			.withPropertyValues("plugboard.postgres.orders-db.replicas[0].url=postgres://db-replica-1.invalid:5432/orders")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				PlugInstance orders = context.getBean(Plugboard.class).find("postgres", "orders-db").orElseThrow();
				assertThat(((dev.plugboard.core.ManagedInstance) orders).attributes()).containsKey("devService");
				TransactionTemplate readOnly = new TransactionTemplate(
						context.getBean("ordersDbTransactionManager", PlatformTransactionManager.class));
				readOnly.setReadOnly(true);
				// served through the replica's pool, which points at the dev database
				String database = readOnly.execute((status) -> context.getBean("ordersDbJdbcClient", JdbcClient.class)
					.sql("SELECT current_database()")
					.query(String.class)
					.single());
				assertThat(database).isEqualTo("orders_db");
				HikariDataSource replicaPool = context.getBean("ordersDbReplica1Pool", HikariDataSource.class);
				assertThat(replicaPool.getJdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:").endsWith("/orders_db");
			});
	}

	@Test
	void portAloneIsAConnectionSoTheInstanceIsNotServed() {
		// a port with discrete settings but no host points at localhost:<port>, the shared server
		this.contextRunner
			.withPropertyValues("plugboard.postgres.local-db.port=" + SharedPostgres.PORT,
					"plugboard.postgres.local-db.database=test", "plugboard.postgres.local-db.username=" + SharedPostgres.USER)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				PlugInstance local = context.getBean(Plugboard.class).find("postgres", "local-db").orElseThrow();
				assertThat(((dev.plugboard.core.ManagedInstance) local).attributes()).doesNotContainKey("devService");
				assertThat(local.endpoint()).isEqualTo("localhost:" + SharedPostgres.PORT + "/test");
				assertThat(local.state()).isEqualTo(InstanceState.RUNNING);
				JdbcClient client = context.getBean("localDbJdbcClient", JdbcClient.class);
				assertThat(client.sql("SELECT inet_server_port()").query(Integer.class).single())
					.isEqualTo(SharedPostgres.PORT);
			});
	}

	@Test
	void disabledDevServicesLeaveTheInstanceOnItsDefaults() {
		this.contextRunner
			.withPropertyValues("plugboard.devservices.enabled=false", "plugboard.postgres.scratch-db.critical=false",
					"plugboard.postgres.scratch-db.startup.timeout=0s")
			.run((context) -> {
				PlugInstance scratch = context.getBean(Plugboard.class).find("postgres", "scratch-db").orElseThrow();
				assertThat(scratch.endpoint()).isEqualTo("localhost:5432/postgres");
			});
	}

}
