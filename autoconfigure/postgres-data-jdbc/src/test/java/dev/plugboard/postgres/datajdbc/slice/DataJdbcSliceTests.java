package dev.plugboard.postgres.datajdbc.slice;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.postgres.datajdbc.app.orders.Purchase;
import dev.plugboard.postgres.datajdbc.app.orders.PurchaseRepository;
import dev.plugboard.postgres.datajdbc.app.reports.Report;
import dev.plugboard.postgres.datajdbc.app.reports.ReportRepository;
import dev.plugboard.postgres.testing.SharedPostgres;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.transaction.AfterTransaction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @DataJdbcTest} in an application that declares two instances with Spring Data JDBC:
 * both instances' repositories are in the slice, and each test runs in a transaction of the
 * primary that is rolled back.
 */
@DataJdbcTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
class DataJdbcSliceTests {

	static final String MAIN = "plugboard_data_jdbc_slice_main";

	static final String OTHER = "plugboard_data_jdbc_slice_other";

	@Autowired
	ReportRepository reports;

	@Autowired
	PurchaseRepository purchases;

	@Autowired
	Map<String, JdbcAggregateTemplate> templates;

	@BeforeAll
	static void createDatabases() {
		SharedPostgres.recreate(MAIN);
		SharedPostgres.recreate(OTHER);
	}

	@AfterAll
	static void dropDatabases() {
		SharedPostgres.drop(MAIN);
		SharedPostgres.drop(OTHER);
	}

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		registry.add("plugboard.postgres.main-db.url", () -> SharedPostgres.url(MAIN));
		registry.add("plugboard.postgres.main-db.primary", () -> "true");
		registry.add("plugboard.postgres.main-db.flyway.locations", () -> "classpath:db/migration/reports-db");
		registry.add("plugboard.postgres.main-db.data-jdbc.packages", () -> "dev.plugboard.postgres.datajdbc.app.reports");
		registry.add("plugboard.postgres.other-db.url", () -> SharedPostgres.url(OTHER));
		registry.add("plugboard.postgres.other-db.flyway.locations", () -> "classpath:db/migration/orders-db");
		registry.add("plugboard.postgres.other-db.data-jdbc.packages", () -> "dev.plugboard.postgres.datajdbc.app.orders");
	}

	@Test
	void theSliceHoldsEveryInstancesRepositories() {
		assertThat(this.templates).containsOnlyKeys("mainDbJdbcAggregateTemplate", "otherDbJdbcAggregateTemplate");
		this.purchases.save(Purchase.of("in the other instance"));
		assertThat(this.purchases.count()).isEqualTo(1);
		this.purchases.deleteAll();
	}

	@Test
	void eachTestRunsInATransactionOfThePrimaryThatIsRolledBack() {
		this.reports.save(Report.titled("rolled back"));
		assertThat(this.reports.count()).isEqualTo(1);
	}

	@AfterTransaction
	void nothingIsLeft() {
		assertThat(this.reports.count()).isZero();
	}

}
