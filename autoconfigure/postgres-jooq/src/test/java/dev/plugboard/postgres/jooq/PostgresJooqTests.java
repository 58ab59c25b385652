package dev.plugboard.postgres.jooq;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.Plug;
import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.postgres.autoconfigure.PostgresAutoConfiguration;
import dev.plugboard.postgres.testing.SharedPostgres;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A jOOQ DSLContext per instance, on the real server: two instances side by side, each in its
 * own Spring transactions, with its exceptions translated and its own customizers; Spring
 * Boot's jOOQ auto-configuration out of the way.
 */
class PostgresJooqTests {

	static final String REPORTS = "plugboard_jooq_reports";

	static final String ORDERS = "plugboard_jooq_orders";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, PostgresAutoConfiguration.class,
				DataSourceAutoConfiguration.class, TransactionAutoConfiguration.class, JooqAutoConfiguration.class))
		.withPropertyValues("plugboard.postgres.reports-db.url=" + SharedPostgres.url(REPORTS),
				"plugboard.postgres.reports-db.primary=true",
				"plugboard.postgres.orders-db.url=" + SharedPostgres.url(ORDERS));

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
	void eachInstanceHasItsOwnDslContextAndBootsBacksOff() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(DSLContext.class)).containsOnlyKeys("reportsDbDslContext",
					"ordersDbDslContext");
			assertThat(context.getBean("dslContext")).isSameAs(context.getBean("reportsDbDslContext"));
			DSLContext reports = context.getBean("reportsDbDslContext", DSLContext.class);
			DSLContext orders = context.getBean("ordersDbDslContext", DSLContext.class);
			assertThat(reports.dialect()).isEqualTo(SQLDialect.POSTGRES);
			assertThat(reports.fetchValue("SELECT current_database()")).isEqualTo(REPORTS);
			assertThat(orders.fetchValue("SELECT current_database()")).isEqualTo(ORDERS);
			// each instance's migrations made its own table, which jOOQ reads
			reports.insertInto(DSL.table("report"), DSL.field("id"), DSL.field("title")).values(1L, "q1").execute();
			assertThat(reports.fetchCount(DSL.table("report"))).isEqualTo(1);
			assertThat(orders.fetchCount(DSL.table("purchase"))).isZero();
			reports.deleteFrom(DSL.table("report")).execute();
		});
	}

	@Test
	void jooqJoinsTheInstancesSpringTransactionAndRollsBackWithIt() {
		this.contextRunner.run((context) -> {
			DSLContext orders = context.getBean("ordersDbDslContext", DSLContext.class);
			JdbcClient ordersJdbc = context.getBean("ordersDbJdbcClient", JdbcClient.class);
			TransactionTemplate ordersTx = context.getBean("ordersDbTransactionTemplate", TransactionTemplate.class);
			ordersTx.executeWithoutResult((status) -> {
				ordersJdbc.sql("INSERT INTO purchase (id, item) VALUES (1, 'written by JDBC')").update();
				// the same connection: jOOQ sees the transaction's uncommitted row
				assertThat(orders.fetchCount(DSL.table("purchase"))).isEqualTo(1);
				orders.insertInto(DSL.table("purchase"), DSL.field("id"), DSL.field("item"))
					.values(2L, "written by jOOQ")
					.execute();
				status.setRollbackOnly();
			});
			assertThat(orders.fetchCount(DSL.table("purchase"))).isZero();
		});
	}

	@Test
	void jooqsOwnTransactionsRunOnTheInstancesTransactionManager() {
		this.contextRunner.run((context) -> {
			DSLContext orders = context.getBean("ordersDbDslContext", DSLContext.class);
			assertThatIllegalStateException().isThrownBy(() -> orders.transaction((configuration) -> {
				assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isTrue();
				DSL.using(configuration)
					.insertInto(DSL.table("purchase"), DSL.field("id"), DSL.field("item"))
					.values(3L, "undone")
					.execute();
				throw new IllegalStateException("undo");
			}));
			assertThat(orders.fetchCount(DSL.table("purchase"))).isZero();
			orders.transaction((configuration) -> DSL.using(configuration)
				.insertInto(DSL.table("purchase"), DSL.field("id"), DSL.field("item"))
				.values(4L, "kept")
				.execute());
			assertThat(orders.fetchCount(DSL.table("purchase"))).isEqualTo(1);
			orders.deleteFrom(DSL.table("purchase")).execute();
		});
	}

	@Test
	void sqlExceptionsAreTranslatedToSpringsDataAccessExceptions() {
		this.contextRunner.run((context) -> {
			DSLContext reports = context.getBean("reportsDbDslContext", DSLContext.class);
			reports.insertInto(DSL.table("report"), DSL.field("id"), DSL.field("title")).values(7L, "once").execute();
			assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> reports
				.insertInto(DSL.table("report"), DSL.field("id"), DSL.field("title"))
				.values(7L, "twice")
				.execute());
			reports.deleteFrom(DSL.table("report")).execute();
		});
	}

	@Test
	void customizersApplyToTheInstanceTheyArePluggedToAndUnassignedOnesToThePrimary() {
		this.contextRunner.withUserConfiguration(Customizers.class).run((context) -> {
			assertThat(context).hasNotFailed();
			DSLContext reports = context.getBean("reportsDbDslContext", DSLContext.class);
			DSLContext orders = context.getBean("ordersDbDslContext", DSLContext.class);
			assertThat(orders.settings().getQueryTimeout()).isEqualTo(7);
			assertThat(reports.settings().getQueryTimeout()).isNotEqualTo(7);
			assertThat(reports.settings().getMaxRows()).isEqualTo(500);
			assertThat(orders.settings().getMaxRows()).isNotEqualTo(500);
		});
	}

	@Test
	void aCustomizerPluggedToAnUnknownInstanceFailsNamingTheKnownOnes() {
		this.contextRunner.withUserConfiguration(WrongCustomizer.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("@Plug(\"order-db\") but there is no postgres instance 'order-db'")
				.hasMessageContaining("[orders-db, reports-db]");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Customizers {

		@Bean
		@Plug("orders-db")
		DefaultConfigurationCustomizer ordersTimeout() {
			return (configuration) -> configuration.settings().setQueryTimeout(7);
		}

		@Bean
		DefaultConfigurationCustomizer primaryMaxRows() {
			return (configuration) -> configuration.settings().setMaxRows(500);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WrongCustomizer {

		@Bean
		@Plug("order-db")
		DefaultConfigurationCustomizer typo() {
			return (configuration) -> configuration.settings().setQueryTimeout(1);
		}

	}

}
