package dev.plugboard.postgres.slice;

import org.junit.jupiter.api.Test;

import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.core.spi.PlugboardException;
import dev.plugboard.postgres.autoconfigure.PostgresAutoConfiguration;
import dev.plugboard.postgres.autoconfigure.PostgresTestDatabaseAutoConfiguration;
import dev.plugboard.postgres.testing.SharedPostgres;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code @AutoConfigureTestDatabase} means for instances, with the auto-configurations that
 * its imports file lists: the primary instance's configured database is replaced by a test
 * server unless {@code replace = NONE}; with nothing on the classpath to serve one (dev services
 * are not a dependency of this module) that is a failure that says what to do.
 */
class TestDatabaseReplacementTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class,
				PostgresTestDatabaseAutoConfiguration.class, PostgresAutoConfiguration.class))
		.withPropertyValues("plugboard.postgres.main-db.url=" + SharedPostgres.url("test"));

	@Test
	void withoutAConnectionProviderTheReplacementFailsAndSaysWhatToDo() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOfSatisfying(PlugboardException.class, (failure) -> {
				assertThat(failure.getDescription()).isEqualTo("The postgres instance 'main-db' "
						+ "('plugboard.postgres.main-db.*') is primary, and @AutoConfigureTestDatabase (replace = NON_TEST) "
						+ "replaces its configured database with a test database, but nothing can serve it with a test "
						+ "server.");
				assertThat(failure.getAction()).contains("Add plugboard-starter-devservices with test scope")
					.contains("@AutoConfigureTestDatabase(replace = Replace.NONE)");
			});
		});
	}

	@Test
	void replaceNoneKeepsTheConfiguredDatabase() {
		this.contextRunner.withPropertyValues("spring.test.database.replace=NONE").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(JdbcClient.class).sql("SELECT current_database()").query(String.class).single())
				.isEqualTo("test");
		});
	}

	@Test
	void withoutTheAnnotationNothingIsReplaced() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, PostgresAutoConfiguration.class))
			.withPropertyValues("plugboard.postgres.main-db.url=" + SharedPostgres.url("test"))
			.run((context) -> assertThat(context).hasNotFailed());
	}

}
