package dev.plugboard.postgres.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared PostgreSQL server of the test machine (overridable with {@code PLUGBOARD_TEST_PG_HOST},
 * {@code PLUGBOARD_TEST_PG_PORT}, {@code PLUGBOARD_TEST_PG_USER}); tests create their own
 * databases on it and drop them again.
 */
public final class SharedPostgres {

	public static final String HOST = env("PLUGBOARD_TEST_PG_HOST", "127.0.0.1");

	public static final int PORT = Integer.parseInt(env("PLUGBOARD_TEST_PG_PORT", "5432"));

	public static final String USER = env("PLUGBOARD_TEST_PG_USER", "postgres");

	private SharedPostgres() {
	}

	/**
	 * A URL for a database on the shared server.
	 * @param database the database
	 * @return the URL
	 */
	public static String url(String database) {
		return "postgres://" + USER + "@" + HOST + ":" + PORT + "/" + database;
	}

	/**
	 * Drop and create a database.
	 * @param database the database
	 */
	public static void recreate(String database) {
		execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
		execute("CREATE DATABASE " + database);
	}

	/**
	 * Drop a database.
	 * @param database the database
	 */
	public static void drop(String database) {
		execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
	}

	/**
	 * The first column of a query's rows, on a database of the shared server.
	 * @param database the database
	 * @param sql the query
	 * @return the values as text
	 */
	public static List<String> query(String database, String sql) {
		try (Connection connection = DriverManager.getConnection(
				"jdbc:postgresql://" + HOST + ":" + PORT + "/" + database, USER, "");
				Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			List<String> values = new ArrayList<>();
			while (rows.next()) {
				values.add(rows.getString(1));
			}
			return values;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Shared PostgreSQL at " + HOST + ":" + PORT + " failed: " + ex.getMessage(),
					ex);
		}
	}

	private static void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(
				"jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", USER, "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Shared PostgreSQL at " + HOST + ":" + PORT + " failed: " + ex.getMessage(),
					ex);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
