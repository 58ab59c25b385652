package dev.plugboard.postgres.autoconfigure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.ConnectionUrl;
import dev.plugboard.core.spi.InstanceContext;

import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * The read replicas of one instance: a HikariCP pool per replica (bean
 * {@code <instance>Replica<n>Pool}, pool name {@code <instance>-replica-<n>}, so that Hikari's
 * meters carry that name), a monitor that checks each replica's state and
 * replication lag every {@code replica.check-interval}, and the DataSource that read-only
 * transactions take their connection from: the next usable replica, or the instance's own pool
 * when none is. A replica that is down, or further behind than {@code replica.max-lag}, is
 * skipped until it is back.
 *
 * @author Plugboard
 */
public final class PostgresReplicas implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(PostgresReplicas.class);

	/**
	 * Whether the replica has received WAL it has not replayed yet, and how old the last
	 * transaction it replayed is (null before the first one).
	 */
	private static final String LAG_QUERY = "SELECT pg_is_in_recovery() AND pg_last_wal_receive_lsn() <> "
			+ "pg_last_wal_replay_lsn(), EXTRACT(EPOCH FROM (now() - pg_last_xact_replay_timestamp())) * 1000";

	private static final String JDBC_PREFIX = "jdbc:postgresql://";

	private final String instance;

	private final List<Replica> replicas;

	private final HikariDataSource primary;

	private final PostgresSettings.ReplicaRouting routing;

	private final int timeoutMillis;

	private final AtomicInteger next = new AtomicInteger();

	private final ScheduledExecutorService monitor;

	private final DataSource readOnly = new ReadOnlyDataSource();

	private PostgresReplicas(String instance, List<Replica> replicas, HikariDataSource primary,
			PostgresSettings.ReplicaRouting routing, int timeoutMillis) {
		this.instance = instance;
		this.replicas = replicas;
		this.primary = primary;
		this.routing = routing;
		this.timeoutMillis = timeoutMillis;
		this.monitor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, instance + "-replica-monitor");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * The pool of one replica: the instance's pool settings, the replica's address and
	 * credentials (the instance's unless the replica names its own), and a connection timeout of
	 * {@code health.timeout} unless {@code hikari.connection-timeout} is set, so that a read does
	 * not wait long on a replica that went down before the monitor noticed.
	 * @param context the instance
	 * @param primary the instance's own pool, configured
	 * @param index the replica's index in {@code replicas}
	 * @return the pool, not started
	 */
	static HikariDataSource pool(InstanceContext<PostgresSettings> context, HikariDataSource primary, int index) {
		PostgresSettings settings = context.settings();
		PostgresSettings.Replica replica = settings.getReplicas().get(index);
		ConnectionUrl url = ConnectionUrl.parse(replica.getUrl(), PostgresType.SCHEMES);
		HikariDataSource pool = new HikariDataSource();
		primary.copyStateTo(pool);
		// a replica has its own URL, also when the instance itself is found through discovery
		pool.setDataSource(null);
		pool.setPoolName(name(context.name(), index));
		pool.setJdbcUrl(JDBC_PREFIX + endpoint(settings, url));
		pool.setUsername((url.username() != null) ? url.username() : settings.getUsername());
		pool.setPassword((replica.getPassword() != null) ? replica.getPassword()
				: (url.password() != null) ? url.password() : settings.getPassword());
		if (!context.definition().isSet("hikari.connection-timeout")) {
			pool.setConnectionTimeout(Math.max(250, context.definition().common().getHealth().getTimeout().toMillis()));
		}
		Properties properties = new Properties();
		properties.putAll(primary.getDataSourceProperties());
		properties.putAll(PostgresType.driverProperties(url.query()));
		pool.setDataSourceProperties(properties);
		return pool;
	}

	private static String name(String instance, int index) {
		return instance + "-replica-" + (index + 1);
	}

	private static String endpoint(PostgresSettings settings, ConnectionUrl url) {
		String host = url.hosts().isEmpty() ? "localhost" : url.hosts().get(0).host();
		int port = url.hosts().isEmpty() ? 5432 : url.hosts().get(0).portOr(5432);
		String database = (url.path() != null && !url.path().isEmpty()) ? url.path() : settings.getDatabase();
		return host + ":" + port + "/" + database;
	}

	/**
	 * The replicas of an instance, monitored from now on.
	 * @param context the instance
	 * @param primary the instance's own pool
	 * @param pools the replicas' pools, in the order of {@code replicas}
	 * @return the replicas
	 */
	static PostgresReplicas create(InstanceContext<PostgresSettings> context, HikariDataSource primary,
			List<HikariDataSource> pools) {
		PostgresSettings settings = context.settings();
		int timeoutMillis = (int) Math.max(1, context.definition().common().getHealth().getTimeout().toMillis());
		List<Replica> replicas = new ArrayList<>();
		for (HikariDataSource pool : pools) {
			// the pool knows its name and address: host:port/database after the JDBC scheme
			replicas.add(new Replica(pool.getPoolName(), pool.getJdbcUrl().substring(JDBC_PREFIX.length()), pool));
		}
		PostgresReplicas result = new PostgresReplicas(context.name(), replicas, primary, settings.getReplica(),
				timeoutMillis);
		long interval = Math.max(50, settings.getReplica().getCheckInterval().toMillis());
		result.monitor.scheduleWithFixedDelay(result::checkAll, 0, interval, TimeUnit.MILLISECONDS);
		return result;
	}

	/**
	 * The DataSource of read-only transactions.
	 * @return the routing DataSource
	 */
	public DataSource readOnlyDataSource() {
		return this.readOnly;
	}

	/**
	 * Whether every replica is usable.
	 * @return {@code false} if one is down or lags too far behind
	 */
	public boolean allUsable() {
		return this.replicas.stream().allMatch(Replica::usable);
	}

	/**
	 * Each replica's state, lag and pool, for the instance's health.
	 * @return one entry per replica
	 */
	public List<Map<String, Object>> describe() {
		List<Map<String, Object>> result = new ArrayList<>();
		for (Replica replica : this.replicas) {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("name", replica.name);
			details.put("endpoint", replica.endpoint);
			details.put("state", replica.state.name());
			if (replica.lagMillis >= 0) {
				details.put("lagMs", replica.lagMillis);
			}
			if (replica.error != null) {
				details.put("error", replica.error);
			}
			HikariPoolMXBean pool = replica.pool.getHikariPoolMXBean();
			if (pool != null) {
				details.put("pool", Map.of("active", pool.getActiveConnections(), "idle", pool.getIdleConnections(),
						"max", replica.pool.getMaximumPoolSize()));
			}
			details.put("checkedAt", String.valueOf(replica.checkedAt));
			result.add(details);
		}
		return result;
	}

	/** Check every replica once, now; the monitor does this every check interval. */
	void checkAll() {
		for (Replica replica : this.replicas) {
			check(replica);
		}
	}

	private void check(Replica replica) {
		ReplicaState before = replica.state;
		try (Connection connection = replica.pool.getConnection()) {
			connection.setNetworkTimeout(Runnable::run, this.timeoutMillis);
			try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(LAG_QUERY)) {
				result.next();
				long lag = lag(replica, result.getBoolean(1), result.getDouble(2), result.wasNull());
				replica.lagMillis = lag;
				replica.error = null;
				replica.state = (lag > this.routing.getMaxLag().toMillis()) ? ReplicaState.LAGGING : ReplicaState.UP;
			}
		}
		catch (SQLException | RuntimeException ex) {
			replica.state = ReplicaState.DOWN;
			replica.lagMillis = -1;
			replica.error = ex.getClass().getSimpleName() + ": " + ConnectionUrl.mask(ex.getMessage());
		}
		replica.checkedAt = Instant.now();
		if (before != replica.state) {
			String message = "Replica " + replica.name + " of postgres instance '" + this.instance + "' at "
					+ replica.endpoint + " is " + replica.state
					+ ((replica.state == ReplicaState.LAGGING) ? " (" + Duration.ofMillis(replica.lagMillis) + " behind)"
							: (replica.error != null) ? " (" + replica.error + ")" : "");
			if (replica.state == ReplicaState.UP) {
				logger.info(message);
			}
			else {
				logger.warn(message + "; its reads go to the other replicas or to the instance itself");
			}
		}
	}

	/**
	 * The replication lag: none when everything received is replayed; otherwise the age of the
	 * last replayed transaction (which tracks the lag under a steady stream of writes, and
	 * overstates it for one check after a long idle spell), or, before the replica's first
	 * replayed transaction, how long it has been seen behind.
	 */
	private static long lag(Replica replica, boolean behind, double replayAgeMillis, boolean noReplayYet) {
		if (!behind) {
			replica.behindSince = null;
			return 0;
		}
		Instant since = replica.behindSince;
		if (since == null) {
			since = Instant.now();
			replica.behindSince = since;
		}
		long seenBehind = Duration.between(since, Instant.now()).toMillis();
		return noReplayYet ? seenBehind : Math.round(replayAgeMillis);
	}

	/** Where the walk over the replicas starts for the next read-only connection. */
	private int start() {
		int size = this.replicas.size();
		return (this.routing.getLoadBalance() == PostgresSettings.LoadBalance.RANDOM)
				? ThreadLocalRandom.current().nextInt(size) : Math.floorMod(this.next.getAndIncrement(), size);
	}

	/** Stop monitoring; the pools are beans of their own and close with the context. */
	@Override
	public void close() {
		this.monitor.shutdownNow();
	}

	/** What the monitor last found. */
	enum ReplicaState {

		/** Not checked yet. */
		UNKNOWN,

		/** Answering, within the lag allowed. */
		UP,

		/** Answering, but further behind than the lag allowed. */
		LAGGING,

		/** Not answering. */
		DOWN

	}

	private static final class Replica {

		private final String name;

		private final String endpoint;

		private final HikariDataSource pool;

		private volatile ReplicaState state = ReplicaState.UNKNOWN;

		private volatile long lagMillis = -1;

		private volatile @Nullable String error;

		private volatile @Nullable Instant checkedAt;

		private volatile @Nullable Instant behindSince;

		Replica(String name, String endpoint, HikariDataSource pool) {
			this.name = name;
			this.endpoint = endpoint;
			this.pool = pool;
		}

		boolean usable() {
			return this.state == ReplicaState.UP;
		}

	}

	/**
	 * Connections of read-only transactions: from a usable replica, trying the next one when a
	 * replica fails to hand out a connection, and from the instance's own pool when none can.
	 */
	private final class ReadOnlyDataSource extends AbstractDataSource {

		@Override
		public Connection getConnection() throws SQLException {
			List<Replica> replicas = PostgresReplicas.this.replicas;
			int start = start();
			for (int i = 0; i < replicas.size(); i++) {
				Replica replica = replicas.get((start + i) % replicas.size());
				if (!replica.usable()) {
					continue;
				}
				try {
					return replica.pool.getConnection();
				}
				catch (SQLException ex) {
					replica.state = ReplicaState.DOWN;
					replica.error = ex.getClass().getSimpleName() + ": " + ConnectionUrl.mask(ex.getMessage());
				}
			}
			return PostgresReplicas.this.primary.getConnection();
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			throw new SQLException("The replicas of postgres instance '" + PostgresReplicas.this.instance
					+ "' connect with the instance's own credentials");
		}

	}

}
