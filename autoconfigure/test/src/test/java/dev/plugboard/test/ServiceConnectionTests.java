package dev.plugboard.test;

import org.junit.jupiter.api.Test;
import org.testcontainers.postgresql.PostgreSQLContainer;

import dev.plugboard.Plug;
import dev.plugboard.postgres.testing.SharedPostgres;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's own {@code @ServiceConnection} reaches the primary postgres instance, as it
 * reaches Boot's single DataSource: Boot's Testcontainers support turns the container into a
 * {@link JdbcConnectionDetails} bean, and the instance connects where it says. No Docker engine
 * answers here, so the container is a stand-in that reports the shared server's address
 * instead of starting; where Docker answers, a real {@code PostgreSQLContainer} takes the same
 * path. The other instance keeps its own settings.
 */
@SpringBootTest(classes = ServiceConnectionTests.Application.class,
		properties = { "plugboard.postgres.main-db.primary=true",
				"plugboard.postgres.main-db.url=postgres://nobody@127.0.0.1:1/nowhere",
				"plugboard.postgres.main-db.startup.timeout=2s" })
class ServiceConnectionTests {

	@ServiceConnection
	static final PostgreSQLContainer database = new SharedServerContainer();

	@Autowired
	JdbcClient primary;

	@Autowired
	@Plug("other-db")
	JdbcClient other;

	@org.springframework.test.context.DynamicPropertySource
	static void other(org.springframework.test.context.DynamicPropertyRegistry registry) {
		registry.add("plugboard.postgres.other-db.url", () -> SharedPostgres.url("test"));
	}

	@Test
	void theServiceConnectionMovesThePrimaryInstance() {
		assertThat(this.primary.sql("SELECT current_database()").query(String.class).single()).isEqualTo("postgres");
		assertThat(this.other.sql("SELECT current_database()").query(String.class).single()).isEqualTo("test");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

	/** A PostgreSQL container that is the shared server: nothing to start, its address is known. */
	static final class SharedServerContainer extends PostgreSQLContainer {

		SharedServerContainer() {
			super("postgres:16-alpine");
		}

		@Override
		public void start() {
		}

		@Override
		public boolean isRunning() {
			return true;
		}

		@Override
		public String getDockerImageName() {
			// the image is never resolved: that would ask a Docker engine
			return "postgres:16-alpine";
		}

		@Override
		public String getJdbcUrl() {
			return "jdbc:postgresql://" + SharedPostgres.HOST + ":" + SharedPostgres.PORT + "/postgres";
		}

		@Override
		public String getUsername() {
			return SharedPostgres.USER;
		}

		@Override
		public String getPassword() {
			return "";
		}

	}

}
