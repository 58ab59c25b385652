package dev.plugboard.postgres;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.InstanceState;
import dev.plugboard.PlugInstance;
import dev.plugboard.Plugboard;
import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.core.testing.FailureAnalyses;
import dev.plugboard.core.testing.TcpProxy;
import dev.plugboard.postgres.autoconfigure.PostgresAutoConfiguration;
import dev.plugboard.postgres.testing.PrivatePostgres;
import dev.plugboard.postgres.testing.SharedPostgres;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Faults against a private PostgreSQL cluster that the test creates, crashes and restarts; the
 * shared server is never touched except for a database that does not exist.
 */
class PostgresFaultTests {

	private static final String PASSWORD = "Pr1vate-Pg-Pw";

	private static PrivatePostgres postgres;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, PostgresAutoConfiguration.class));

	@BeforeAll
	static void startCluster() {
		postgres = PrivatePostgres.start(PASSWORD);
	}

	@AfterAll
	static void removeCluster() {
		postgres.close();
	}

	@Test
	void nonCriticalInstanceDegradesFailsFastAndRecoversWhenTheServerReturns() {
		this.contextRunner
			.withPropertyValues("plugboard.postgres.reports-db.url=" + postgres.url("postgres"),
					"plugboard.postgres.reports-db.critical=false",
					"plugboard.postgres.reports-db.startup.retry-interval=200ms",
					"plugboard.postgres.reports-db.health.interval=200ms",
					"plugboard.postgres.reports-db.hikari.connection-timeout=1000")
			.run((context) -> {
				PlugInstance instance = context.getBean(Plugboard.class).find("postgres", "reports-db").orElseThrow();
				JdbcClient client = context.getBean(JdbcClient.class);
				assertThat(instance.state()).isEqualTo(InstanceState.RUNNING);
				assertThat(client.sql("SELECT 1").query(Integer.class).single()).isEqualTo(1);
				postgres.crash();
				try {
					await().atMost(Duration.ofSeconds(10)).until(() -> instance.state() == InstanceState.DEGRADED);
					assertThat(instance.lastError()).doesNotContain(PASSWORD);
					long start = System.nanoTime();
					assertThatException().isThrownBy(() -> client.sql("SELECT 1").query(Integer.class).single());
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
				}
				finally {
					postgres.startServer();
				}
				await().atMost(Duration.ofSeconds(15)).until(() -> instance.state() == InstanceState.RUNNING);
				assertThat(client.sql("SELECT 2").query(Integer.class).single()).isEqualTo(2);
			});
	}

	@Test
	void nonCriticalInstanceDownAtStartupStartsDegraded() {
		int nothing = TcpProxy.freePort();
		this.contextRunner
			.withPropertyValues("plugboard.postgres.reports-db.url=postgres://test:x@127.0.0.1:" + nothing + "/db",
					"plugboard.postgres.reports-db.critical=false", "plugboard.postgres.reports-db.startup.timeout=500ms",
					"plugboard.postgres.reports-db.startup.retry-interval=100ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				PlugInstance instance = context.getBean(Plugboard.class).find("postgres", "reports-db").orElseThrow();
				assertThat(instance.state()).isEqualTo(InstanceState.DEGRADED);
				assertThat(instance.lastError()).contains("Connection");
			});
	}

	@Test
	void criticalUnreachableInstanceStopsStartupAfterItsTimeout() {
		int nothing = TcpProxy.freePort();
		long start = System.nanoTime();
		this.contextRunner
			.withPropertyValues("plugboard.postgres.main-db.url=postgres://app:TopS3cret@127.0.0.1:" + nothing + "/app",
					"plugboard.postgres.main-db.startup.timeout=1s", "plugboard.postgres.main-db.startup.retry-interval=200ms")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription())
					.contains("Critical postgres instance 'main-db' at 127.0.0.1:" + nothing + "/app")
					.contains("did not answer within 1000 ms")
					.doesNotContain("TopS3cret");
				assertThat(analysis.getAction()).contains("'plugboard.postgres.main-db.host'")
					.contains("PLUGBOARD_POSTGRES_MAIN_DB_HOST")
					.contains("plugboard.postgres.main-db.critical=false")
					.doesNotContain("TopS3cret");
			});
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
	}

	@Test
	void wrongPasswordNamesThePasswordSettingWithoutShowingIt() {
		this.contextRunner
			.withPropertyValues("plugboard.env-prefix=shop",
					"plugboard.postgres.main-db.url=postgres://test@127.0.0.1:" + postgres.port() + "/postgres",
					"plugboard.postgres.main-db.password=Wr0ng-Passw0rd", "plugboard.postgres.main-db.startup.timeout=300ms")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("password authentication failed")
					.doesNotContain("Wr0ng-Passw0rd");
				assertThat(analysis.getAction()).contains("'plugboard.postgres.main-db.password'")
					.contains("SHOP_MAIN_DB_PASSWORD")
					.doesNotContain("Wr0ng-Passw0rd");
			});
	}

	@Test
	void missingDatabaseNamesTheDatabaseSetting() {
		this.contextRunner
			.withPropertyValues("plugboard.postgres.main-db.url=" + SharedPostgres.url("plugboard_no_such_db"),
					"plugboard.postgres.main-db.startup.timeout=300ms")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("plugboard_no_such_db");
				assertThat(analysis.getAction()).contains("does not exist")
					.contains("'plugboard.postgres.main-db.database'")
					.contains("PLUGBOARD_POSTGRES_MAIN_DB_DATABASE");
			});
	}

	@Test
	void malformedUrlAndInvalidPoolSizeAreRejectedBeforeConnecting() {
		this.contextRunner.withPropertyValues("plugboard.postgres.main-db.url=postgresql://u:Secr3t@db1:54x2/app")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'plugboard.postgres.main-db.url'")
					.contains("PLUGBOARD_POSTGRES_MAIN_DB_URL")
					.contains("postgresql://u:******@db1:54x2/app")
					.doesNotContain("Secr3t");
			});
		this.contextRunner.withPropertyValues("plugboard.postgres.main-db.hikari.maximum-pool-size=-1")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'plugboard.postgres.main-db.hikari.maximum-pool-size'")
					.contains("PLUGBOARD_POSTGRES_MAIN_DB_HIKARI_MAXIMUM_POOL_SIZE");
			});
		this.contextRunner.withPropertyValues("plugboard.postgres.main-db.url=mysql://db1/app").run((context) -> {
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("unsupported scheme 'mysql'");
		});
	}

	@Test
	void missingDriverIsExplained() {
		this.contextRunner.withClassLoader(new org.springframework.boot.test.context.FilteredClassLoader("org.postgresql"))
			.withPropertyValues("plugboard.postgres.main-db.url=" + SharedPostgres.url("test"))
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("needs the PostgreSQL JDBC driver")
					.contains("'plugboard.postgres.main-db.*'");
				assertThat(analysis.getAction()).contains("org.postgresql:postgresql")
					.contains("'plugboard.postgres.main-db.enabled=false'")
					.contains("PLUGBOARD_POSTGRES_MAIN_DB_ENABLED=false");
			});
	}

	@Test
	void failedMigrationNamesTheFlywaySettings() {
		SharedPostgres.recreate("plugboard_broken_migration");
		try {
			this.contextRunner
				.withPropertyValues("plugboard.postgres.main-db.url=" + SharedPostgres.url("plugboard_broken_migration"),
						"plugboard.postgres.main-db.flyway.locations=classpath:db/broken",
						"plugboard.postgres.main-db.startup.timeout=1s",
						"plugboard.postgres.main-db.startup.retry-interval=200ms")
				.run((context) -> {
					FailureAnalysis analysis = analyze(context.getStartupFailure());
					assertThat(analysis.getDescription()).contains("Critical postgres instance 'main-db'")
						.contains("V1__broken.sql");
					assertThat(analysis.getAction()).contains("Flyway could not migrate the instance from [classpath:db/broken]")
						.contains("'plugboard.postgres.main-db.flyway.locations'")
						.contains("PLUGBOARD_POSTGRES_MAIN_DB_FLYWAY_LOCATIONS")
						.contains("'plugboard.postgres.main-db.flyway.enabled=false'")
						.contains("PLUGBOARD_POSTGRES_MAIN_DB_FLYWAY_ENABLED=false");
				});
		}
		finally {
			SharedPostgres.drop("plugboard_broken_migration");
		}
	}

	@Test
	void hikariSettingsThatCannotBeBoundNameTheSetting() {
		this.contextRunner
			.withPropertyValues("plugboard.postgres.main-db.url=" + SharedPostgres.url("test"),
					"plugboard.postgres.main-db.hikari.scheduled-executor=pool")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'plugboard.postgres.main-db.hikari.scheduled-executor'")
					.contains("PLUGBOARD_POSTGRES_MAIN_DB_HIKARI_SCHEDULED_EXECUTOR");
			});
	}

	@Test
	void connectionSettingsUnderHikariAreRefused() {
		this.contextRunner
			.withPropertyValues("plugboard.postgres.main-db.url=" + SharedPostgres.url("test"),
					"plugboard.postgres.main-db.hikari.jdbc-url=jdbc:postgresql://elsewhere/test")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'plugboard.postgres.main-db.hikari.jdbc-url'")
					.contains("PLUGBOARD_POSTGRES_MAIN_DB_HIKARI_JDBC_URL");
				assertThat(analysis.getAction()).contains("'plugboard.postgres.main-db.url'")
					.contains("PLUGBOARD_POSTGRES_MAIN_DB_URL");
			});
	}

	static FailureAnalysis analyze(Throwable failure) {
		return FailureAnalyses.analyze(failure);
	}

}
