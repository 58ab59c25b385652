package dev.plugboard.postgres.jooq.slice;

import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.Plug;
import dev.plugboard.postgres.testing.SharedPostgres;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jooq.test.autoconfigure.JooqTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.transaction.AfterTransaction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @JooqTest} in an application that declares two instances: the slice's DSLContext is
 * the primary instance's, the other instance's is there by {@code @Plug}, and each test runs
 * in a transaction of the primary that is rolled back.
 */
@JooqTest
class JooqSliceTests {

	static final String MAIN = "plugboard_jooq_slice_main";

	static final String OTHER = "plugboard_jooq_slice_other";

	@Autowired
	DSLContext primary;

	@Autowired
	@Plug("other-db")
	DSLContext other;

	@Autowired
	Map<String, DSLContext> all;

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
		registry.add("plugboard.postgres.other-db.url", () -> SharedPostgres.url(OTHER));
		registry.add("plugboard.postgres.other-db.flyway.locations", () -> "classpath:db/migration/orders-db");
	}

	@Test
	void theSliceRunsOnTheInstancesWithThePrimaryAsItsDslContext() {
		assertThat(this.all).containsOnlyKeys("mainDbDslContext", "otherDbDslContext");
		assertThat(this.primary.fetchValue("SELECT current_database()")).isEqualTo(MAIN);
		assertThat(this.other.fetchValue("SELECT current_database()")).isEqualTo(OTHER);
	}

	@Test
	void eachTestRunsInATransactionOfThePrimaryThatIsRolledBack() {
		this.primary.insertInto(DSL.table("report"), DSL.field("id"), DSL.field("title")).values(1L, "rolled back").execute();
		assertThat(this.primary.fetchCount(DSL.table("report"))).isEqualTo(1);
	}

	@AfterTransaction
	void nothingIsLeft() {
		assertThat(this.primary.fetchCount(DSL.table("report"))).isZero();
	}

}
