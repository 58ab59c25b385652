package dev.plugboard.postgres.slice;

import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.plugboard.Plug;
import dev.plugboard.postgres.testing.SharedPostgres;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.transaction.AfterTransaction;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @JdbcTest} in an application that declares instances gets the instances, not an
 * embedded database: the primary one serves the slice's {@code JdbcTemplate}, its
 * transaction (rolled back after each test) and {@code spring.sql.init} scripts.
 */
class JdbcSliceTests {

	static final String MAIN = "plugboard_slice_main";

	static final String OTHER = "plugboard_slice_other";

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

	static long notes(JdbcClient client) {
		return client.sql("SELECT count(*) FROM slice_note").query(Long.class).single();
	}

	@Nested
	@JdbcTest
	@AutoConfigureTestDatabase(replace = Replace.NONE)
	@TestPropertySource(properties = { "spring.sql.init.mode=always",
			"spring.sql.init.schema-locations=classpath:slice/schema.sql",
			"spring.sql.init.data-locations=classpath:slice/data.sql" })
	class OneInstance {

		@Autowired
		ApplicationContext context;

		@Autowired
		JdbcTemplate jdbcTemplate;

		@Autowired
		JdbcClient jdbcClient;

		@org.springframework.test.context.DynamicPropertySource
		static void instance(org.springframework.test.context.DynamicPropertyRegistry registry) {
			registry.add("plugboard.postgres.main-db.url", () -> SharedPostgres.url(MAIN));
			// the tables come from spring.sql.init here, not from migrations
			registry.add("plugboard.postgres.main-db.flyway.enabled", () -> "false");
		}

		@Test
		void theSliceRunsOnTheInstanceAndItsSqlInitScripts() {
			assertThat(this.context.getBeansOfType(DataSource.class)).containsOnlyKeys("mainDbDataSource");
			HikariDataSource dataSource = (HikariDataSource) this.context.getBean(DataSource.class);
			assertThat(dataSource.getJdbcUrl()).endsWith("/" + MAIN);
			assertThat(this.jdbcTemplate.queryForObject("SELECT current_database()", String.class)).isEqualTo(MAIN);
			// schema.sql and data.sql ran on the primary instance: one row from data.sql
			assertThat(this.jdbcTemplate.queryForObject("SELECT body FROM slice_note WHERE id = 1", String.class))
				.isEqualTo("from data.sql");
		}

		@Test
		void eachTestRunsInATransactionOfThePrimaryThatIsRolledBack() {
			this.jdbcClient.sql("INSERT INTO slice_note (id, body) VALUES (2, 'rolled back')").update();
			assertThat(notes(this.jdbcClient)).isEqualTo(2);
		}

		@AfterTransaction
		void onlyTheScriptRowIsLeft() {
			assertThat(notes(this.jdbcClient)).isEqualTo(1);
		}

	}

	@Nested
	@JdbcTest(properties = { "plugboard.postgres.main-db.primary=true" })
	@AutoConfigureTestDatabase(replace = Replace.NONE)
	class TwoInstances {

		@Autowired
		ApplicationContext context;

		@Autowired
		JdbcClient primary;

		@Autowired
		@Plug("other-db")
		JdbcClient other;

		@Autowired
		Map<String, PlatformTransactionManager> transactionManagers;

		@org.springframework.test.context.DynamicPropertySource
		static void instances(org.springframework.test.context.DynamicPropertyRegistry registry) {
			registry.add("plugboard.postgres.main-db.url", () -> SharedPostgres.url(MAIN));
			registry.add("plugboard.postgres.other-db.url", () -> SharedPostgres.url(OTHER));
			registry.add("plugboard.postgres.main-db.flyway.enabled", () -> "false");
		}

		@Test
		void bothInstancesServeTheSliceAndThePrimaryIsTheDefault() {
			assertThat(this.context.getBeansOfType(DataSource.class)).containsOnlyKeys("mainDbDataSource",
					"otherDbDataSource");
			assertThat(this.transactionManagers).containsOnlyKeys("mainDbTransactionManager", "otherDbTransactionManager");
			assertThat(this.primary.sql("SELECT current_database()").query(String.class).single()).isEqualTo(MAIN);
			assertThat(this.other.sql("SELECT current_database()").query(String.class).single()).isEqualTo(OTHER);
		}

	}

}
