package dev.plugboard.postgres;

import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.core.testing.TcpProxy;
import dev.plugboard.postgres.autoconfigure.PostgresAutoConfiguration;
import dev.plugboard.postgres.testing.SharedPostgres;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The URL forms PostgreSQL accepts and how discrete settings win over the parts of a URL that
 * they set, and only those, each proven with a real connection to the shared server.
 */
class PostgresUrlTests {

	private static final String DATABASE = "plugboard_url";

	private static final String SERVER = SharedPostgres.HOST + ":" + SharedPostgres.PORT;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, PostgresAutoConfiguration.class))
		.withPropertyValues("plugboard.postgres.url-db.startup.timeout=5s");

	@BeforeAll
	static void createDatabase() {
		SharedPostgres.recreate(DATABASE);
	}

	@AfterAll
	static void dropDatabase() {
		SharedPostgres.drop(DATABASE);
	}

	@Test
	void postgresqlScheme() {
		connects("postgresql://" + SharedPostgres.USER + "@" + SERVER + "/" + DATABASE + "?ApplicationName=pgsql-scheme",
				(client) -> assertThat(setting(client, "application_name")).isEqualTo("pgsql-scheme"));
	}

	@Test
	void jdbcUrlWithUserAsQueryParameter() {
		connects("jdbc:postgresql://" + SERVER + "/" + DATABASE + "?user=" + SharedPostgres.USER
				+ "&ApplicationName=jdbc-form", (client) -> {
					assertThat(client.sql("SELECT current_user").query(String.class).single())
						.isEqualTo(SharedPostgres.USER);
					assertThat(setting(client, "application_name")).isEqualTo("jdbc-form");
				});
	}

	@Test
	void jdbcShortFormMeansLocalhost() {
		this.contextRunner
			.withPropertyValues("plugboard.postgres.url-db.url=jdbc:postgresql:" + DATABASE,
					"plugboard.postgres.url-db.port=" + SharedPostgres.PORT,
					"plugboard.postgres.url-db.username=" + SharedPostgres.USER)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(endpoint(context)).isEqualTo("localhost:" + SharedPostgres.PORT + "/" + DATABASE);
				assertThat(database(context)).isEqualTo(DATABASE);
			});
	}

	@Test
	void hostAloneKeepsThePortOfTheUrl() throws Exception {
		// the server is reachable only through the proxy's random port, named in the URL alone
		try (TcpProxy proxy = new TcpProxy(SharedPostgres.HOST, SharedPostgres.PORT)) {
			this.contextRunner
				.withPropertyValues("plugboard.postgres.url-db.url=postgres://" + SharedPostgres.USER + "@db1.invalid:"
						+ proxy.port() + "/" + DATABASE, "plugboard.postgres.url-db.host=127.0.0.1")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(endpoint(context)).isEqualTo("127.0.0.1:" + proxy.port() + "/" + DATABASE);
					assertThat(database(context)).isEqualTo(DATABASE);
				});
		}
	}

	@Test
	void portAloneKeepsTheHostOfTheUrl() {
		int nothing = TcpProxy.freePort();
		this.contextRunner
			.withPropertyValues("plugboard.postgres.url-db.url=postgres://" + SharedPostgres.USER + "@"
					+ SharedPostgres.HOST + ":" + nothing + "/" + DATABASE,
					"plugboard.postgres.url-db.port=" + SharedPostgres.PORT)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(endpoint(context)).isEqualTo(SERVER + "/" + DATABASE);
				assertThat(database(context)).isEqualTo(DATABASE);
			});
	}

	@Test
	void databaseAloneKeepsTheServerAndUserOfTheUrl() {
		this.contextRunner
			.withPropertyValues("plugboard.postgres.url-db.url=" + SharedPostgres.url("plugboard_url_wrong"),
					"plugboard.postgres.url-db.database=" + DATABASE)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(endpoint(context)).isEqualTo(SERVER + "/" + DATABASE);
				assertThat(database(context)).isEqualTo(DATABASE);
			});
	}

	@Test
	void usernameAloneKeepsTheRestOfTheUrl() {
		this.contextRunner
			.withPropertyValues("plugboard.postgres.url-db.url=postgres://nobody-here@" + SERVER + "/" + DATABASE
					+ "?ApplicationName=kept",
					"plugboard.postgres.url-db.username=" + SharedPostgres.USER)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				JdbcClient client = context.getBean(JdbcClient.class);
				assertThat(client.sql("SELECT current_user").query(String.class).single()).isEqualTo(SharedPostgres.USER);
				assertThat(setting(client, "application_name")).isEqualTo("kept");
				assertThat(database(context)).isEqualTo(DATABASE);
			});
	}

	private void connects(String url, Consumer<JdbcClient> assertions) {
		this.contextRunner.withPropertyValues("plugboard.postgres.url-db.url=" + url).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(endpoint(context)).isEqualTo(SERVER + "/" + DATABASE);
			assertThat(database(context)).isEqualTo(DATABASE);
			assertions.accept(context.getBean(JdbcClient.class));
		});
	}

	private static String endpoint(AssertableApplicationContext context) {
		return context.getBean(PostgresInstance.class).instance().endpoint();
	}

	private static String database(AssertableApplicationContext context) {
		return context.getBean(JdbcClient.class).sql("SELECT current_database()").query(String.class).single();
	}

	private static String setting(JdbcClient client, String name) {
		return client.sql("SELECT current_setting(:name)").param("name", name).query(String.class).single();
	}

}
