package dev.plugboard.postgres;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.core.spi.PlugboardException;
import dev.plugboard.postgres.autoconfigure.PostgresAutoConfiguration;
import dev.plugboard.postgres.testing.SharedPostgres;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on the same database and schema (on the real shared server): they fail startup
 * naming both unless the sharing is said; said, each instance's migrations run, none hidden by
 * the other's history.
 */
class PostgresSharedDatabaseTests {

	private static final String DATABASE = "plugboard_shared";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, PostgresAutoConfiguration.class))
		.withPropertyValues("plugboard.postgres.orders-db.url=" + SharedPostgres.url(DATABASE),
				// the same server by another name: loopback names count as one host
				"plugboard.postgres.audit-db.url=postgres://" + SharedPostgres.USER + "@localhost:" + SharedPostgres.PORT
						+ "/" + DATABASE);

	@BeforeEach
	void createDatabase() {
		SharedPostgres.recreate(DATABASE);
	}

	@AfterEach
	void dropDatabase() {
		SharedPostgres.drop(DATABASE);
	}

	@Test
	void twoInstancesOnOneDatabaseFailNamingBoth() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("The postgres instances 'orders-db' and 'audit-db' resolve to the same database "
						+ "and schema, localhost:" + SharedPostgres.PORT + "/" + DATABASE + ", schema public");
			assertThat(((PlugboardException) NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.getAction())
				.contains("'plugboard.postgres.audit-db.url' (PLUGBOARD_POSTGRES_AUDIT_DB_URL)")
				.contains("'plugboard.postgres.audit-db.shared-with' (PLUGBOARD_POSTGRES_AUDIT_DB_SHARED_WITH) to orders-db")
				.contains("flyway_schema_history_audit_db");
		});
		// nothing ran: the failure came before either instance touched the database
		assertThat(tables()).isEmpty();
	}

	@Test
	void sharedWithRunsTheMigrationsOfBothWithAHistoryTableEach() {
		this.contextRunner.withPropertyValues("plugboard.postgres.audit-db.shared-with=orders-db").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(tables()).contains("orders", "audit_log", "flyway_schema_history",
					"flyway_schema_history_audit_db");
			JdbcClient orders = context.getBean("ordersDbJdbcClient", JdbcClient.class);
			assertThat(orders.sql("SELECT script FROM flyway_schema_history WHERE version = '1'").query(String.class).list())
				.containsExactly("V1__orders.sql");
			assertThat(orders.sql("SELECT script FROM flyway_schema_history_audit_db WHERE version = '1'")
				.query(String.class)
				.list()).containsExactly("V1__audit.sql");
		});
	}

	@Test
	void distinctHistoryTablesMakeTheSharingExplicit() {
		this.contextRunner
			.withPropertyValues("plugboard.postgres.orders-db.flyway.table=orders_history",
					"plugboard.postgres.audit-db.flyway.table=audit_history")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(tables()).contains("orders", "audit_log", "orders_history", "audit_history")
					.doesNotContain("flyway_schema_history");
			});
	}

	@Test
	void oneHistoryTableForBothIsRefusedEvenWhenTheSharingIsSaid() {
		this.contextRunner
			.withPropertyValues("plugboard.postgres.audit-db.shared-with=orders-db",
					"plugboard.postgres.audit-db.flyway.table=flyway_schema_history")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("'plugboard.postgres.audit-db.flyway.table' (environment variable "
							+ "PLUGBOARD_POSTGRES_AUDIT_DB_FLYWAY_TABLE)")
					.hasMessageContaining("both keep their Flyway history in the table flyway_schema_history");
			});
	}

	@Test
	void distinctSchemasOfOneDatabaseNeedNothingSaid() {
		this.contextRunner
			.withPropertyValues("plugboard.postgres.orders-db.flyway.schemas=orders",
					"plugboard.postgres.audit-db.flyway.schemas=audit")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				JdbcClient orders = context.getBean("ordersDbJdbcClient", JdbcClient.class);
				assertThat(orders.sql("SELECT table_schema || '.' || table_name FROM information_schema.tables "
						+ "WHERE table_name IN ('orders', 'audit_log') ORDER BY 1").query(String.class).list())
					.containsExactly("audit.audit_log", "orders.orders");
			});
	}

	@Test
	void sharedWithNamingNoInstanceIsATypo() {
		this.contextRunner.withPropertyValues("plugboard.postgres.audit-db.shared-with=order-db").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("'plugboard.postgres.audit-db.shared-with' (environment variable "
						+ "PLUGBOARD_POSTGRES_AUDIT_DB_SHARED_WITH): 'order-db' is not another enabled postgres instance");
		});
	}

	private static List<String> tables() {
		return SharedPostgres.query(DATABASE,
				"SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
	}

}
