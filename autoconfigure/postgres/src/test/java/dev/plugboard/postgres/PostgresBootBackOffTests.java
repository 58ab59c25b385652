package dev.plugboard.postgres;

import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.plugboard.postgres.testing.SharedPostgres;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With every auto-configuration on the classpath, as in an application, Spring Boot's own
 * DataSource, JDBC, transaction and Flyway auto-configurations leave the instances alone.
 */
class PostgresBootBackOffTests {

	private static final String MAIN = "plugboard_backoff_main";

	private static final String OTHER = "plugboard_backoff_other";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(Application.class)
		.withPropertyValues("plugboard.postgres.main-db.url=" + SharedPostgres.url(MAIN),
				"plugboard.postgres.main-db.primary=true", "plugboard.postgres.other-db.url=" + SharedPostgres.url(OTHER));

	@BeforeEach
	void createDatabases() {
		SharedPostgres.recreate(MAIN);
		SharedPostgres.recreate(OTHER);
	}

	@AfterAll
	static void dropDatabases() {
		SharedPostgres.drop(MAIN);
		SharedPostgres.drop(OTHER);
	}

	@Test
	void onlyTheInstancesBeansExist() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(DataSource.class)).containsOnlyKeys("mainDbDataSource", "otherDbDataSource");
			assertThat(context.getBeansOfType(JdbcOperations.class)).containsOnlyKeys("mainDbJdbcTemplate",
					"otherDbJdbcTemplate");
			assertThat(context.getBeansOfType(NamedParameterJdbcOperations.class))
				.containsOnlyKeys("mainDbNamedParameterJdbcTemplate", "otherDbNamedParameterJdbcTemplate");
			assertThat(context.getBeansOfType(JdbcClient.class)).containsOnlyKeys("mainDbJdbcClient", "otherDbJdbcClient");
			assertThat(context.getBeansOfType(TransactionManager.class)).containsOnlyKeys("mainDbTransactionManager",
					"otherDbTransactionManager");
			assertThat(context.getBeansOfType(TransactionOperations.class)).containsOnlyKeys("mainDbTransactionTemplate",
					"otherDbTransactionTemplate");
			assertThat(context.getBeansOfType(Flyway.class)).containsOnlyKeys("mainDbFlyway", "otherDbFlyway");
		});
	}

	@Test
	void bootsFlywayDoesNotMigrateThePrimaryWhenNoInstanceUsesFlyway() {
		// Boot's Flyway would migrate main-db from classpath:db/migration, which holds the
		// scripts of the other tests' instances (two V1s: it would even fail)
		this.contextRunner
			.withPropertyValues("plugboard.postgres.main-db.flyway.enabled=false",
					"plugboard.postgres.other-db.flyway.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(Flyway.class)).isEmpty();
				assertThat(tables(context.getBean("mainDbJdbcClient", JdbcClient.class))).isEmpty();
				assertThat(tables(context.getBean("otherDbJdbcClient", JdbcClient.class))).isEmpty();
			});
	}

	@Test
	void bootsFlywayStaysOutOfALoneInstanceWithoutFlyway() {
		new ApplicationContextRunner().withUserConfiguration(Application.class)
			.withPropertyValues("plugboard.postgres.main-db.url=" + SharedPostgres.url(MAIN),
					"plugboard.postgres.main-db.flyway.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(Flyway.class)).isEmpty();
				assertThat(tables(context.getBean(JdbcClient.class))).isEmpty();
			});
	}

	private static List<String> tables(JdbcClient client) {
		return client.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").query(String.class).list();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
