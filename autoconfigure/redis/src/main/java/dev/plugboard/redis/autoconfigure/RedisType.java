package dev.plugboard.redis.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

import io.lettuce.core.resource.ClientResources;
import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.ConnectionUrl;
import dev.plugboard.core.spi.InstanceAdvice;
import dev.plugboard.core.spi.InstanceBeans;
import dev.plugboard.core.spi.InstanceContext;
import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.InstanceType;
import dev.plugboard.core.spi.InvalidSettingException;
import dev.plugboard.core.spi.PlugboardPhases;
import dev.plugboard.redis.RedisInstance;
import dev.plugboard.redis.autoconfigure.RedisConnections.Mode;

import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Redis over Lettuce: a connection factory per instance with templates, a pub/sub listener
 * container and a cache manager around it. Non-critical by default.
 *
 * @author Plugboard
 */
public class RedisType implements InstanceType<RedisSettings> {

	private static final String CONNECTION_DETAILS = "org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails";

	private static final boolean CONNECTION_DETAILS_PRESENT = ClassUtils.isPresent(CONNECTION_DETAILS,
			RedisType.class.getClassLoader());

	private static final Set<String> CONNECTION_SETTINGS = Set.of("host", "port", "database", "sentinel.master",
			"sentinel.nodes", "cluster.nodes", "masterreplica.nodes");

	private static final Map<String, @Nullable String> REPLACED_BOOT_PROPERTIES = bootProperties();


	@Override
	public String name() {
		return "redis";
	}

	@Override
	public String discoveryScheme() {
		return "redis";
	}

	@Override
	public Class<RedisSettings> settingsClass() {
		return RedisSettings.class;
	}

	@Override
	public boolean criticalByDefault() {
		return false;
	}

	@Override
	public boolean hasConnection(InstanceDefinition<RedisSettings> definition) {
		return InstanceType.super.hasConnection(definition)
				|| RedisConnections.mode(definition.settings()) != Mode.STANDALONE;
	}

	@Override
	public Set<String> connectionSettings() {
		return CONNECTION_SETTINGS;
	}

	@Override
	public @Nullable Class<?> connectionDetailsType() {
		return CONNECTION_DETAILS_PRESENT ? ClassUtils.resolveClassName(CONNECTION_DETAILS, RedisType.class.getClassLoader())
				: null;
	}

	@Override
	public void applyConnectionDetails(Object details, InstanceDefinition<RedisSettings> definition) {
		RedisConnectionDetails.apply(details, definition);
	}

	@Override
	public Map<String, @Nullable String> replacedBootProperties() {
		return REPLACED_BOOT_PROPERTIES;
	}

	/** Spring Data Redis repositories run on the primary instance, as configured. */
	@Override
	public Set<String> appliedBootProperties() {
		return Set.of("spring.data.redis.repositories");
	}

	@Override
	public String prepare(InstanceDefinition<RedisSettings> definition) {
		RedisSettings settings = definition.settings();
		if (settings.getUrl() != null) {
			applyUrl(definition, RedisUrls.parse(definition));
		}
		if (settings.getHost() == null) {
			settings.setHost("localhost");
		}
		if (settings.getPort() != null && (settings.getPort() < 1 || settings.getPort() > 65535)) {
			throw new InvalidSettingException(definition, "port", "the port " + settings.getPort() + " is outside 1-65535",
					"Set the port of the Redis server, usually 6379.");
		}
		if (settings.getDatabase() != null && settings.getDatabase() < 0) {
			throw new InvalidSettingException(definition, "database",
					"the database index " + settings.getDatabase() + " is negative",
					"Use a database index from 0 to the server's 'databases' setting minus one (0-15 by default).");
		}
		if (RedisConnections.mode(settings) == Mode.CLUSTER && RedisConnections.database(settings) != 0) {
			String setting = definition.isSet("database") ? "database" : "url";
			throw new InvalidSettingException(definition, setting,
					"a Redis Cluster has only database 0 but database " + settings.getDatabase() + " is asked for",
					"Remove the database from '" + definition.property(setting)
							+ "'; separate data in a cluster with key prefixes.");
		}
		if (definition.discoveredService() != null && RedisConnections.mode(settings) != Mode.STANDALONE) {
			throw new InvalidSettingException(definition, "url",
					"discovery:// finds one Redis server, but the instance also lists cluster or sentinel nodes",
					"Remove cluster.nodes and sentinel.*, or give the nodes' own addresses instead of discovery://.");
		}
		validateNodes(definition, "cluster.nodes", settings.getCluster().getNodes());
		validateNodes(definition, "sentinel.nodes", settings.getSentinel().getNodes());
		if (settings.getSentinel().getMaster() != null && settings.getSentinel().getNodes().isEmpty()) {
			throw new InvalidSettingException(definition, "sentinel.nodes",
					"'" + definition.property("sentinel.master") + "' is set but no sentinel is listed",
					"List the sentinels as host:port pairs, for example s1:26379,s2:26379,s3:26379.");
		}
		validateNodes(definition, "masterreplica.nodes", settings.getMasterreplica().getNodes());
		if (!settings.getMasterreplica().getNodes().isEmpty()) {
			String other = !settings.getCluster().getNodes().isEmpty() ? "cluster.nodes"
					: (settings.getSentinel().getMaster() != null) ? "sentinel.master" : null;
			if (other != null) {
				throw new InvalidSettingException(definition, "masterreplica.nodes",
						"makes the instance static master/replica but '" + definition.property(other) + "' is set too",
						"Keep one of them: an instance is standalone, master/replica, sentinel or cluster.");
			}
		}
		requirePositive(definition, "timeout", settings.getTimeout());
		requirePositive(definition, "connect-timeout", settings.getConnectTimeout());
		if (settings.getLettuce().getPool().getMaxActive() < 1) {
			throw new InvalidSettingException(definition, "lettuce.pool.max-active",
					"must be at least 1 but is " + settings.getLettuce().getPool().getMaxActive(),
					"Set a positive number of connections, or switch pooling off with "
							+ definition.property("lettuce.pool.enabled") + "=false.");
		}
		RedisConnections.validateReadFrom(definition);
		return switch (RedisConnections.mode(settings)) {
			case CLUSTER -> "cluster " + String.join(",", settings.getCluster().getNodes());
			case SENTINEL -> "sentinel " + settings.getSentinel().getMaster() + "@"
					+ String.join(",", settings.getSentinel().getNodes()) + "/" + RedisConnections.database(settings);
			case MASTER_REPLICA -> "master-replica " + String.join(",", settings.getMasterreplica().getNodes()) + "/"
					+ RedisConnections.database(settings);
			case STANDALONE -> settings.getHost() + ":" + ((settings.getPort() != null) ? settings.getPort() : 6379) + "/"
					+ RedisConnections.database(settings);
		};
	}

	private static void applyUrl(InstanceDefinition<RedisSettings> definition, ConnectionUrl url) {
		RedisSettings settings = definition.settings();
		definition.applyUnlessSet("host", url.host(), settings::setHost);
		definition.applyUnlessSet("port", url.port(), settings::setPort);
		definition.applyUnlessSet("username", url.username(), settings::setUsername);
		definition.applyUnlessSet("password", url.password(), settings::setPassword);
		if (!definition.isSet("database") && url.path() != null) {
			try {
				settings.setDatabase(Integer.parseInt(url.path()));
			}
			catch (NumberFormatException ex) {
				throw new InvalidSettingException(definition, "url",
						"the database '" + url.path() + "' in " + RedisUrls.mask(String.valueOf(settings.getUrl()))
								+ " is not a number",
						"End the URL with the database index, for example redis://cache1:6379/2.");
			}
		}
		definition.applyUnlessSet("ssl.enabled", "rediss".equals(url.scheme()) ? Boolean.TRUE : null,
				settings.getSsl()::setEnabled);
		if (url.hosts().size() > 1 && settings.getCluster().getNodes().isEmpty()
				&& settings.getMasterreplica().getNodes().isEmpty()) {
			url.hosts().forEach((node) -> settings.getCluster().getNodes().add(node.host() + ":" + node.portOr(6379)));
		}
	}

	private static void validateNodes(InstanceDefinition<RedisSettings> definition, String setting, List<String> nodes) {
		for (String node : nodes) {
			int colon = node.lastIndexOf(':');
			boolean valid = colon > 0 && colon < node.length() - 1;
			if (valid) {
				try {
					int port = Integer.parseInt(node.substring(colon + 1).trim());
					valid = port >= 1 && port <= 65535;
				}
				catch (NumberFormatException ex) {
					valid = false;
				}
			}
			if (!valid) {
				throw new InvalidSettingException(definition, setting, "'" + node + "' is not a host:port pair",
						"List the nodes as host:port pairs separated by commas, for example 10.0.0.1:7000,10.0.0.2:7000.");
			}
		}
	}

	private static void requirePositive(InstanceDefinition<RedisSettings> definition, String setting, Duration value) {
		if (value.isZero() || value.isNegative()) {
			throw new InvalidSettingException(definition, setting, "must be positive but is " + value,
					"Set a positive duration such as 2s; a caller of a degraded instance waits at most this long.");
		}
	}

	/**
	 * The password of a URL such as {@code redis://secret@host}, which the core does not recognize
	 * as one; masked even when a {@code password} setting wins over it.
	 */
	@Override
	public Set<String> secrets(InstanceDefinition<RedisSettings> definition) {
		return RedisUrls.secrets(definition.settings().getUrl());
	}

	@Override
	public void registerBeans(InstanceBeans<RedisSettings> beans) {
		beans.register("RedisClientResources", ClientResources.class, RedisConnections::clientResources)
			.customize((bean) -> bean.setDestroyMethodName("shutdown"));
		beans.register("RedisConnectionFactory", LettuceConnectionFactory.class, RedisConnections::connectionFactory)
			.primaryAlias("redisConnectionFactory");
		beans.register("StringRedisTemplate", StringRedisTemplate.class,
				(context) -> new StringRedisTemplate(factory(context)))
			.primaryAlias("stringRedisTemplate");
		beans.register("RedisTemplate", RedisTemplate.class, (context) -> {
			RedisTemplate<Object, Object> template = new RedisTemplate<>();
			template.setConnectionFactory(factory(context));
			template.afterPropertiesSet();
			return template;
		}).targetType(ResolvableType.forClassWithGenerics(RedisTemplate.class, Object.class, Object.class))
			.primaryAlias("redisTemplate");
		beans.register("ReactiveStringRedisTemplate", ReactiveStringRedisTemplate.class,
				(context) -> new ReactiveStringRedisTemplate(
						context.bean("RedisConnectionFactory", ReactiveRedisConnectionFactory.class)))
			.primaryAlias("reactiveStringRedisTemplate");
		beans.register("RedisMessageListenerContainer", RedisMessageListenerContainer.class, (context) -> {
			RedisMessageListenerContainer container = new DrainingListenerContainer(context.name(),
					context.settings().getShutdown().getTimeout(), noPubSub(context.definition()));
			container.setConnectionFactory(factory(context));
			// a consumer: it starts after the stores answer and stops before them, after the web
			// server has drained, like every listener container Plugboard manages
			container.setPhase(PlugboardPhases.CONSUMERS);
			container.setRecoveryInterval(RedisConnections.reconnectCap(context.settings()).toMillis());
			return container;
		});
		beans.register("CacheManager", RedisCacheManager.class, RedisCaches::cacheManager).primaryAlias("cacheManager");
		beans.register("RedisInstance", RedisInstance.class, RedisType::handle);
	}

	private static @Nullable String noPubSub(InstanceDefinition<RedisSettings> definition) {
		if (RedisConnections.mode(definition.settings()) != Mode.MASTER_REPLICA) {
			return null;
		}
		return "Redis instance '" + definition.name() + "' is static master/replica ('"
				+ definition.property("masterreplica.nodes") + "'), where Spring Data Redis offers no pub/sub: "
				+ "subscribe through a standalone, Sentinel or cluster instance, for example a second instance on "
				+ "the master, which receives what this one publishes.";
	}

	@SuppressWarnings("unchecked")
	private static RedisInstance handle(InstanceContext<RedisSettings> context) {
		return new RedisInstance(context.instance(), context.bean("RedisConnectionFactory", LettuceConnectionFactory.class),
				context.bean("StringRedisTemplate", StringRedisTemplate.class),
				context.bean("RedisTemplate", RedisTemplate.class),
				context.bean("RedisMessageListenerContainer", RedisMessageListenerContainer.class),
				context.bean("CacheManager", RedisCacheManager.class));
	}

	private static RedisConnectionFactory factory(InstanceContext<RedisSettings> context) {
		return context.bean("RedisConnectionFactory", RedisConnectionFactory.class);
	}

	@Override
	public Map<String, Object> check(InstanceContext<RedisSettings> context) {
		LettuceConnectionFactory factory = context.bean("RedisConnectionFactory", LettuceConnectionFactory.class);
		Map<String, Object> details = new LinkedHashMap<>();
		Mode mode = RedisConnections.mode(context.settings());
		boolean cluster = mode == Mode.CLUSTER;
		try (RedisConnection connection = cluster ? factory.getClusterConnection() : factory.getConnection()) {
			String pong = connection.ping();
			if (!"PONG".equalsIgnoreCase(pong)) {
				throw new IllegalStateException("PING answered " + pong);
			}
			Properties info = connection.serverCommands().info("server");
			details.put("version", "Redis " + find(info, "redis_version"));
			details.put("mode", mode.label());
			if (!cluster) {
				details.put("database", RedisConnections.database(context.settings()));
			}
			String readFrom = context.settings().getLettuce().getReadFrom();
			if (readFrom != null && !cluster) {
				details.put("readFrom", readFrom);
				replication(connection.serverCommands().info("replication"), details);
			}
		}
		return details;
	}

	/**
	 * The replicas behind an instance that reads from them, as the node that answered
	 * {@code INFO replication} sees them: a master lists its replicas, a replica its link to the
	 * master. No replica online while reads are meant to go to one makes the health DEGRADED.
	 */
	private static void replication(@Nullable Properties info, Map<String, Object> details) {
		String role = find(info, "role");
		details.put("role", role);
		if ("master".equals(role)) {
			List<Map<String, Object>> replicas = new ArrayList<>();
			int connected = Integer.parseInt(Objects.requireNonNullElse(find(info, "connected_slaves"), "0"));
			for (int i = 0; i < connected; i++) {
				String line = find(info, "slave" + i);
				if (line == null) {
					continue;
				}
				Map<String, String> fields = new LinkedHashMap<>();
				for (String field : line.split(",")) {
					int equals = field.indexOf('=');
					if (equals > 0) {
						fields.put(field.substring(0, equals), field.substring(equals + 1));
					}
				}
				Map<String, Object> replica = new LinkedHashMap<>();
				replica.put("endpoint", fields.get("ip") + ":" + fields.get("port"));
				replica.put("state", fields.get("state"));
				replica.put("lagSeconds", fields.get("lag"));
				replicas.add(replica);
			}
			details.put("replicas", replicas);
			if (replicas.stream().noneMatch((replica) -> "online".equals(replica.get("state")))) {
				details.put(DEGRADED_DETAIL, "no replica is online: reads meant for replicas go to the master or fail");
			}
		}
		else if ("slave".equals(role)) {
			String link = find(info, "master_link_status");
			details.put("masterLink", link);
			if (!"up".equals(link)) {
				details.put(DEGRADED_DETAIL, "the replica that answered has lost its master");
			}
		}
	}

	private static @Nullable String find(@Nullable Properties info, String key) {
		if (info == null) {
			return null;
		}
		for (String name : info.stringPropertyNames()) {
			if (name.equals(key) || name.endsWith("." + key)) {
				return info.getProperty(name);
			}
		}
		return null;
	}

	@Override
	public boolean isPermanent(InstanceDefinition<RedisSettings> definition, Throwable error) {
		String text = InstanceAdvice.messages(error);
		return isRefusedLogin(text) || isUnknownDatabase(text);
	}

	private static boolean isRefusedLogin(String text) {
		return text.contains("WRONGPASS") || text.contains("NOAUTH") || text.contains("invalid password");
	}

	private static boolean isUnknownDatabase(String text) {
		return text.contains("DB index is out of range");
	}

	@Override
	public @Nullable String advice(InstanceDefinition<RedisSettings> definition, Throwable error) {
		String text = InstanceAdvice.messages(error);
		if (isRefusedLogin(text)) {
			return InstanceAdvice.credentials(definition, "The server");
		}
		if (isUnknownDatabase(text)) {
			return "The server has no database " + RedisConnections.database(definition.settings()) + ": fix '"
					+ definition.property("database") + "' (environment variable " + definition.environmentVariable("database")
					+ ") or the database at the end of '" + definition.property("url") + "'.";
		}
		if (text.contains("certification path") || text.contains("SSLHandshakeException")
				|| text.contains("No subject alternative")) {
			return "The server's TLS certificate is not trusted: name an SSL bundle whose truststore holds its certificate "
					+ "authority in '" + definition.property("ssl.bundle") + "' (environment variable "
					+ definition.environmentVariable("ssl.bundle") + "), declared under spring.ssl.bundle.pem.<name>.*.";
		}
		if (text.contains("Connection refused") || text.contains("Unable to connect")) {
			return switch (RedisConnections.mode(definition.settings())) {
				case CLUSTER -> InstanceAdvice.unreachable(definition, "the cluster nodes", "cluster.nodes");
				case SENTINEL ->
					InstanceAdvice.unreachable(definition, "the sentinels and the master they name", "sentinel.nodes");
				case MASTER_REPLICA -> InstanceAdvice.unreachable(definition, "the master/replica nodes", "masterreplica.nodes");
				case STANDALONE -> InstanceAdvice.unreachable(definition, "the server");
			};
		}
		return null;
	}

	@Override
	public Set<String> replacedHealthContributors() {
		// Boot's Redis indicators back off for either name; the core already takes the second
		return Set.of("redisHealthIndicator", "redisHealthContributor");
	}

	/**
	 * Spring Boot's reactive Redis auto-configuration and Spring Data Redis repositories ask for
	 * "the" connection factory or {@code redisTemplate}; without a primary instance they would
	 * fail on several candidates. Each instance has its own reactive template instead.
	 */
	@Override
	public Set<String> autoConfigurationsNeedingPrimary() {
		return Set.of("org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration");
	}

	private static Map<String, @Nullable String> bootProperties() {
		Map<String, @Nullable String> properties = new LinkedHashMap<>();
		properties.put("spring.data.redis", "");
		properties.put("spring.data.redis.client-type", null);
		properties.put("spring.data.redis.jedis", null);
		properties.put("spring.cache.redis", "cache");
		return properties;
	}

}
