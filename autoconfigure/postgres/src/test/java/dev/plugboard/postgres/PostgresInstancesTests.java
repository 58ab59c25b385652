package dev.plugboard.postgres;

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
	void rollbackOnOneInstanceDoesNotTouchTheOther() {
		this.contextRunner.run((context) -> {
			TransactionTemplate ordersTx = context.getBean("ordersDbTransactionTemplate", TransactionTemplate.class);
			TransactionTemplate auditTx = context.getBean("auditDbTransactionTemplate", TransactionTemplate.class);
			JdbcClient orders = context.getBean("ordersDbJdbcClient", JdbcClient.class);
			JdbcClient audit = context.getBean("auditDbJdbcClient", JdbcClient.class);
			auditTx.executeWithoutResult((status) -> audit.sql("INSERT INTO audit_log(entry) VALUES ('kept')").update());
			ordersTx.executeWithoutResult((status) -> {
				orders.sql("INSERT INTO orders(item) VALUES ('rolled-back')").update();
				status.setRollbackOnly();
			});
			assertThat(orders.sql("SELECT count(*) FROM orders WHERE item = 'rolled-back'").query(Long.class).single())
				.isZero();
			assertThat(audit.sql("SELECT count(*) FROM audit_log WHERE entry = 'kept'").query(Long.class).single())
				.isEqualTo(1);
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
