package dev.plugboard.devservices.slice;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.plugboard.Plug;
import dev.plugboard.postgres.testing.SharedPostgres;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @AutoConfigureTestDatabase} (part of {@code @JdbcTest} and {@code @DataJpaTest}) with dev
 * services on the test classpath: as Spring Boot replaces its DataSource, the primary instance's
 * configured database is replaced by a throwaway PostgreSQL (embedded here, a container where
 * Docker answers), never by H2; the other instances keep theirs. The shared server runs
 * PostgreSQL 15 and the embedded one 14, which tells them apart.
 */
class TestDatabaseTests {

	static String version(JdbcClient client) {
		return client.sql("SHOW server_version").query(String.class).single();
	}

	static String port(JdbcClient client) {
		return client.sql("SELECT inet_server_port()::text").query(String.class).single();
	}

	@Nested
	@JdbcTest(properties = { "plugboard.postgres.main-db.primary=true",
			"plugboard.postgres.main-db.url=postgres://postgres@127.0.0.1:5432/test",
			"plugboard.postgres.main-db.host=127.0.0.1" })
	class ConfiguredInTheApplication {

		@Autowired
		JdbcClient primary;

		@Autowired
		@Plug("other-db")
		JdbcClient other;

		@DynamicPropertySource
		static void other(DynamicPropertyRegistry registry) {
			registry.add("plugboard.postgres.other-db.url", () -> SharedPostgres.url("test"));
		}

		@Test
		void thePrimaryInstanceRunsOnATestServerAndTheOtherOnItsOwn() {
			assertThat(port(this.primary)).isNotEqualTo(String.valueOf(SharedPostgres.PORT));
			assertThat(version(this.primary)).startsWith("14");
			assertThat(port(this.other)).isEqualTo(String.valueOf(SharedPostgres.PORT));
		}

	}

	@Nested
	@JdbcTest
	class GivenByTheTest {

		@Autowired
		JdbcClient primary;

		@DynamicPropertySource
		static void instance(DynamicPropertyRegistry registry) {
			registry.add("plugboard.postgres.main-db.url", () -> SharedPostgres.url("test"));
		}

		@Test
		void aServerThatTheTestNamesIsATestDatabaseAlready() {
			assertThat(port(this.primary)).isEqualTo(String.valueOf(SharedPostgres.PORT));
		}

	}

	@Nested
	@JdbcTest
	@AutoConfigureTestDatabase(replace = Replace.ANY)
	class ReplaceAny {

		@Autowired
		JdbcClient primary;

		@DynamicPropertySource
		static void instance(DynamicPropertyRegistry registry) {
			registry.add("plugboard.postgres.main-db.url", () -> SharedPostgres.url("test"));
		}

		@Test
		void evenAServerThatTheTestNamesIsReplaced() {
			assertThat(version(this.primary)).startsWith("14");
		}

	}

}
