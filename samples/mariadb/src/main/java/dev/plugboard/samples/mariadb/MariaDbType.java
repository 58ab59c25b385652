package dev.plugboard.samples.mariadb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.ConnectionUrl;
import dev.plugboard.core.spi.InstanceAdvice;
import dev.plugboard.core.spi.InstanceBeans;
import dev.plugboard.core.spi.InstanceContext;
import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.InstanceType;
import dev.plugboard.core.spi.InvalidSettingException;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Named MariaDB instances: a HikariCP pool, a {@link JdbcClient} and a {@link JdbcTemplate}
 * per instance, proven by a {@code SELECT VERSION()} round trip.
 *
 * @author Plugboard
 */
public class MariaDbType implements InstanceType<MariaDbSettings> {

	private static final Set<String> SCHEMES = Set.of("mariadb", "mysql");

	// runs the driver's network-timeout callbacks; the check's own thread waits for the answer
	private static final Executor DIRECT = Runnable::run;

	@Override
	public String name() {
		return "mariadb";
	}

	@Override
	public Class<MariaDbSettings> settingsClass() {
		return MariaDbSettings.class;
	}

	@Override
	public String prepare(InstanceDefinition<MariaDbSettings> definition) {
		MariaDbSettings settings = definition.settings();
		if (settings.getUrl() != null) {
			// discrete settings win: apply only the parts of the URL that none of them sets
			ConnectionUrl url = ConnectionUrl.parse(definition, SCHEMES);
			definition.applyUnlessSet("host", url.host(), settings::setHost);
			definition.applyUnlessSet("port", url.port(), settings::setPort);
			definition.applyUnlessSet("database", url.path(), settings::setDatabase);
			definition.applyUnlessSet("username", url.username(), settings::setUsername);
			definition.applyUnlessSet("password", url.password(), settings::setPassword);
		}
		if (settings.getHost() == null) {
			settings.setHost("localhost");
		}
		if (settings.getPort() == null) {
			settings.setPort(3306);
		}
		if (settings.getPort() < 1 || settings.getPort() > 65535) {
			throw new InvalidSettingException(definition, "port", "must be between 1 and 65535 but is "
					+ settings.getPort(), "Set the port the MariaDB server listens on, 3306 by default.");
		}
		if (settings.getMaximumPoolSize() < 1) {
			throw new InvalidSettingException(definition, "maximum-pool-size",
					"must be at least 1 but is " + settings.getMaximumPoolSize(), "Set a positive pool size.");
		}
		String database = (settings.getDatabase() != null) ? settings.getDatabase() : "";
		return settings.getHost() + ":" + settings.getPort() + "/" + database;
	}

	@Override
	public void registerBeans(InstanceBeans<MariaDbSettings> beans) {
		beans.register("DataSource", HikariDataSource.class, (context) -> dataSource(context))
			.primaryAlias("dataSource");
		beans.register("JdbcClient", JdbcClient.class,
				(context) -> JdbcClient.create(context.bean("DataSource", DataSource.class)));
		beans.register("JdbcTemplate", JdbcTemplate.class,
				(context) -> new JdbcTemplate(context.bean("DataSource", DataSource.class)));
	}

	private static HikariDataSource dataSource(InstanceContext<MariaDbSettings> context) {
		MariaDbSettings settings = context.settings();
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setPoolName(context.name());
		dataSource.setJdbcUrl("jdbc:mariadb://" + context.definition().endpoint());
		dataSource.setUsername(settings.getUsername());
		dataSource.setPassword(settings.getPassword());
		dataSource.setMaximumPoolSize(settings.getMaximumPoolSize());
		dataSource.setConnectionTimeout(settings.getConnectionTimeout().toMillis());
		// Hikari builds the pool on first use and, while the server is down, fails that use at
		// once with the driver's own error (which advice() reads) instead of waiting for
		// connection-timeout
		return dataSource;
	}

	@Override
	public Map<String, Object> check(InstanceContext<MariaDbSettings> context) throws Exception {
		HikariDataSource dataSource = context.bean("DataSource", HikariDataSource.class);
		// at least 1 ms: a network timeout of 0 means none
		int timeout = (int) Math.max(1, context.definition().common().getHealth().getTimeout().toMillis());
		Map<String, Object> details = new LinkedHashMap<>();
		try (Connection connection = dataSource.getConnection()) {
			// a stalled server must not hold this thread beyond the health timeout
			connection.setNetworkTimeout(DIRECT, timeout);
			try (Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("SELECT VERSION()")) {
				result.next();
				details.put("version", "MariaDB " + result.getString(1));
			}
		}
		HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
		if (pool != null) {
			details.put("pool", Map.of("active", pool.getActiveConnections(), "idle", pool.getIdleConnections(),
					"max", dataSource.getMaximumPoolSize()));
		}
		return details;
	}

	@Override
	public @Nullable String advice(InstanceDefinition<MariaDbSettings> definition, Throwable error) {
		String messages = InstanceAdvice.messages(error);
		if (messages.contains("Access denied")) {
			return InstanceAdvice.credentials(definition, "The MariaDB server");
		}
		if (messages.contains("Unknown database")) {
			return "The database does not exist on " + definition.endpoint() + ": create it or fix '"
					+ definition.property("database") + "' (environment variable "
					+ definition.environmentVariable("database") + ").";
		}
		if (messages.contains("Connection refused") || messages.contains("Socket fail to connect")) {
			return InstanceAdvice.unreachable(definition, "the MariaDB server");
		}
		return null;
	}

	@Override
	public Set<String> replacedHealthContributors() {
		return Set.of("dbHealthContributor");
	}

}
