package dev.plugboard.postgres.autoconfigure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
import dev.plugboard.core.spi.PlugboardException;
import dev.plugboard.postgres.PostgresInstance;

import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;

/**
 * PostgreSQL over JDBC: a HikariCP pool per instance with the JDBC helpers and a transaction
 * manager around it, migrated by Flyway when it is present.
 *
 * @author Plugboard
 */
public class PostgresType implements InstanceType<PostgresSettings> {

	static final String TYPE = "postgres";

	static final String DRIVER = "org.postgresql.Driver";

	private static final Set<String> SCHEMES = Set.of("postgres", "postgresql");

	private static final boolean FLYWAY_PRESENT = ClassUtils.isPresent("org.flywaydb.core.Flyway",
			PostgresType.class.getClassLoader());

	private final List<PostgresContributor> contributors;

	public PostgresType() {
		this(SpringFactoriesLoader.loadFactories(PostgresContributor.class, PostgresType.class.getClassLoader()));
	}

	PostgresType(List<PostgresContributor> contributors) {
		this.contributors = contributors;
	}

	@Override
	public String name() {
		return TYPE;
	}

	@Override
	public Class<PostgresSettings> settingsClass() {
		return PostgresSettings.class;
	}

	@Override
	public String prepare(InstanceDefinition<PostgresSettings> definition) {
		if (!ClassUtils.isPresent(DRIVER, null)) {
			throw new PlugboardException("The postgres instance '" + definition.name()
					+ "' needs the PostgreSQL JDBC driver (" + DRIVER + "), which is not on the classpath.",
					"Add the dependency org.postgresql:postgresql (plugboard-starter-postgres brings it), or disable the "
							+ "instance with '" + definition.property("enabled") + "=false'.");
		}
		PostgresSettings settings = definition.settings();
		String url = settings.getUrl();
		if (url != null) {
			ConnectionUrl parsed = ConnectionUrl.parse(definition, SCHEMES);
			if (!definition.isSet("host") && !parsed.hosts().isEmpty()) {
				settings.setHost(parsed.hosts()
					.stream()
					.map((host) -> (host.port() != null) ? bracket(host.host()) + ":" + host.port() : bracket(host.host()))
					.collect(Collectors.joining(",")));
			}
			if (!definition.isSet("database") && parsed.path() != null) {
				settings.setDatabase(parsed.path());
			}
			if (!definition.isSet("username") && parsed.username() != null) {
				settings.setUsername(parsed.username());
			}
			if (!definition.isSet("password") && parsed.password() != null) {
				settings.setPassword(parsed.password());
			}
			parsed.query().forEach((key, value) -> {
				if (key.equals("user") && settings.getUsername() == null) {
					settings.setUsername(value);
				}
				else if (key.equals("password") && settings.getPassword() == null) {
					settings.setPassword(value);
				}
				else if (!key.equals("user") && !key.equals("password")) {
					settings.getParameters().putIfAbsent(key, value);
				}
			});
		}
		if (settings.getHost() == null) {
			settings.setHost("localhost");
		}
		if (settings.getPort() != null && (settings.getPort() < 1 || settings.getPort() > 65535)) {
			throw new InvalidSettingException(definition, "port", "the port " + settings.getPort() + " is outside 1-65535",
					"Set the port of the PostgreSQL server, usually 5432.");
		}
		if (settings.getDatabase() == null) {
			settings.setDatabase("postgres");
		}
		if (settings.getUsername() == null) {
			settings.setUsername("postgres");
		}
		if (settings.getDatabase().isBlank()) {
			throw new InvalidSettingException(definition, "database", "the database name is empty",
					"Name the database, for example " + definition.property("database") + "=app.");
		}
		String ddlAuto = settings.getJpa().getDdlAuto();
		if (!List.of("none", "validate", "update", "create", "create-drop").contains(ddlAuto)) {
			throw new InvalidSettingException(definition, "jpa.ddl-auto", "'" + ddlAuto + "' is not a schema action",
					"Use one of none, validate, update, create or create-drop.");
		}
		return hostsAndPorts(settings) + "/" + settings.getDatabase();
	}

	private static String bracket(String host) {
		return host.contains(":") ? "[" + host + "]" : host;
	}

	static String hostsAndPorts(PostgresSettings settings) {
		List<String> hosts = new ArrayList<>();
		for (String host : settings.getHost().split(",")) {
			String trimmed = host.trim();
			boolean hasPort = trimmed.startsWith("[") ? trimmed.contains("]:") : trimmed.contains(":");
			if (hasPort && settings.getPort() == null) {
				hosts.add(trimmed);
			}
			else {
				String bare = hasPort ? trimmed.substring(0, trimmed.lastIndexOf(':')) : trimmed;
				hosts.add(bare + ":" + ((settings.getPort() != null) ? settings.getPort() : 5432));
			}
		}
		return String.join(",", hosts);
	}

	static String jdbcUrl(PostgresSettings settings) {
		return "jdbc:postgresql://" + hostsAndPorts(settings) + "/" + settings.getDatabase();
	}

	@Override
	public void registerBeans(InstanceBeans<PostgresSettings> beans) {
		beans.register("DataSource", HikariDataSource.class, PostgresDataSources::create).primaryAlias("dataSource");
		beans.register("JdbcTemplate", JdbcTemplate.class,
				(context) -> new JdbcTemplate(context.bean("DataSource", DataSource.class)))
			.primaryAlias("jdbcTemplate");
		beans.register("NamedParameterJdbcTemplate", NamedParameterJdbcTemplate.class,
				(context) -> new NamedParameterJdbcTemplate(context.bean("JdbcTemplate", JdbcTemplate.class)))
			.primaryAlias("namedParameterJdbcTemplate");
		beans.register("JdbcClient", JdbcClient.class,
				(context) -> JdbcClient.create(context.bean("NamedParameterJdbcTemplate", NamedParameterJdbcTemplate.class)))
			.primaryAlias("jdbcClient");
		boolean transactionManagerRegistered = false;
		for (PostgresContributor contributor : this.contributors) {
			transactionManagerRegistered |= contributor.registerBeans(beans);
		}
		if (!transactionManagerRegistered) {
			beans.register("TransactionManager", JdbcTransactionManager.class,
					(context) -> new JdbcTransactionManager(context.bean("DataSource", DataSource.class)))
				.primaryAlias("transactionManager");
		}
		beans.register("TransactionTemplate", TransactionTemplate.class,
				(context) -> new TransactionTemplate(context.bean("TransactionManager", PlatformTransactionManager.class)))
			.primaryAlias("transactionTemplate");
		if (FLYWAY_PRESENT && beans.settings().getFlyway().isEnabled()) {
			PostgresFlyway.register(beans);
		}
		beans.register("PostgresInstance", PostgresInstance.class,
				(context) -> new PostgresInstance(context.instance(), context.bean("DataSource", HikariDataSource.class),
						context.bean("JdbcClient", JdbcClient.class), context.bean("JdbcTemplate", JdbcTemplate.class),
						context.bean("NamedParameterJdbcTemplate", NamedParameterJdbcTemplate.class),
						context.bean("TransactionManager", PlatformTransactionManager.class),
						context.bean("TransactionTemplate", TransactionTemplate.class)));
	}

	@Override
	public Map<String, Object> check(InstanceContext<PostgresSettings> context) throws SQLException {
		HikariDataSource dataSource = context.bean("DataSource", HikariDataSource.class);
		int timeoutMillis = (int) Math.max(1, context.definition().common().getHealth().getTimeout().toMillis());
		Map<String, Object> details = new LinkedHashMap<>();
		try (Connection connection = dataSource.getConnection()) {
			connection.setNetworkTimeout(Runnable::run, timeoutMillis);
			try (Statement statement = connection.createStatement();
					ResultSet result = statement
						.executeQuery("SELECT current_setting('server_version'), current_database()")) {
				result.next();
				details.put("version", "PostgreSQL " + result.getString(1));
				details.put("database", result.getString(2));
			}
		}
		HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
		if (pool != null) {
			Map<String, Object> figures = new LinkedHashMap<>();
			figures.put("active", pool.getActiveConnections());
			figures.put("idle", pool.getIdleConnections());
			figures.put("pending", pool.getThreadsAwaitingConnection());
			figures.put("max", dataSource.getMaximumPoolSize());
			details.put("pool", figures);
		}
		return details;
	}

	@Override
	public void onAvailable(InstanceContext<PostgresSettings> context) throws Exception {
		if (FLYWAY_PRESENT && context.settings().getFlyway().isEnabled()) {
			PostgresFlyway.migrate(context);
		}
		for (PostgresContributor contributor : this.contributors) {
			contributor.onAvailable(context);
		}
	}

	@Override
	public @Nullable String advice(InstanceDefinition<PostgresSettings> definition, Throwable error) {
		SQLException sql = find(error);
		String state = (sql != null) ? sql.getSQLState() : null;
		if (state == null) {
			return null;
		}
		return switch (state) {
			case "28P01", "28000" -> InstanceAdvice.credentials(definition, "The server");
			case "3D000" -> "The database '" + definition.settings().getDatabase()
					+ "' does not exist: create it or fix '" + definition.property("database")
					+ "' (environment variable " + definition.environmentVariable("database") + ").";
			case "08001", "08006", "08004" -> InstanceAdvice.unreachable(definition, "the server");
			default -> null;
		};
	}

	private static @Nullable SQLException find(Throwable error) {
		for (Throwable candidate = error; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof SQLException sql && sql.getSQLState() != null) {
				return sql;
			}
		}
		return null;
	}

	@Override
	public Set<String> replacedHealthContributors() {
		return Set.of("dbHealthContributor");
	}

}
