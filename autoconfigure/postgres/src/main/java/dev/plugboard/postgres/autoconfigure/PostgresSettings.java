package dev.plugboard.postgres.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariConfig;
import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.ConnectionUrl;
import dev.plugboard.core.spi.InstanceSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of one PostgreSQL instance, bound from {@code plugboard.postgres.<instance>.*}; the
 * {@code *} in the metadata prefix stands for the instance name.
 *
 * @author Plugboard
 */
@ConfigurationProperties("plugboard.postgres.*")
public class PostgresSettings extends InstanceSettings {

	/**
	 * Host of the server; several comma-separated hosts for failover. Wins over the host in the
	 * URL. Defaults to localhost.
	 */
	private @Nullable String host;

	/**
	 * Port of the server. Wins over the port in the URL. Defaults to 5432.
	 */
	private @Nullable Integer port;

	/**
	 * Name of the database. Wins over the database in the URL. Defaults to postgres.
	 */
	private @Nullable String database;

	/**
	 * Login user. Wins over the user in the URL. Defaults to postgres.
	 */
	private @Nullable String username;

	/**
	 * Login password. Wins over the password in the URL.
	 */
	private @Nullable String password;

	/**
	 * PostgreSQL JDBC driver properties such as sslmode or ApplicationName, in any case; the
	 * URL's query parameters are added to them.
	 */
	private Map<String, String> parameters = new LinkedHashMap<>();

	/**
	 * HikariCP settings, with the names Spring Boot accepts under spring.datasource.hikari.
	 */
	// Described in META-INF/additional-spring-configuration-metadata.json instead of being
	// generated: HikariConfig's jar has no Javadoc, and some of its setters take objects that
	// cannot be bound from text or are decided by the instance's own settings.
	private final HikariConfig hikari = new HikariConfig();

	private final Jpa jpa = new Jpa();

	private final Flyway flyway = new Flyway();

	private final DataJdbc dataJdbc = new DataJdbc();

	/**
	 * Read replicas of the instance's database: read-only transactions run on them, everything
	 * else on the instance's own server.
	 */
	private List<Replica> replicas = new ArrayList<>();

	private final ReplicaRouting replica = new ReplicaRouting();

	/**
	 * Other instances of this application that knowingly use the same database and schema as
	 * this one. Without it two such instances fail startup; with it each keeps its own Flyway
	 * history table (flyway_schema_history_{instance} unless flyway.table is set).
	 */
	private List<String> sharedWith = new ArrayList<>();

	public @Nullable String getHost() {
		return this.host;
	}

	public void setHost(@Nullable String host) {
		this.host = host;
	}

	public @Nullable Integer getPort() {
		return this.port;
	}

	public void setPort(@Nullable Integer port) {
		this.port = port;
	}

	public @Nullable String getDatabase() {
		return this.database;
	}

	public void setDatabase(@Nullable String database) {
		this.database = database;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public Map<String, String> getParameters() {
		return this.parameters;
	}

	public void setParameters(Map<String, String> parameters) {
		this.parameters = parameters;
	}

	public HikariConfig getHikari() {
		return this.hikari;
	}

	public Jpa getJpa() {
		return this.jpa;
	}

	public Flyway getFlyway() {
		return this.flyway;
	}

	public DataJdbc getDataJdbc() {
		return this.dataJdbc;
	}

	public List<Replica> getReplicas() {
		return this.replicas;
	}

	public void setReplicas(List<Replica> replicas) {
		this.replicas = replicas;
	}

	public ReplicaRouting getReplica() {
		return this.replica;
	}

	/**
	 * The schema that the instance's unqualified names resolve to, when its settings say: the
	 * first of {@code flyway.schemas} (where Flyway puts the tables), else the first schema of
	 * the {@code currentSchema} parameter. Not a setting itself.
	 * @return the schema, or {@code null} for the server's search path
	 */
	public @Nullable String defaultSchema() {
		if (!this.flyway.getSchemas().isEmpty()) {
			return this.flyway.getSchemas().get(0);
		}
		String currentSchema = this.parameters.get("currentSchema");
		if (currentSchema != null && !currentSchema.isBlank()) {
			return currentSchema.split(",")[0].trim();
		}
		return null;
	}

	public List<String> getSharedWith() {
		return this.sharedWith;
	}

	public void setSharedWith(List<String> sharedWith) {
		this.sharedWith = sharedWith;
	}

	@Override
	public String toString() {
		return "PostgresSettings[host=" + this.host + ", port=" + this.port + ", database=" + this.database
				+ ", username=" + this.username + ", password=" + ((this.password != null) ? "******" : null) + ", "
				+ super.toString() + "]";
	}

	/**
	 * JPA settings, used when plugboard-autoconfigure-postgres-jpa is present.
	 */
	public static class Jpa {

		/**
		 * Whether the instance gets an EntityManagerFactory and Spring Data JPA repositories.
		 * Defaults to true when packages are set, and for the primary instance (which then
		 * scans the application's packages).
		 */
		private @Nullable Boolean enabled;

		/**
		 * Packages scanned for the instance's entities and repositories.
		 */
		private List<String> packages = new ArrayList<>();

		/**
		 * Schema action of Hibernate, run after the instance's Flyway migrations: none, validate,
		 * update, create or create-drop.
		 */
		private String ddlAuto = "none";

		/**
		 * Whether to log SQL statements.
		 */
		private boolean showSql;

		/**
		 * Additional native properties for Hibernate, such as hibernate.jdbc.batch_size.
		 */
		private Map<String, String> properties = new LinkedHashMap<>();

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getPackages() {
			return this.packages;
		}

		public void setPackages(List<String> packages) {
			this.packages = packages;
		}

		public String getDdlAuto() {
			return this.ddlAuto;
		}

		public void setDdlAuto(String ddlAuto) {
			this.ddlAuto = ddlAuto;
		}

		public boolean isShowSql() {
			return this.showSql;
		}

		public void setShowSql(boolean showSql) {
			this.showSql = showSql;
		}

		public Map<String, String> getProperties() {
			return this.properties;
		}

		public void setProperties(Map<String, String> properties) {
			this.properties = properties;
		}

	}

	/**
	 * One read replica.
	 */
	public static class Replica {

		/**
		 * URL of the replica, postgres://user:password@host:port/database; the user, password
		 * and database default to the instance's, the port to 5432.
		 */
		private @Nullable String url;

		/**
		 * Login password on the replica. Wins over the password in the URL; defaults to the
		 * instance's.
		 */
		private @Nullable String password;

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		@Override
		public String toString() {
			return "Replica[url=" + ConnectionUrl.mask(this.url) + ", password="
					+ ((this.password != null) ? "******" : null) + "]";
		}

	}

	/**
	 * How read-only transactions are routed to the replicas.
	 */
	public static class ReplicaRouting {

		/**
		 * Replication lag beyond which a replica is skipped until it catches up.
		 */
		private Duration maxLag = Duration.ofSeconds(5);

		/**
		 * How a read-only transaction picks among the usable replicas: round-robin or random.
		 */
		private LoadBalance loadBalance = LoadBalance.ROUND_ROBIN;

		/**
		 * How often each replica's state and replication lag are checked.
		 */
		private Duration checkInterval = Duration.ofSeconds(1);

		public Duration getMaxLag() {
			return this.maxLag;
		}

		public void setMaxLag(Duration maxLag) {
			this.maxLag = maxLag;
		}

		public LoadBalance getLoadBalance() {
			return this.loadBalance;
		}

		public void setLoadBalance(LoadBalance loadBalance) {
			this.loadBalance = loadBalance;
		}

		public Duration getCheckInterval() {
			return this.checkInterval;
		}

		public void setCheckInterval(Duration checkInterval) {
			this.checkInterval = checkInterval;
		}

	}

	/**
	 * How read-only transactions spread over the usable replicas.
	 */
	public enum LoadBalance {

		/** Each in turn. */
		ROUND_ROBIN,

		/** One picked at random each time. */
		RANDOM

	}

	/**
	 * Spring Data JDBC settings, used when plugboard-autoconfigure-postgres-data-jdbc is
	 * present.
	 */
	public static class DataJdbc {

		/**
		 * Whether the instance gets Spring Data JDBC repositories and a JdbcAggregateTemplate.
		 * Defaults to true when packages are set, and for the primary instance (which then
		 * scans the application's packages).
		 */
		private @Nullable Boolean enabled;

		/**
		 * Packages scanned for the instance's Spring Data JDBC repositories and aggregates.
		 */
		private List<String> packages = new ArrayList<>();

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getPackages() {
			return this.packages;
		}

		public void setPackages(List<String> packages) {
			this.packages = packages;
		}

	}

	/**
	 * Flyway settings, used when flyway-core is on the classpath.
	 */
	public static class Flyway {

		/**
		 * Whether to migrate the instance with Flyway each time it starts answering.
		 */
		private boolean enabled = true;

		/**
		 * Locations of migration scripts. Defaults to classpath:db/migration/{instance}.
		 */
		private List<String> locations = new ArrayList<>();

		/**
		 * Whether to baseline a non-empty schema that has no schema history table yet.
		 */
		private boolean baselineOnMigrate;

		/**
		 * Schemas managed by Flyway; the first one holds the schema history table.
		 */
		private List<String> schemas = new ArrayList<>();

		/**
		 * Whether to fail when a location does not exist.
		 */
		private boolean failOnMissingLocations;

		/**
		 * Name of the schema history table. Defaults to flyway_schema_history, or to
		 * flyway_schema_history_{instance} for an instance that shares its schema with another.
		 */
		private @Nullable String table;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getLocations() {
			return this.locations;
		}

		public void setLocations(List<String> locations) {
			this.locations = locations;
		}

		public boolean isBaselineOnMigrate() {
			return this.baselineOnMigrate;
		}

		public void setBaselineOnMigrate(boolean baselineOnMigrate) {
			this.baselineOnMigrate = baselineOnMigrate;
		}

		public List<String> getSchemas() {
			return this.schemas;
		}

		public void setSchemas(List<String> schemas) {
			this.schemas = schemas;
		}

		public boolean isFailOnMissingLocations() {
			return this.failOnMissingLocations;
		}

		public void setFailOnMissingLocations(boolean failOnMissingLocations) {
			this.failOnMissingLocations = failOnMissingLocations;
		}

		public @Nullable String getTable() {
			return this.table;
		}

		public void setTable(@Nullable String table) {
			this.table = table;
		}

	}

}
