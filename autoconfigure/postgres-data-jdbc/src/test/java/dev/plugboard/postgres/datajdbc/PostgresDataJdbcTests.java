package dev.plugboard.postgres.datajdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.Plug;
import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.postgres.autoconfigure.PostgresAutoConfiguration;
import dev.plugboard.postgres.datajdbc.app.orders.Purchase;
import dev.plugboard.postgres.datajdbc.app.orders.PurchaseRepository;
import dev.plugboard.postgres.datajdbc.app.reports.Report;
import dev.plugboard.postgres.datajdbc.app.reports.ReportRepository;
import dev.plugboard.postgres.testing.SharedPostgres;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Spring Data JDBC per instance, on the real server: each instance's repositories and
 * aggregate template write to its own database, inside its own transactions. (That Spring
 * Boot's Data JDBC auto-configuration stays out is shown by the slice test, where Boot's
 * import filter runs.)
 */
class PostgresDataJdbcTests {

	static final String REPORTS = "plugboard_data_jdbc_reports";

	static final String ORDERS = "plugboard_data_jdbc_orders";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, PostgresAutoConfiguration.class,
				DataSourceAutoConfiguration.class, TransactionAutoConfiguration.class))
		.withPropertyValues("plugboard.postgres.reports-db.url=" + SharedPostgres.url(REPORTS),
				"plugboard.postgres.reports-db.primary=true",
				"plugboard.postgres.reports-db.data-jdbc.packages=dev.plugboard.postgres.datajdbc.app.reports",
				"plugboard.postgres.orders-db.url=" + SharedPostgres.url(ORDERS),
				"plugboard.postgres.orders-db.data-jdbc.packages=dev.plugboard.postgres.datajdbc.app.orders");

	@BeforeAll
	static void createDatabases() {
		SharedPostgres.recreate(REPORTS);
		SharedPostgres.recreate(ORDERS);
	}

	@AfterAll
	static void dropDatabases() {
		SharedPostgres.drop(REPORTS);
		SharedPostgres.drop(ORDERS);
	}

	@Test
	void eachInstancesRepositoriesWriteToItsOwnDatabase() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(JdbcAggregateTemplate.class)).containsOnlyKeys(
					"reportsDbJdbcAggregateTemplate", "ordersDbJdbcAggregateTemplate");
			assertThat(context.getBean("jdbcAggregateTemplate"))
				.isSameAs(context.getBean("reportsDbJdbcAggregateTemplate"));
			Report saved = context.getBean(ReportRepository.class).save(Report.titled("q1"));
			assertThat(saved.id()).isNotNull();
			assertThat(context.getBean(ReportRepository.class).findByTitle("q1")).containsExactly(saved);
			context.getBean(PurchaseRepository.class).save(Purchase.of("lamp"));
			JdbcClient reports = context.getBean("reportsDbJdbcClient", JdbcClient.class);
			JdbcClient orders = context.getBean("ordersDbJdbcClient", JdbcClient.class);
			assertThat(reports.sql("SELECT title FROM report").query(String.class).list()).containsExactly("q1");
			assertThat(orders.sql("SELECT item FROM purchase").query(String.class).list()).containsExactly("lamp");
			// the aggregate template of an instance reads what that instance's repository wrote
			assertThat(context.getBean("ordersDbJdbcAggregateTemplate", JdbcAggregateTemplate.class)
				.findAll(Purchase.class)).extracting(Purchase::item).containsExactly("lamp");
			reports.sql("DELETE FROM report").update();
			orders.sql("DELETE FROM purchase").update();
		});
	}

	@Test
	void repositoriesTakePartInTheirInstancesTransactions() {
		this.contextRunner.run((context) -> {
			PurchaseRepository purchases = context.getBean(PurchaseRepository.class);
			TransactionTemplate ordersTx = context.getBean("ordersDbTransactionTemplate", TransactionTemplate.class);
			ordersTx.executeWithoutResult((status) -> {
				purchases.save(Purchase.of("rolled back"));
				assertThat(purchases.count()).isEqualTo(1);
				status.setRollbackOnly();
			});
			assertThat(purchases.count()).isZero();
			assertThatIllegalStateException().isThrownBy(() -> ordersTx.executeWithoutResult((status) -> {
				purchases.save(Purchase.of("undone by the exception"));
				throw new IllegalStateException("undo");
			}));
			assertThat(purchases.count()).isZero();
			// a transaction of the other instance does not hold this one's writes
			TransactionTemplate reportsTx = context.getBean("reportsDbTransactionTemplate", TransactionTemplate.class);
			reportsTx.executeWithoutResult((status) -> {
				purchases.save(Purchase.of("kept"));
				status.setRollbackOnly();
			});
			assertThat(purchases.findAll()).extracting(Purchase::item).containsExactly("kept");
			purchases.deleteAll();
		});
	}

	@Test
	void repositoriesAreQualifiedWithTheirInstance() {
		this.contextRunner.withUserConfiguration(Injected.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(Injected.class).purchases).isSameAs(context.getBean(PurchaseRepository.class));
		});
	}

	@Test
	void packagesWithoutRepositoriesAreRefused() {
		this.contextRunner
			.withPropertyValues("plugboard.postgres.orders-db.data-jdbc.packages=dev.plugboard.postgres.nowhere")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasMessageContaining("'plugboard.postgres.orders-db.data-jdbc.packages' (environment variable "
							+ "PLUGBOARD_POSTGRES_ORDERS_DB_DATA_JDBC_PACKAGES): no Spring Data repository was found in "
							+ "[dev.plugboard.postgres.nowhere]");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Injected {

		@Autowired
		@Plug("orders-db")
		PurchaseRepository purchases;

	}

}
