package dev.plugboard.redis.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.InstanceSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of one Redis instance, bound from {@code plugboard.redis.<instance>.*}; the {@code *}
 * in the metadata prefix stands for the instance name. Names follow {@code spring.data.redis.*}.
 *
 * @author Plugboard
 */
@ConfigurationProperties("plugboard.redis.*")
public class RedisSettings extends InstanceSettings {

	/**
	 * Redis server host. Wins over the host in the URL. Defaults to localhost.
	 */
	private @Nullable String host;

	/**
	 * Redis server port. Wins over the port in the URL. Defaults to 6379.
	 */
	private @Nullable Integer port;

	/**
	 * Database index. Wins over the database in the URL. Defaults to 0.
	 */
	private @Nullable Integer database;

	/**
	 * Login user (Redis 6 ACL). Wins over the user in the URL.
	 */
	private @Nullable String username;

	/**
	 * Login password; wins over the password in the URL, whose user information without a colon (redis://secret@host) is the password, as in Spring Boot.
	 */
	private @Nullable String password;

	/**
	 * Client name set on connections with CLIENT SETNAME. Defaults to the instance name.
	 */
	private @Nullable String clientName;

	/**
	 * Command timeout: how long a caller waits for an answer before failing.
	 */
	private Duration timeout = Duration.ofSeconds(5);

	/**
	 * Connection timeout.
	 */
	private Duration connectTimeout = Duration.ofSeconds(2);

	private final Ssl ssl = new Ssl();

	private final Sentinel sentinel = new Sentinel();

	private final Cluster cluster = new Cluster();

	private final Masterreplica masterreplica = new Masterreplica();

	private final Lettuce lettuce = new Lettuce();

	private final Cache cache = new Cache();

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

	public @Nullable Integer getDatabase() {
		return this.database;
	}

	public void setDatabase(@Nullable Integer database) {
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

	public @Nullable String getClientName() {
		return this.clientName;
	}

	public void setClientName(@Nullable String clientName) {
		this.clientName = clientName;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public Sentinel getSentinel() {
		return this.sentinel;
	}

	public Cluster getCluster() {
		return this.cluster;
	}

	public Masterreplica getMasterreplica() {
		return this.masterreplica;
	}

	public Lettuce getLettuce() {
		return this.lettuce;
	}

	public Cache getCache() {
		return this.cache;
	}

	@Override
	public String toString() {
		// not super.toString(): the core's masking misses a password-only URL (redis://secret@host)
		String url = getUrl();
		return "RedisSettings[host=" + this.host + ", port=" + this.port + ", database=" + this.database
				+ ", password=" + ((this.password != null) ? "******" : null) + ", url="
				+ ((url != null) ? RedisUrls.mask(url) : null) + ", enabled=" + isEnabled() + ", critical="
				+ getCritical() + ", primary=" + getPrimary() + "]";
	}

	/**
	 * TLS settings.
	 */
	public static class Ssl {

		/**
		 * Whether to connect with TLS; rediss:// URLs switch it on.
		 */
		private @Nullable Boolean enabled;

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) with the trust and key material; setting it switches TLS on.
		 */
		private @Nullable String bundle;

		/**
		 * Whether to verify the server's certificate and host name.
		 */
		private boolean verifyPeer = true;

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		/**
		 * Whether TLS is used: switched on explicitly or by naming a bundle.
		 * @return whether to connect with TLS
		 */
		public boolean determineEnabled() {
			return (this.enabled != null) ? this.enabled : this.bundle != null;
		}

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		public boolean isVerifyPeer() {
			return this.verifyPeer;
		}

		public void setVerifyPeer(boolean verifyPeer) {
			this.verifyPeer = verifyPeer;
		}

	}

	/**
	 * Sentinel settings.
	 */
	public static class Sentinel {

		/**
		 * Name of the Redis master the sentinels watch.
		 */
		private @Nullable String master;

		/**
		 * Sentinel nodes as host:port pairs.
		 */
		private List<String> nodes = new ArrayList<>();

		/**
		 * Login user for the sentinels.
		 */
		private @Nullable String username;

		/**
		 * Login password for the sentinels.
		 */
		private @Nullable String password;

		public @Nullable String getMaster() {
			return this.master;
		}

		public void setMaster(@Nullable String master) {
			this.master = master;
		}

		public List<String> getNodes() {
			return this.nodes;
		}

		public void setNodes(List<String> nodes) {
			this.nodes = nodes;
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

	}

	/**
	 * Cluster settings.
	 */
	public static class Cluster {

		/**
		 * Initial cluster nodes as host:port pairs; at least one must answer.
		 */
		private List<String> nodes = new ArrayList<>();

		/**
		 * Maximum number of redirects to follow for one command.
		 */
		private @Nullable Integer maxRedirects;

		public List<String> getNodes() {
			return this.nodes;
		}

		public void setNodes(List<String> nodes) {
			this.nodes = nodes;
		}

		public @Nullable Integer getMaxRedirects() {
			return this.maxRedirects;
		}

		public void setMaxRedirects(@Nullable Integer maxRedirects) {
			this.maxRedirects = maxRedirects;
		}

	}

	/**
	 * Static master/replica settings.
	 */
	public static class Masterreplica {

		/**
		 * Static master/replica nodes as host:port pairs; Lettuce asks each node for its role and sends writes to the master.
		 */
		private List<String> nodes = new ArrayList<>();

		public List<String> getNodes() {
			return this.nodes;
		}

		public void setNodes(List<String> nodes) {
			this.nodes = nodes;
		}

	}

	/**
	 * Lettuce settings.
	 */
	public static class Lettuce {

		/**
		 * Shutdown timeout of the client.
		 */
		private Duration shutdownTimeout = Duration.ofMillis(100);

		/**
		 * Which nodes reads go to: upstream, upstream-preferred, replica, replica-preferred, any,
		 * lowest-latency, or subnet:/regex: forms.
		 */
		private @Nullable String readFrom;

		private final Pool pool = new Pool();

		private final LettuceCluster cluster = new LettuceCluster();

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

		public @Nullable String getReadFrom() {
			return this.readFrom;
		}

		public void setReadFrom(@Nullable String readFrom) {
			this.readFrom = readFrom;
		}

		public Pool getPool() {
			return this.pool;
		}

		public LettuceCluster getCluster() {
			return this.cluster;
		}

	}

	/**
	 * Lettuce cluster settings.
	 */
	public static class LettuceCluster {

		private final Refresh refresh = new Refresh();

		public Refresh getRefresh() {
			return this.refresh;
		}

	}

	/**
	 * How a cluster instance keeps its view of the cluster's topology up to date.
	 */
	public static class Refresh {

		/**
		 * Whether to discover and ask every cluster node for the topology rather than only the configured ones.
		 */
		private boolean dynamicRefreshSources = true;

		/**
		 * How often to refresh the cluster topology; none by default.
		 */
		private @Nullable Duration period;

		/**
		 * Whether to refresh the topology on every adaptive trigger (MOVED, ASK, reconnects).
		 */
		private boolean adaptive;

		public boolean isDynamicRefreshSources() {
			return this.dynamicRefreshSources;
		}

		public void setDynamicRefreshSources(boolean dynamicRefreshSources) {
			this.dynamicRefreshSources = dynamicRefreshSources;
		}

		public @Nullable Duration getPeriod() {
			return this.period;
		}

		public void setPeriod(@Nullable Duration period) {
			this.period = period;
		}

		public boolean isAdaptive() {
			return this.adaptive;
		}

		public void setAdaptive(boolean adaptive) {
			this.adaptive = adaptive;
		}

	}

	/**
	 * Connection pool settings, used when commons-pool2 is on the classpath.
	 */
	public static class Pool {

		/**
		 * Whether to pool dedicated connections (transactions, blocking commands); on by default when commons-pool2 is present.
		 */
		private @Nullable Boolean enabled;

		/**
		 * Maximum number of connections.
		 */
		private int maxActive = 8;

		/**
		 * Maximum number of idle connections.
		 */
		private int maxIdle = 8;

		/**
		 * Minimum number of idle connections.
		 */
		private int minIdle;

		/**
		 * How long to wait for a free connection; negative waits forever. Bounded by default so
		 * that an exhausted pool cannot hang callers.
		 */
		private Duration maxWait = Duration.ofSeconds(2);

		/**
		 * Pause between runs of the idle-connection evictor; none by default.
		 */
		private @Nullable Duration timeBetweenEvictionRuns;

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxActive() {
			return this.maxActive;
		}

		public void setMaxActive(int maxActive) {
			this.maxActive = maxActive;
		}

		public int getMaxIdle() {
			return this.maxIdle;
		}

		public void setMaxIdle(int maxIdle) {
			this.maxIdle = maxIdle;
		}

		public int getMinIdle() {
			return this.minIdle;
		}

		public void setMinIdle(int minIdle) {
			this.minIdle = minIdle;
		}

		public Duration getMaxWait() {
			return this.maxWait;
		}

		public void setMaxWait(Duration maxWait) {
			this.maxWait = maxWait;
		}

		public @Nullable Duration getTimeBetweenEvictionRuns() {
			return this.timeBetweenEvictionRuns;
		}

		public void setTimeBetweenEvictionRuns(@Nullable Duration timeBetweenEvictionRuns) {
			this.timeBetweenEvictionRuns = timeBetweenEvictionRuns;
		}

	}

	/**
	 * Settings of the instance's cache manager.
	 */
	public static class Cache {

		/**
		 * Time to live of cache entries; none by default.
		 */
		private @Nullable Duration timeToLive;

		/**
		 * Prefix put before the cache name in every key ('<prefix><cache>::<key>'); by default keys start with the cache name.
		 */
		private @Nullable String keyPrefix;

		/**
		 * Whether to prefix keys at all; without a prefix, caches of one instance share one key space.
		 */
		private boolean useKeyPrefix = true;

		/**
		 * Whether to cache null values.
		 */
		private boolean cacheNullValues = true;

		/**
		 * Whether to record cache statistics (hits, misses, puts).
		 */
		private boolean enableStatistics;

		/**
		 * Whether a cache put waits for Redis to store the entry. By default (as in Spring Data
		 * Redis 4) puts, including the store after a cache miss, are sent asynchronously: the
		 * caller does not wait, and a later read on another connection may not see the entry yet.
		 */
		private boolean immediateWrites;

		/**
		 * Caches to create at startup.
		 */
		private List<String> cacheNames = new ArrayList<>();

		public @Nullable Duration getTimeToLive() {
			return this.timeToLive;
		}

		public void setTimeToLive(@Nullable Duration timeToLive) {
			this.timeToLive = timeToLive;
		}

		public @Nullable String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(@Nullable String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public boolean isUseKeyPrefix() {
			return this.useKeyPrefix;
		}

		public void setUseKeyPrefix(boolean useKeyPrefix) {
			this.useKeyPrefix = useKeyPrefix;
		}

		public boolean isEnableStatistics() {
			return this.enableStatistics;
		}

		public void setEnableStatistics(boolean enableStatistics) {
			this.enableStatistics = enableStatistics;
		}

		public boolean isImmediateWrites() {
			return this.immediateWrites;
		}

		public void setImmediateWrites(boolean immediateWrites) {
			this.immediateWrites = immediateWrites;
		}

		public boolean isCacheNullValues() {
			return this.cacheNullValues;
		}

		public void setCacheNullValues(boolean cacheNullValues) {
			this.cacheNullValues = cacheNullValues;
		}

		public List<String> getCacheNames() {
			return this.cacheNames;
		}

		public void setCacheNames(List<String> cacheNames) {
			this.cacheNames = cacheNames;
		}

	}

}
