package dev.plugboard.devservices;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.util.ClassUtils;

/**
 * PostgreSQL for unconfigured instances: a container per instance, or one embedded server
 * (zonky, PostgreSQL 14 binaries from Maven) with a database per instance.
 *
 * @author Plugboard
 */
final class PostgresDevService implements DevService {

	private static final ClassLoader loader = PostgresDevService.class.getClassLoader();

	@Override
	public String type() {
		return "postgres";
	}

	@Override
	public boolean isAvailable(boolean container) {
		return container ? ClassUtils.isPresent("org.testcontainers.postgresql.PostgreSQLContainer", loader)
				: ClassUtils.isPresent("io.zonky.test.db.postgres.embedded.EmbeddedPostgres", loader)
						&& ClassUtils.isPresent("org.postgresql.Driver", loader);
	}

	@Override
	public DevConnection connect(String instance, boolean container, DevServicesProperties properties) {
		return container ? Containers.connect(instance, properties) : Embedded.connect(instance);
	}

	static String databaseName(String instance) {
		return instance.replace('-', '_');
	}

	private static final class Embedded {

		static DevConnection connect(String instance) {
			EmbeddedPostgres server = DevServers.get("postgres/embedded", Embedded::start);
			String database = databaseName(instance);
			String version = createDatabase(server, database);
			return new DevConnection("postgres://postgres@127.0.0.1:" + server.getPort() + "/" + database,
					"embedded PostgreSQL " + version + " on 127.0.0.1:" + server.getPort() + ", database " + database);
		}

		private static EmbeddedPostgres start() {
			try {
				EmbeddedPostgres server = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
				DevServers.stopOnExit(server);
				return server;
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not start an embedded PostgreSQL server: " + ex.getMessage(), ex);
			}
		}

		private static String createDatabase(EmbeddedPostgres server, String database) {
			try (Connection connection = server.getPostgresDatabase().getConnection();
					Statement statement = connection.createStatement()) {
				try (ResultSet exists = statement
					.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
					if (!exists.next()) {
						statement.execute("CREATE DATABASE \"" + database + "\"");
					}
				}
				try (ResultSet version = statement.executeQuery("SHOW server_version")) {
					version.next();
					return version.getString(1);
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Could not create database " + database + " on the embedded PostgreSQL "
						+ "server: " + ex.getMessage(), ex);
			}
		}

	}

	private static final class Containers {

		static DevConnection connect(String instance, DevServicesProperties properties) {
			PostgreSQLContainer container = DevServers.get("postgres/container/" + instance, () -> {
				PostgreSQLContainer started = new PostgreSQLContainer(properties.getPostgresImage())
					.withDatabaseName(databaseName(instance));
				started.start();
				DevServers.stopOnExit(started::stop);
				return started;
			});
			String address = container.getHost() + ":" + container.getMappedPort(5432);
			return new DevConnection(
					"postgres://" + container.getUsername() + ":" + container.getPassword() + "@" + address + "/"
							+ container.getDatabaseName(),
					"PostgreSQL container " + properties.getPostgresImage() + " on " + address);
		}

	}

}
