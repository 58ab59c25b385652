package dev.plugboard.postgres.autoconfigure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGProperty;

import dev.plugboard.core.spi.ConnectionUrl;
import dev.plugboard.core.spi.InstanceAdvice;
import dev.plugboard.core.spi.InstanceBeans;
import dev.plugboard.core.spi.InstanceContext;
import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.InstanceType;
import dev.plugboard.core.spi.InvalidSettingException;
import dev.plugboard.core.spi.PlugboardException;
import dev.plugboard.postgres.PostgresInstance;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
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

	static final Set<String> SCHEMES = Set.of("postgres", "postgresql");

	/** {@code jdbc:postgresql:database} and {@code jdbc:postgresql:/}, without {@code //host}. */
	private static final Pattern JDBC_SHORT_FORM = Pattern.compile("(?i)\\s*jdbc:postgresql:(?!//)(.*)");

	private static final boolean JDBC_CONNECTION_DETAILS_PRESENT = ClassUtils.isPresent(
			"org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails", PostgresType.class.getClassLoader());

	/** Where {@code @DynamicPropertySource} and {@code @PlugConnection} put test servers' URLs. */
	private static final Set<String> TEST_PROPERTY_SOURCES = Set.of(
			"org.springframework.test.context.support.DynamicValuesPropertySource", "plugboardConnections");

	private static final Map<String, @Nullable String> REPLACED_BOOT_PROPERTIES = replacedBootProperties(
			"spring.datasource", "", "spring.datasource.hikari", "hikari", "spring.datasource.driver-class-name", null,
			"spring.jpa", null, "spring.jpa.properties", "jpa.properties", "spring.jpa.show-sql", "jpa.show-sql",
			"spring.jpa.hibernate.ddl-auto", "jpa.ddl-auto", "spring.flyway", null, "spring.flyway.enabled",
			"flyway.enabled", "spring.flyway.locations", "flyway.locations", "spring.flyway.schemas", "flyway.schemas",
			"spring.flyway.baseline-on-migrate", "flyway.baseline-on-migrate", "spring.flyway.fail-on-missing-locations",
			"flyway.fail-on-missing-locations", "spring.data.jpa", null);

	private static final boolean FLYWAY_PRESENT = ClassUtils.isPresent("org.flywaydb.core.Flyway",
			PostgresType.class.getClassLoader());

	private final List<PostgresContributor> contributors;

	private final Set<String> replacedAutoConfigurations;

	public PostgresType() {
		this(SpringFactoriesLoader.loadFactories(PostgresContributor.class, PostgresType.class.getClassLoader()));
	}

	PostgresType(List<PostgresContributor> contributors) {
		this.contributors = contributors;
		Set<String> replaced = new LinkedHashSet<>();
		replaced.add("org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");
		// it would put an embedded H2 database in the place of the primary instance's pool
		replaced.add("org.springframework.boot.jdbc.test.autoconfigure.TestDatabaseAutoConfiguration");
		for (PostgresContributor contributor : contributors) {
			replaced.addAll(contributor.replacedAutoConfigurations());
		}
		this.replacedAutoConfigurations = Collections.unmodifiableSet(replaced);
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
	public String discoveryScheme() {
		return "postgres";
	}

	@Override
	public String prepare(InstanceDefinition<PostgresSettings> definition) {
		if (!ClassUtils.isPresent(DRIVER, null)) {
			throw new PlugboardException("The postgres instance '" + definition.name() + "' ('"
					+ definition.property("*") + "') needs the PostgreSQL JDBC driver (" + DRIVER
					+ "), which is not on the classpath.",
					"Add the dependency org.postgresql:postgresql (plugboard-starter-postgres brings it), or switch the "
							+ "instance off with '" + definition.property("enabled") + "=false' (environment variable "
							+ definition.environmentVariable("enabled") + "=false).");
		}
		rejectConnectionSettingsUnderHikari(definition);
		PostgresSettings settings = definition.settings();
		settings.setParameters(driverProperties(settings.getParameters()));
		if (settings.getUrl() != null) {
			applyUrl(definition, parseUrl(definition));
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
		pointReplicasAtTestServer(definition);
		prepareReplicas(definition);
		String ddlAuto = settings.getJpa().getDdlAuto();
		if (!List.of("none", "validate", "update", "create", "create-drop").contains(ddlAuto)) {
			throw new InvalidSettingException(definition, "jpa.ddl-auto", "'" + ddlAuto + "' is not a schema action",
					"Use one of none, validate, update, create or create-drop.");
		}
		return hostsAndPorts(settings) + "/" + settings.getDatabase();
	}

	/**
	 * An instance served by dev services or a test server (in place of its configured
	 * connection) has one database: its replicas are pointed at it, so that read-only
	 * transactions run there too.
	 */
	private static void pointReplicasAtTestServer(InstanceDefinition<PostgresSettings> definition) {
		PostgresSettings settings = definition.settings();
		if (settings.getReplicas().isEmpty() || !definition.servedElsewhere()) {
			return;
		}
		String own = "postgres://" + hostsAndPorts(settings).split(",")[0] + "/" + settings.getDatabase();
		for (PostgresSettings.Replica replica : settings.getReplicas()) {
			replica.setUrl(own);
			replica.setPassword(null);
		}
	}

	private static void prepareReplicas(InstanceDefinition<PostgresSettings> definition) {
		PostgresSettings settings = definition.settings();
		for (int i = 0; i < settings.getReplicas().size(); i++) {
			String setting = "replicas[" + i + "].url";
			String url = settings.getReplicas().get(i).getUrl();
			if (url == null || url.isBlank()) {
				throw new InvalidSettingException(definition, setting, "replica " + (i + 1) + " has no URL",
						"Give each replica a URL such as postgres://db-replica-1:5432/" + settings.getDatabase() + ".");
			}
			try {
				ConnectionUrl.parse(url, SCHEMES);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidSettingException(definition, setting, ex.getMessage(),
						"Use a URL of the form postgres://host:port/database (the user and password default to the "
								+ "instance's).");
			}
		}
		PostgresSettings.ReplicaRouting routing = settings.getReplica();
		if (routing.getMaxLag().isNegative()) {
			throw new InvalidSettingException(definition, "replica.max-lag", "must not be negative",
					"Set the replication lag beyond which a replica is skipped, such as 5s.");
		}
		if (routing.getCheckInterval().isNegative() || routing.getCheckInterval().isZero()) {
			throw new InvalidSettingException(definition, "replica.check-interval", "must be positive",
					"Set how often replicas are checked, such as 1s.");
		}
	}

	@Override
	public Set<String> secrets(InstanceDefinition<PostgresSettings> definition) {
		Set<String> secrets = new LinkedHashSet<>();
		for (PostgresSettings.Replica replica : definition.settings().getReplicas()) {
			if (replica.getPassword() != null && !replica.getPassword().isEmpty()) {
				secrets.add(replica.getPassword());
			}
			if (replica.getUrl() != null) {
				secrets.addAll(ConnectionUrl.passwordsOf(replica.getUrl()));
			}
		}
		return secrets;
	}

	@Override
	public void checkTogether(List<InstanceDefinition<PostgresSettings>> definitions) {
		PostgresSharing.check(definitions);
	}

	/**
	 * The pool connects with the instance's own connection settings; Hikari's settings for the
	 * same things would be overwritten without a word, so they are refused instead.
	 */
	private static void rejectConnectionSettingsUnderHikari(InstanceDefinition<PostgresSettings> definition) {
		String url = setting(definition, "url");
		Map<String, String> replacements = new LinkedHashMap<>();
		replacements.put("hikari.jdbc-url", url + " or host, port and database");
		replacements.put("hikari.data-source-class-name", url);
		replacements.put("hikari.data-source-j-n-d-i", url);
		replacements.put("hikari.driver-class-name", "nothing: the instance always uses " + DRIVER);
		replacements.put("hikari.username", setting(definition, "username"));
		replacements.put("hikari.password", setting(definition, "password"));
		replacements.put("hikari.credentials", setting(definition, "username") + " and "
				+ setting(definition, "password"));
		replacements.forEach((hikari, replacement) -> {
			if (definition.isSet(hikari)) {
				throw new InvalidSettingException(definition, hikari,
						"the pool of a Plugboard instance connects with the instance's own settings",
						"Remove it and set " + replacement + " instead.");
			}
		});
	}

	/**
	 * Driver properties under the driver's own names. The driver matches names exactly, but
	 * environment variables arrive in lower case ({@code applicationname}) and properties files
	 * may use kebab case ({@code socket-timeout}); unknown names are kept as written.
	 * @param properties the properties as bound
	 * @return the properties with the driver's names, in the same order
	 */
	static Map<String, String> driverProperties(Map<?, ?> properties) {
		Map<String, String> result = new LinkedHashMap<>();
		properties.forEach((key, value) -> result.put(driverProperty(String.valueOf(key)), String.valueOf(value)));
		return result;
	}

	private static String driverProperty(String name) {
		return DriverProperties.NAMES.getOrDefault(relaxed(name), name);
	}

	private static String relaxed(String name) {
		return name.replace("-", "").replace("_", "").replace(".", "").toLowerCase(Locale.ROOT);
	}

	private static String setting(InstanceDefinition<PostgresSettings> definition, String setting) {
		return "'" + definition.property(setting) + "' (environment variable " + definition.environmentVariable(setting)
				+ ")";
	}

	private static ConnectionUrl parseUrl(InstanceDefinition<PostgresSettings> definition) {
		String url = definition.settings().getUrl();
		Matcher shortForm = JDBC_SHORT_FORM.matcher(url);
		if (!shortForm.matches()) {
			return ConnectionUrl.parse(definition, SCHEMES);
		}
		// jdbc:postgresql:database and jdbc:postgresql:/ are the driver's forms for localhost
		String path = shortForm.group(1);
		try {
			return ConnectionUrl.parse("postgresql://localhost" + (path.startsWith("/") ? "" : "/") + path, SCHEMES);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSettingException(definition, "url",
					"'" + ConnectionUrl.mask(url) + "' is not a PostgreSQL URL",
					"Use postgres://user:password@host:port/database, or jdbc:postgresql://host:port/database.");
		}
	}

	/**
	 * Fill in the parts of the URL that no discrete setting overrides: a discrete host keeps the
	 * URL's port, a discrete port keeps the URL's hosts, and so on.
	 */
	private static void applyUrl(InstanceDefinition<PostgresSettings> definition, ConnectionUrl url) {
		PostgresSettings settings = definition.settings();
		List<ConnectionUrl.HostAndPort> hosts = url.hosts();
		String urlHosts = hosts.stream()
			.map((host) -> bracket(host.host()) + ((host.port() != null) ? ":" + host.port() : ""))
			.collect(Collectors.joining(","));
		definition.applyUnlessSet("host", hosts.isEmpty() ? null : urlHosts, settings::setHost);
		@Nullable Integer sharedPort = sharedPort(hosts);
		if (definition.isSet("host") && !definition.isSet("port") && settings.getHost() != null && sharedPort != null) {
			settings.setHost(hostsAndPorts(settings.getHost(), null, sharedPort));
		}
		definition.applyUnlessSet("database", url.path(), settings::setDatabase);
		definition.applyUnlessSet("username", url.username(), settings::setUsername);
		definition.applyUnlessSet("password", url.password(), settings::setPassword);
		url.query().forEach((key, value) -> {
			switch (key) {
				case "user" -> definition.applyUnlessSet("username", (url.username() == null) ? value : null,
						settings::setUsername);
				case "password" -> definition.applyUnlessSet("password", (url.password() == null) ? value : null,
						settings::setPassword);
				default -> settings.getParameters().putIfAbsent(driverProperty(key), value);
			}
		});
	}

	/**
	 * The port of the URL's hosts when they all have the same one; with different ports per host
	 * there is no single port to give to the hosts of the {@code host} setting.
	 */
	private static @Nullable Integer sharedPort(List<ConnectionUrl.HostAndPort> hosts) {
		Set<@Nullable Integer> ports = hosts.stream().map(ConnectionUrl.HostAndPort::port).collect(Collectors.toSet());
		return (ports.size() == 1) ? ports.iterator().next() : null;
	}

	private static boolean hasPort(String host) {
		return host.startsWith("[") ? host.contains("]:") : host.contains(":");
	}

	private static String bracket(String host) {
		return host.contains(":") ? "[" + host + "]" : host;
	}

	static String hostsAndPorts(PostgresSettings settings) {
		return hostsAndPorts(settings.getHost(), settings.getPort(), 5432);
	}

	/**
	 * Every host of a comma-separated list with a port: {@code port} replaces the hosts' own
	 * ports when it is given; otherwise a host keeps its own port, or gets {@code fallbackPort}.
	 */
	private static String hostsAndPorts(String hosts, @Nullable Integer port, int fallbackPort) {
		List<String> result = new ArrayList<>();
		for (String host : hosts.split(",")) {
			String trimmed = host.trim();
			boolean hasPort = hasPort(trimmed);
			if (port == null) {
				result.add(hasPort ? trimmed : trimmed + ":" + fallbackPort);
			}
			else {
				result.add((hasPort ? trimmed.substring(0, trimmed.lastIndexOf(':')) : trimmed) + ":" + port);
			}
		}
		return String.join(",", result);
	}

	static String jdbcUrl(PostgresSettings settings) {
		return "jdbc:postgresql://" + hostsAndPorts(settings) + "/" + settings.getDatabase();
	}

	@Override
	public void registerBeans(InstanceBeans<PostgresSettings> beans) {
		int replicas = beans.settings().getReplicas().size();
		if (replicas == 0) {
			beans.register("DataSource", HikariDataSource.class, PostgresDataSources::create).primaryAlias("dataSource");
		}
		else {
			registerReplicas(beans, replicas);
		}
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
				(context) -> new PostgresInstance(context.instance(), pool(context),
						context.bean("JdbcClient", JdbcClient.class), context.bean("JdbcTemplate", JdbcTemplate.class),
						context.bean("NamedParameterJdbcTemplate", NamedParameterJdbcTemplate.class),
						context.bean("TransactionManager", PlatformTransactionManager.class),
						context.bean("TransactionTemplate", TransactionTemplate.class)));
	}

	/**
	 * An instance with replicas: its own pool ({@code <instance>Pool}), a pool per replica
	 * ({@code <instance>Replica<n>Pool}), their monitor ({@code <instance>Replicas}), and as
	 * {@code <instance>DataSource} a {@link LazyConnectionDataSourceProxy} that takes the
	 * connection of a read-only transaction from the replicas and every other one from the
	 * instance's pool.
	 */
	private static void registerReplicas(InstanceBeans<PostgresSettings> beans, int replicas) {
		beans.register("Pool", HikariDataSource.class, PostgresDataSources::create).customize(PostgresType::behindTheRouting);
		for (int i = 0; i < replicas; i++) {
			int index = i;
			beans.register("Replica" + (i + 1) + "Pool", HikariDataSource.class,
					(context) -> PostgresReplicas.pool(context, context.bean("Pool", HikariDataSource.class), index))
				.customize(PostgresType::behindTheRouting);
		}
		beans.register("Replicas", PostgresReplicas.class, (context) -> {
			List<HikariDataSource> pools = new ArrayList<>();
			for (int i = 0; i < replicas; i++) {
				pools.add(context.bean("Replica" + (i + 1) + "Pool", HikariDataSource.class));
			}
			return PostgresReplicas.create(context, context.bean("Pool", HikariDataSource.class), pools);
		});
		beans.register("DataSource", LazyConnectionDataSourceProxy.class, (context) -> {
			LazyConnectionDataSourceProxy routing = new LazyConnectionDataSourceProxy();
			routing.setTargetDataSource(context.bean("Pool", HikariDataSource.class));
			routing.setReadOnlyDataSource(context.bean("Replicas", PostgresReplicas.class).readOnlyDataSource());
			// known, so that the proxy never fetches a connection to learn them
			routing.setDefaultAutoCommit(true);
			routing.setDefaultTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
			return routing;
		}).primaryAlias("dataSource");
	}

	/**
	 * A pool behind the routing DataSource: never injected for a plain {@code DataSource}, nor
	 * for {@code @Plug("<instance>") DataSource}, which is the routing one, but still seen by
	 * Spring Boot's pool metrics (which stream every candidate of the type).
	 */
	private static void behindTheRouting(RootBeanDefinition definition) {
		definition.setPrimary(false);
		definition.setDefaultCandidate(false);
		definition.setFallback(true);
	}

	/** The instance's own HikariCP pool, whether or not it has replicas. */
	static HikariDataSource pool(InstanceContext<PostgresSettings> context) {
		return context.settings().getReplicas().isEmpty() ? context.bean("DataSource", HikariDataSource.class)
				: context.bean("Pool", HikariDataSource.class);
	}

	@Override
	public Map<String, Object> check(InstanceContext<PostgresSettings> context) throws SQLException {
		HikariDataSource dataSource = pool(context);
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
		if (!context.settings().getReplicas().isEmpty()) {
			PostgresReplicas replicas = context.bean("Replicas", PostgresReplicas.class);
			details.put("replicas", replicas.describe());
			if (!replicas.allUsable()) {
				details.put(DEGRADED_DETAIL, "a replica is down or lags behind; its reads go to the others or to "
						+ "the instance itself");
			}
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
		String advice = sqlStateAdvice(definition, error);
		if (advice != null) {
			return advice;
		}
		if (FLYWAY_PRESENT) {
			advice = PostgresFlyway.advice(definition, error);
			if (advice != null) {
				return advice;
			}
		}
		for (PostgresContributor contributor : this.contributors) {
			advice = contributor.advice(definition, error);
			if (advice != null) {
				return advice;
			}
		}
		return null;
	}

	/** A refused login (28xxx) or a missing database (3D000): the server answered, and will again. */
	@Override
	public boolean isPermanent(InstanceDefinition<PostgresSettings> definition, Throwable error) {
		String state = sqlState(error);
		return state != null && (state.startsWith("28") || state.equals("3D000"));
	}

	private static @Nullable String sqlStateAdvice(InstanceDefinition<PostgresSettings> definition, Throwable error) {
		String state = sqlState(error);
		if (state == null) {
			return null;
		}
		return switch (state) {
			case "28P01", "28000" -> InstanceAdvice.credentials(definition, "The server");
			case "3D000" -> "The database '" + definition.settings().getDatabase()
					+ "' does not exist: create it or fix " + setting(definition, "database") + ".";
			case "08001", "08006", "08004" -> InstanceAdvice.unreachable(definition, "the server");
			default -> null;
		};
	}

	/** The SQLState of the first SQLException in the causes that has one. */
	private static @Nullable String sqlState(Throwable error) {
		for (Throwable candidate = error; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState();
			}
		}
		return null;
	}

	@Override
	public @Nullable String testServerReason(InstanceDefinition<PostgresSettings> definition, Environment environment,
			BeanDefinitionRegistry registry) {
		if (!registry.containsBeanDefinition(PostgresTestDatabaseAutoConfiguration.class.getName())) {
			return null;
		}
		String replace = environment.getProperty("spring.test.database.replace", "NON_TEST").toUpperCase(Locale.ROOT);
		if (replace.equals("NONE") || (replace.equals("NON_TEST") && pointsAtTestServer(definition, environment))) {
			return null;
		}
		return "@AutoConfigureTestDatabase (replace = " + replace + ") replaces its configured database with a "
				+ "test database";
	}

	/** Whether the instance's URL comes from a test's own server ({@code @DynamicPropertySource}…). */
	private static boolean pointsAtTestServer(InstanceDefinition<PostgresSettings> definition, Environment environment) {
		if (!(environment instanceof ConfigurableEnvironment configurable)) {
			return false;
		}
		for (PropertySource<?> source : configurable.getPropertySources()) {
			if ((TEST_PROPERTY_SOURCES.contains(source.getClass().getName())
					|| TEST_PROPERTY_SOURCES.contains(source.getName()))
					&& source.containsProperty(definition.property("url"))) {
				return true;
			}
		}
		return false;
	}

	@Override
	public @Nullable Class<?> connectionDetailsType() {
		return JDBC_CONNECTION_DETAILS_PRESENT ? ClassUtils.resolveClassName(
				"org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails", PostgresType.class.getClassLoader())
				: null;
	}

	@Override
	public void applyConnectionDetails(Object details, InstanceDefinition<PostgresSettings> definition) {
		PostgresConnectionDetails.apply(details, definition);
	}

	@Override
	public Map<String, @Nullable String> replacedBootProperties() {
		return REPLACED_BOOT_PROPERTIES;
	}

	private static Map<String, @Nullable String> replacedBootProperties(@Nullable String... prefixesAndSettings) {
		Map<String, @Nullable String> result = new LinkedHashMap<>();
		for (int i = 0; i < prefixesAndSettings.length; i += 2) {
			result.put(prefixesAndSettings[i], prefixesAndSettings[i + 1]);
		}
		return Collections.unmodifiableMap(result);
	}

	/**
	 * Spring Boot's Spring Data JDBC and jOOQ auto-configurations need the single
	 * {@code NamedParameterJdbcOperations} and {@code DataSource}: with a primary instance they
	 * run on it, without one they stay out instead of failing on several candidates.
	 */
	@Override
	public Set<String> autoConfigurationsNeedingPrimary() {
		return Set.of("org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration",
				"org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration");
	}

	@Override
	public Set<String> replacedHealthContributors() {
		return Set.of("dbHealthContributor");
	}

	/**
	 * Spring Boot's Flyway auto-configuration would migrate the primary instance from
	 * {@code classpath:db/migration} whenever no instance has a Flyway bean (every instance with
	 * {@code flyway.enabled=false}); the instances migrate themselves. Contributors add the
	 * auto-configurations their beans replace (JPA).
	 */
	@Override
	public Set<String> replacedAutoConfigurations() {
		return this.replacedAutoConfigurations;
	}

	/**
	 * The driver's property names by their relaxed form; a holder so that this type loads
	 * without the driver and can say that it is missing.
	 */
	private static final class DriverProperties {

		static final Map<String, String> NAMES = Arrays.stream(PGProperty.values())
			.collect(Collectors.toMap((property) -> relaxed(property.getName()), PGProperty::getName, (a, b) -> a));

	}

}
