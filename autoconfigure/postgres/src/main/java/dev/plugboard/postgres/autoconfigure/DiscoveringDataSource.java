package dev.plugboard.postgres.autoconfigure;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.Driver;

import dev.plugboard.core.spi.ConnectionUrl.HostAndPort;
import dev.plugboard.core.spi.ServiceEndpoints;

/**
 * The physical connections of a {@code discovery://} instance's pool: each new one goes to the
 * endpoint that discovery names at that moment, so that the pool follows the service when it
 * moves. HikariCP takes its connections from here instead of from a fixed JDBC URL.
 *
 * @author Plugboard
 */
final class DiscoveringDataSource implements DataSource {

	private static final String SQL_STATE_CONNECTION_PREFIX = "08";

	private final Driver driver = new Driver();

	private final ServiceEndpoints endpoints;

	private final String database;

	private final Properties properties;

	private int loginTimeout;

	DiscoveringDataSource(ServiceEndpoints endpoints, String database, Properties properties) {
		this.endpoints = endpoints;
		this.database = database;
		this.properties = properties;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return connect(null, null);
	}

	@Override
	public Connection getConnection(@Nullable String username, @Nullable String password) throws SQLException {
		return connect(username, password);
	}

	private Connection connect(@Nullable String username, @Nullable String password) throws SQLException {
		HostAndPort endpoint;
		try {
			endpoint = this.endpoints.next();
		}
		catch (IllegalStateException ex) {
			throw new SQLException(ex.getMessage(), "08001", ex);
		}
		Properties connection = new Properties();
		connection.putAll(this.properties);
		if (username != null) {
			connection.setProperty("user", username);
		}
		if (password != null) {
			connection.setProperty("password", password);
		}
		String host = endpoint.host().contains(":") ? "[" + endpoint.host() + "]" : endpoint.host();
		String url = "jdbc:postgresql://" + host + ":" + endpoint.portOr(5432) + "/" + this.database;
		try {
			Connection result = this.driver.connect(url, connection);
			if (result == null) {
				throw new SQLException("The PostgreSQL driver refused the URL " + url, "08001");
			}
			return result;
		}
		catch (SQLException ex) {
			if (ex.getSQLState() != null && ex.getSQLState().startsWith(SQL_STATE_CONNECTION_PREFIX)) {
				this.endpoints.unreachable(endpoint);
			}
			throw ex;
		}
	}

	@Override
	public @Nullable PrintWriter getLogWriter() {
		return null;
	}

	@Override
	public void setLogWriter(PrintWriter out) {
	}

	/**
	 * Kept, not passed to the driver, as HikariCP's own DataSource for a fixed URL does: the
	 * driver's {@code loginTimeout} runs every connect on a thread of its own (about a millisecond
	 * more per connection), and {@code connectTimeout} and the pool's connection timeout bound
	 * the connect already.
	 */
	@Override
	public void setLoginTimeout(int seconds) {
		this.loginTimeout = seconds;
	}

	@Override
	public int getLoginTimeout() {
		return this.loginTimeout;
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		throw new SQLFeatureNotSupportedException();
	}

	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		if (type.isInstance(this)) {
			return type.cast(this);
		}
		throw new SQLException(getClass().getName() + " is not a wrapper for " + type.getName());
	}

	@Override
	public boolean isWrapperFor(Class<?> type) {
		return type.isInstance(this);
	}

	@Override
	public String toString() {
		return "DiscoveringDataSource[service=" + this.endpoints.service() + ", database=" + this.database + "]";
	}

}
