package dev.plugboard.postgres;

import org.junit.jupiter.api.Test;

import dev.plugboard.Plugboard;
import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.postgres.autoconfigure.PostgresAutoConfiguration;
import dev.plugboard.postgres.testing.SharedPostgres;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link JdbcConnectionDetails} bean (what {@code @ServiceConnection} and Docker Compose
 * register) points the primary instance at its server, over the instance's own settings, as it
 * points Spring Boot's single DataSource; the other instances keep their settings.
 */
class PostgresConnectionDetailsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, PostgresAutoConfiguration.class));

	@Test
	void aConnectionDetailsBeanMovesThePrimaryInstance() {
		// the configured host and port lead nowhere: only the bean can make the instance answer
		this.contextRunner
			.withPropertyValues("plugboard.postgres.main-db.host=127.0.0.1", "plugboard.postgres.main-db.port=1",
					"plugboard.postgres.main-db.startup.timeout=2s")
			.withBean(JdbcConnectionDetails.class, () -> details(SharedPostgres.url("postgres")))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(JdbcClient.class).sql("SELECT current_database()").query(String.class).single())
					.isEqualTo("postgres");
				assertThat(context.getBean(Plugboard.class).instances().get(0).endpoint())
					.isEqualTo(SharedPostgres.HOST + ":" + SharedPostgres.PORT + "/postgres");
			});
	}

	@Test
	void onlyThePrimaryInstanceTakesTheBean() {
		this.contextRunner
			.withPropertyValues("plugboard.postgres.main-db.primary=true",
					"plugboard.postgres.main-db.url=postgres://nobody@127.0.0.1:1/nothing",
					"plugboard.postgres.other-db.url=" + SharedPostgres.url("test"))
			.withBean(JdbcConnectionDetails.class, () -> details(SharedPostgres.url("postgres")))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean("mainDbJdbcClient", JdbcClient.class).sql("SELECT current_database()")
					.query(String.class)
					.single()).isEqualTo("postgres");
				assertThat(context.getBean("otherDbJdbcClient", JdbcClient.class).sql("SELECT current_database()")
					.query(String.class)
					.single()).isEqualTo("test");
			});
	}

	@Test
	void aBeanForAnotherDatabaseIsRefused() {
		this.contextRunner.withPropertyValues("plugboard.postgres.main-db.url=" + SharedPostgres.url("test"))
			.withBean(JdbcConnectionDetails.class, () -> details("jdbc:mysql://127.0.0.1:3306/test"))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("JdbcConnectionDetails bean, which points at 'jdbc:mysql://127.0.0.1:3306/test'"
							+ ", not at PostgreSQL");
			});
	}

	private static JdbcConnectionDetails details(String url) {
		String jdbcUrl = url.startsWith("jdbc:") ? url : "jdbc:postgresql://" + SharedPostgres.HOST + ":" + SharedPostgres.PORT
				+ url.substring(url.lastIndexOf('/'));
		return new JdbcConnectionDetails() {

			@Override
			public String getUsername() {
				return SharedPostgres.USER;
			}

			@Override
			public String getPassword() {
				return "";
			}

			@Override
			public String getJdbcUrl() {
				return jdbcUrl;
			}

		};
	}

}
