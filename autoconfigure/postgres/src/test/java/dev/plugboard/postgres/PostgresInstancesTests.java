package dev.plugboard.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.InstanceState;
import dev.plugboard.Plug;
import dev.plugboard.Plugboard;
import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.postgres.autoconfigure.PostgresAutoConfiguration;
import dev.plugboard.postgres.testing.SharedPostgres;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Two PostgreSQL instances on two databases of the shared server.
 */
class PostgresInstancesTests {

	private static final String ORDERS = "plugboard_orders";

	private static final String AUDIT = "plugboard_audit";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, PostgresAutoConfiguration.class,
				DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
				JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class,
				TransactionAutoConfiguration.class, FlywayAutoConfiguration.class))
		.withPropertyValues("plugboard.postgres.orders-db.url=" + SharedPostgres.url(ORDERS),
				"plugboard.postgres.orders-db.primary=true",
				"plugboard.postgres.audit-db.url=" + SharedPostgres.url(AUDIT) + "?ApplicationName=audit-app");

	@BeforeAll
	static void createDatabases() {
		SharedPostgres.recreate(ORDERS);
		SharedPostgres.recreate(AUDIT);
	}

	@AfterAll
	static void dropDatabases() {
		SharedPostgres.drop(ORDERS);
		SharedPostgres.drop(AUDIT);
	}

	@Test
	void eachInstanceGetsItsOwnPoolAndBeansAndBootBacksOff() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			Map<String, DataSource> dataSources = context.getBeansOfType(DataSource.class);
			assertThat(dataSources).containsOnlyKeys("ordersDbDataSource", "auditDbDataSource");
			assertThat(((HikariDataSource) dataSources.get("ordersDbDataSource")).getPoolName()).isEqualTo("orders-db");
			assertThat(((HikariDataSource) dataSources.get("auditDbDataSource")).getPoolName()).isEqualTo("audit-db");
			assertThat(context.getBeansOfType(JdbcTemplate.class)).containsOnlyKeys("ordersDbJdbcTemplate",
					"auditDbJdbcTemplate");
			assertThat(context.getBeansOfType(JdbcClient.class)).containsOnlyKeys("ordersDbJdbcClient",
					"auditDbJdbcClient");
			assertThat(context.getBeansOfType(TransactionManager.class)).containsOnlyKeys("ordersDbTransactionManager",
					"auditDbTransactionManager");
			assertThat(context.getBeansOfType(Flyway.class)).containsOnlyKeys("ordersDbFlyway", "auditDbFlyway");
			assertThat(context.getBean("dataSource")).isSameAs(dataSources.get("ordersDbDataSource"));
			assertThat(context.getBean("transactionManager")).isSameAs(context.getBean("ordersDbTransactionManager"));
			assertThat(context.getBean(JdbcTemplate.class)).isSameAs(context.getBean("ordersDbJdbcTemplate"));
			assertThat(context.getBean(Plugboard.class).instances("postgres"))
				.allSatisfy((instance) -> assertThat(instance.state()).isEqualTo(InstanceState.RUNNING));
		});
	}

	@Test
	void urlPartsAndParametersReachTheServer() {
		this.contextRunner.run((context) -> {
			JdbcClient audit = context.getBean("auditDbJdbcClient", JdbcClient.class);
			assertThat(audit.sql("SELECT current_database()").query(String.class).single()).isEqualTo(AUDIT);
			assertThat(audit.sql("SELECT current_setting('application_name')").query(String.class).single())
				.isEqualTo("audit-app");
			PostgresInstance handle = context.getBean("auditDbPostgresInstance", PostgresInstance.class);
			assertThat(handle.instance().endpoint()).isEqualTo(SharedPostgres.HOST + ":" + SharedPostgres.PORT + "/" + AUDIT);
		});
	}

	@Test
	void flywayMigratesEachInstanceFromItsOwnFolder() {
		this.contextRunner.run((context) -> {
			JdbcClient orders = context.getBean("ordersDbJdbcClient", JdbcClient.class);
			JdbcClient audit = context.getBean("auditDbJdbcClient", JdbcClient.class);
			assertThat(tables(orders)).contains("orders").doesNotContain("audit_log");
			assertThat(tables(audit)).contains("audit_log").doesNotContain("orders");
		});
	}

	@Test
	void dataWrittenThroughOneInstanceIsInvisibleThroughTheOther() {
		this.contextRunner.run((context) -> {
			JdbcClient orders = context.getBean("ordersDbJdbcClient", JdbcClient.class);
			JdbcClient audit = context.getBean("auditDbJdbcClient", JdbcClient.class);
			orders.sql("INSERT INTO orders(item) VALUES ('only-in-orders')").update();
			assertThat(orders.sql("SELECT count(*) FROM orders WHERE item = 'only-in-orders'").query(Long.class).single())
				.isEqualTo(1);
			assertThatIllegalStateException().isThrownBy(() -> {
				try {
					audit.sql("SELECT count(*) FROM orders").query(Long.class).single();
				}
				catch (RuntimeException ex) {
					throw new IllegalStateException(ex);
				}
			}).withStackTraceContaining("relation \"orders\" does not exist");
		});
	}

	@Test
	void rollbackOnOneInstanceDoesNotTouchWhatTheOtherWroteInsideIt() {
		this.contextRunner.run((context) -> {
			TransactionTemplate ordersTx = context.getBean("ordersDbTransactionTemplate", TransactionTemplate.class);
			JdbcClient orders = context.getBean("ordersDbJdbcClient", JdbcClient.class);
			JdbcClient audit = context.getBean("auditDbJdbcClient", JdbcClient.class);
			ordersTx.executeWithoutResult((status) -> {
				orders.sql("INSERT INTO orders(item) VALUES ('rolled-back')").update();
				// written through the other instance inside orders-db's transaction
				audit.sql("INSERT INTO audit_log(entry) VALUES ('written-inside')").update();
				// seen from outside: audit-db's write is already committed, orders-db's is not
				assertThat(countFromAnotherConnection(AUDIT, "SELECT count(*) FROM audit_log WHERE entry = 'written-inside'"))
					.isEqualTo(1);
				assertThat(countFromAnotherConnection(ORDERS, "SELECT count(*) FROM orders WHERE item = 'rolled-back'"))
					.isZero();
				status.setRollbackOnly();
			});
			assertThat(orders.sql("SELECT count(*) FROM orders WHERE item = 'rolled-back'").query(Long.class).single())
				.isZero();
			assertThat(audit.sql("SELECT count(*) FROM audit_log WHERE entry = 'written-inside'")
				.query(Long.class)
				.single()).isEqualTo(1);
		});
	}

	@Test
	void eachInstanceHasAWorkingNamedParameterJdbcTemplate() {
		this.contextRunner.run((context) -> {
			Map<String, NamedParameterJdbcTemplate> templates = context.getBeansOfType(NamedParameterJdbcTemplate.class);
			assertThat(templates).containsOnlyKeys("ordersDbNamedParameterJdbcTemplate",
					"auditDbNamedParameterJdbcTemplate");
			assertThat(context.getBean(NamedParameterJdbcTemplate.class))
				.isSameAs(templates.get("ordersDbNamedParameterJdbcTemplate"));
			assertThat(context.getBean("namedParameterJdbcTemplate"))
				.isSameAs(templates.get("ordersDbNamedParameterJdbcTemplate"));
			NamedParameterJdbcTemplate audit = templates.get("auditDbNamedParameterJdbcTemplate");
			audit.update("INSERT INTO audit_log(entry) VALUES (:entry)", Map.of("entry", "named"));
			assertThat(audit.queryForObject("SELECT current_database() || ':' || count(*) FROM audit_log WHERE entry = :entry",
					Map.of("entry", "named"), String.class))
				.isEqualTo(AUDIT + ":1");
			assertThat(context.getBean("auditDbPostgresInstance", PostgresInstance.class).namedParameterJdbcTemplate())
				.isSameAs(audit);
		});
	}

	@Test
	void discreteParametersReachTheDriverWhateverTheirCase() {
		this.contextRunner
			.withPropertyValues("plugboard.postgres.orders-db.parameters.ApplicationName=orders-app",
					// the form environment variables give: PLUGBOARD_POSTGRES_AUDIT_DB_PARAMETERS_APPLICATIONNAME
					"plugboard.postgres.audit-db.parameters.applicationname=audit-discrete",
					"plugboard.postgres.audit-db.parameters.options=-c statement_timeout=4321")
			.run((context) -> {
				JdbcClient orders = context.getBean("ordersDbJdbcClient", JdbcClient.class);
				JdbcClient audit = context.getBean("auditDbJdbcClient", JdbcClient.class);
				assertThat(orders.sql("SELECT current_setting('application_name')").query(String.class).single())
					.isEqualTo("orders-app");
				// the discrete parameter wins over the URL's ?ApplicationName=audit-app
				assertThat(audit.sql("SELECT current_setting('application_name')").query(String.class).single())
					.isEqualTo("audit-discrete");
				assertThat(audit.sql("SELECT current_setting('statement_timeout')").query(String.class).single())
					.isEqualTo("4321ms");
				assertThat(orders.sql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'orders-app' "
						+ "AND datname = :database")
					.param("database", ORDERS)
					.query(Long.class)
					.single()).isPositive();
			});
	}

	@Test
	void hikariSettingsReachThePool() {
		this.contextRunner
			.withPropertyValues("plugboard.postgres.audit-db.hikari.maximum-pool-size=3",
					"plugboard.postgres.audit-db.hikari.minimum-idle=1",
					"plugboard.postgres.audit-db.hikari.connection-timeout=2500",
					"plugboard.postgres.audit-db.hikari.idle-timeout=45000",
					"plugboard.postgres.audit-db.hikari.max-lifetime=600000",
					"plugboard.postgres.audit-db.hikari.keepalive-time=60000",
					"plugboard.postgres.audit-db.hikari.connection-init-sql=SET lock_timeout = 1234",
					"plugboard.postgres.audit-db.hikari.data-source-properties.ApplicationName=from-hikari")
			.run((context) -> {
				HikariDataSource audit = context.getBean("auditDbDataSource", HikariDataSource.class);
				assertThat(audit.getMaximumPoolSize()).isEqualTo(3);
				assertThat(audit.getMinimumIdle()).isEqualTo(1);
				assertThat(audit.getConnectionTimeout()).isEqualTo(2500);
				assertThat(audit.getIdleTimeout()).isEqualTo(45000);
				assertThat(audit.getMaxLifetime()).isEqualTo(600000);
				assertThat(audit.getKeepaliveTime()).isEqualTo(60000);
				assertThat(audit.getPoolName()).isEqualTo("audit-db");
				JdbcClient client = context.getBean("auditDbJdbcClient", JdbcClient.class);
				assertThat(client.sql("SELECT current_setting('lock_timeout')").query(String.class).single())
					.isEqualTo("1234ms");
				// the URL's ?ApplicationName=audit-app wins over hikari.data-source-properties
				assertThat(client.sql("SELECT current_setting('application_name')").query(String.class).single())
					.isEqualTo("audit-app");
				assertThat(audit.getHikariPoolMXBean().getTotalConnections()).isBetween(1, 3);
				HikariDataSource orders = context.getBean("ordersDbDataSource", HikariDataSource.class);
				assertThat(orders.getMaximumPoolSize()).isEqualTo(10);
				assertThat(orders.getConnectionTimeout()).isEqualTo(5000);
			});
	}

	@Test
	void unqualifiedTransactionalUsesThePrimaryAndQualifiedInjectionTheNamedOne() {
		this.contextRunner.withUserConfiguration(Services.class).run((context) -> {
			OrderService service = context.getBean(OrderService.class);
			assertThatIllegalStateException().isThrownBy(() -> service.insertThenFail("tx-test"));
			JdbcClient orders = context.getBean("ordersDbJdbcClient", JdbcClient.class);
			assertThat(orders.sql("SELECT count(*) FROM orders WHERE item = 'tx-test'").query(Long.class).single())
				.isZero();
			assertThat(service.audit()).isSameAs(context.getBean("auditDbJdbcClient"));
			assertThat(service.auditInstance().name()).isEqualTo("audit-db");
		});
	}

	private static long countFromAnotherConnection(String database, String sql) {
		try (Connection connection = DriverManager.getConnection(
				"jdbc:postgresql://" + SharedPostgres.HOST + ":" + SharedPostgres.PORT + "/" + database, SharedPostgres.USER,
				"");
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static java.util.List<String> tables(JdbcClient client) {
		return client.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").query(String.class).list();
	}

	@Configuration(proxyBeanMethods = false)
	@org.springframework.transaction.annotation.EnableTransactionManagement
	static class Services {

		@Bean
		OrderService orderService(JdbcClient orders, @Plug("audit-db") JdbcClient audit,
				@Plug("audit-db") PostgresInstance auditInstance, PlatformTransactionManager transactionManager) {
			return new OrderService(orders, audit, auditInstance);
		}

	}

	static class OrderService {

		final JdbcClient orders;

		final JdbcClient audit;

		final PostgresInstance auditInstance;

		OrderService(JdbcClient orders, JdbcClient audit, PostgresInstance auditInstance) {
			this.orders = orders;
			this.audit = audit;
			this.auditInstance = auditInstance;
		}

		public JdbcClient audit() {
			return this.audit;
		}

		public PostgresInstance auditInstance() {
			return this.auditInstance;
		}

		@Transactional
		public void insertThenFail(String item) {
			this.orders.sql("INSERT INTO orders(item) VALUES (:item)").param("item", item).update();
			throw new IllegalStateException("roll back");
		}

	}

}
