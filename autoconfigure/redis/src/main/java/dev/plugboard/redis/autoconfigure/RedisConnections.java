package dev.plugboard.redis.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.InstanceContext;
import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.InvalidSettingException;
import dev.plugboard.core.spi.ServiceEndpoints;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.RedisStaticMasterReplicaConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration.LettuceClientConfigurationBuilder;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration;
import org.springframework.util.ClassUtils;

/**
 * Builds the Lettuce client of one instance. While the server is unreachable, commands are
 * rejected at once instead of queued, so that callers of a degraded instance fail fast, and
 * the client reconnects by itself.
 *
 * @author Plugboard
 */
final class RedisConnections {

	private static final ClassLoader loader = RedisConnections.class.getClassLoader();

	private static final boolean micrometerPresent = ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry",
			loader);

	private static final boolean commonsPoolPresent = ClassUtils
		.isPresent("org.apache.commons.pool2.impl.GenericObjectPool", loader);

	private static final boolean bootCustomizersPresent = ClassUtils.isPresent(
			"org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer", loader);

	// Lettuce backs off up to 30 s between reconnects by default: after a long outage the
	// instance would stay degraded that long after the server is back
	private static final Duration LONGEST_RECONNECT_DELAY = Duration.ofSeconds(30);

	private static final Duration SHORTEST_RECONNECT_CAP = Duration.ofMillis(100);

	private RedisConnections() {
	}

	static ClientResources clientResources(InstanceContext<RedisSettings> context) {
		DefaultClientResources.Builder builder = DefaultClientResources.builder()
			.reconnectDelay(Delay.exponential(Duration.ZERO, reconnectCap(context.settings()), 2, TimeUnit.MILLISECONDS));
		if (micrometerPresent) {
			Metrics.apply(builder, context);
		}
		if (bootCustomizersPresent) {
			BootCustomizers.clientResources(builder, context.beanFactory());
		}
		ServiceEndpoints discovery = context.discovery();
		if (discovery != null) {
			builder.socketAddressResolver(new DiscoveringSocketAddressResolver(discovery));
		}
		return builder.build();
	}

	/**
	 * The longest pause between two reconnect attempts: the instance's retry interval, so that
	 * the client is back about when Plugboard checks it again.
	 * @param settings the settings
	 * @return the cap
	 */
	static Duration reconnectCap(RedisSettings settings) {
		Duration retry = settings.getStartup().getRetryInterval();
		if (retry.compareTo(SHORTEST_RECONNECT_CAP) < 0) {
			return SHORTEST_RECONNECT_CAP;
		}
		return (retry.compareTo(LONGEST_RECONNECT_DELAY) > 0) ? LONGEST_RECONNECT_DELAY : retry;
	}

	static LettuceConnectionFactory connectionFactory(InstanceContext<RedisSettings> context) {
		RedisSettings settings = context.settings();
		LettuceClientConfigurationBuilder builder = usePool(settings) ? Pooling.builder(settings)
				: LettuceClientConfiguration.builder();
		SslBundle bundle = sslBundle(context);
		builder.clientResources(context.bean("RedisClientResources", ClientResources.class))
			.clientOptions(clientOptions(settings, bundle, context.beanFactory()))
			.commandTimeout(settings.getTimeout())
			.shutdownTimeout(settings.getLettuce().getShutdownTimeout())
			.clientName((settings.getClientName() != null) ? settings.getClientName() : context.name());
		if (settings.getSsl().determineEnabled()) {
			LettuceClientConfiguration.LettuceSslClientConfigurationBuilder ssl = builder.useSsl();
			if (!settings.getSsl().isVerifyPeer()) {
				ssl.disablePeerVerification();
			}
		}
		if (settings.getLettuce().getReadFrom() != null) {
			builder.readFrom(readFrom(settings.getLettuce().getReadFrom()));
		}
		if (bootCustomizersPresent) {
			BootCustomizers.clientConfiguration(builder, context.beanFactory());
		}
		LettuceConnectionFactory factory = new InstanceConnectionFactory(context.name(), context.definition().endpoint(),
				configuration(settings), builder.build());
		// the core proves the instance answers; a validating factory would make a second round
		// trip before every command
		factory.setValidateConnection(false);
		return factory;
	}

	private static boolean usePool(RedisSettings settings) {
		Boolean enabled = settings.getLettuce().getPool().getEnabled();
		return commonsPoolPresent && ((enabled != null) ? enabled : true);
	}

	private static ClientOptions clientOptions(RedisSettings settings, @Nullable SslBundle bundle,
			ListableBeanFactory beanFactory) {
		ClientOptions.Builder builder;
		if (mode(settings) == Mode.CLUSTER) {
			builder = ClusterClientOptions.builder().topologyRefreshOptions(topologyRefresh(settings));
		}
		else {
			builder = ClientOptions.builder();
		}
		builder.socketOptions(SocketOptions.builder().connectTimeout(settings.getConnectTimeout()).build())
			.timeoutOptions(TimeoutOptions.enabled(settings.getTimeout()))
			.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
		if (bundle != null) {
			builder.sslOptions(sslOptions(bundle));
		}
		if (bootCustomizersPresent) {
			BootCustomizers.clientOptions(builder, beanFactory);
		}
		return builder.build();
	}

	private static ClusterTopologyRefreshOptions topologyRefresh(RedisSettings settings) {
		RedisSettings.Refresh refresh = settings.getLettuce().getCluster().getRefresh();
		ClusterTopologyRefreshOptions.Builder builder = ClusterTopologyRefreshOptions.builder()
			.dynamicRefreshSources(refresh.isDynamicRefreshSources());
		if (refresh.getPeriod() != null) {
			builder.enablePeriodicRefresh(refresh.getPeriod());
		}
		if (refresh.isAdaptive()) {
			builder.enableAllAdaptiveRefreshTriggers();
		}
		return builder.build();
	}

	private static SslOptions sslOptions(SslBundle bundle) {
		SslOptions.Builder builder = SslOptions.builder()
			.keyManager(bundle.getManagers().getKeyManagerFactory())
			.trustManager(bundle.getManagers().getTrustManagerFactory());
		if (bundle.getOptions().getCiphers() != null) {
			builder.cipherSuites(bundle.getOptions().getCiphers());
		}
		if (bundle.getOptions().getEnabledProtocols() != null) {
			builder.protocols(bundle.getOptions().getEnabledProtocols());
		}
		return builder.build();
	}

	private static @Nullable SslBundle sslBundle(InstanceContext<RedisSettings> context) {
		String name = context.settings().getSsl().getBundle();
		if (name == null) {
			return null;
		}
		SslBundles bundles = context.beanFactory().getBeanProvider(SslBundles.class).getIfAvailable();
		if (bundles == null) {
			throw new InvalidSettingException(context.definition(), "ssl.bundle",
					"names the SSL bundle '" + name + "' but the application has no SSL bundles",
					"Declare the bundle under spring.ssl.bundle.pem." + name + ".* or spring.ssl.bundle.jks." + name
							+ ".*, or remove '" + context.definition().property("ssl.bundle") + "'.");
		}
		try {
			return bundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidSettingException(context.definition(), "ssl.bundle",
					"names the SSL bundle '" + name + "', which is not declared",
					"Declare it under spring.ssl.bundle.pem." + name + ".* or spring.ssl.bundle.jks." + name
							+ ".*, or fix the name.");
		}
	}

	/**
	 * Parse a read-from setting in Spring Boot's kebab-case form ({@code replica-preferred}) or
	 * Lettuce's own ({@code replicaPreferred}, {@code subnet:10.0.0.0/8}).
	 * @param value the setting
	 * @return the read-from
	 * @throws IllegalArgumentException if the value names no read-from
	 */
	static ReadFrom readFrom(String value) {
		int colon = value.indexOf(':');
		String name = (colon >= 0) ? value.substring(0, colon) : value;
		StringBuilder camel = new StringBuilder(name.length());
		boolean upper = false;
		for (char c : name.toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				camel.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return ReadFrom.valueOf((colon >= 0) ? camel + value.substring(colon) : camel.toString());
	}

	/**
	 * Validate the read-from setting before any bean exists.
	 * @param definition the instance
	 */
	static void validateReadFrom(InstanceDefinition<RedisSettings> definition) {
		String value = definition.settings().getLettuce().getReadFrom();
		if (value == null) {
			return;
		}
		try {
			readFrom(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSettingException(definition, "lettuce.read-from",
					"'" + value + "' is not a read-from setting (" + ex.getMessage() + ")",
					"Use upstream, upstream-preferred, replica, replica-preferred, any, any-replica, lowest-latency, "
							+ "subnet:<cidr,…> or regex:<pattern>.");
		}
	}

	/**
	 * How an instance reaches Redis. The first of these that is set decides: {@code cluster.nodes},
	 * {@code sentinel.master}, {@code masterreplica.nodes}; with none of them the instance is
	 * standalone.
	 * @param settings the settings
	 * @return the mode
	 */
	static Mode mode(RedisSettings settings) {
		if (!settings.getCluster().getNodes().isEmpty()) {
			return Mode.CLUSTER;
		}
		if (settings.getSentinel().getMaster() != null) {
			return Mode.SENTINEL;
		}
		if (!settings.getMasterreplica().getNodes().isEmpty()) {
			return Mode.MASTER_REPLICA;
		}
		return Mode.STANDALONE;
	}

	static RedisConfiguration configuration(RedisSettings settings) {
		return switch (mode(settings)) {
			case CLUSTER -> clusterConfiguration(settings);
			case SENTINEL -> sentinelConfiguration(settings);
			case MASTER_REPLICA -> masterReplicaConfiguration(settings);
			case STANDALONE -> standaloneConfiguration(settings);
		};
	}

	private static RedisClusterConfiguration clusterConfiguration(RedisSettings settings) {
		RedisClusterConfiguration cluster = new RedisClusterConfiguration(settings.getCluster().getNodes());
		cluster.setUsername(settings.getUsername());
		cluster.setPassword(RedisPassword.of(settings.getPassword()));
		if (settings.getCluster().getMaxRedirects() != null) {
			cluster.setMaxRedirects(settings.getCluster().getMaxRedirects());
		}
		return cluster;
	}

	private static RedisSentinelConfiguration sentinelConfiguration(RedisSettings settings) {
		RedisSentinelConfiguration sentinel = new RedisSentinelConfiguration();
		sentinel.master(settings.getSentinel().getMaster());
		List<RedisNode> nodes = settings.getSentinel().getNodes().stream().map(RedisNode::fromString).toList();
		sentinel.setSentinels(nodes);
		sentinel.setUsername(settings.getUsername());
		sentinel.setPassword(RedisPassword.of(settings.getPassword()));
		sentinel.setSentinelUsername(settings.getSentinel().getUsername());
		sentinel.setSentinelPassword(RedisPassword.of(settings.getSentinel().getPassword()));
		sentinel.setDatabase(database(settings));
		return sentinel;
	}

	private static RedisStaticMasterReplicaConfiguration masterReplicaConfiguration(RedisSettings settings) {
		List<RedisNode> nodes = settings.getMasterreplica().getNodes().stream().map(RedisNode::fromString).toList();
		RedisStaticMasterReplicaConfiguration masterReplica = new RedisStaticMasterReplicaConfiguration(
				nodes.get(0).getRequiredHost(), nodes.get(0).getRequiredPort());
		nodes.stream().skip(1).forEach((node) -> masterReplica.addNode(node.getRequiredHost(), node.getRequiredPort()));
		// unlike Boot 4.0, which leaves this mode on database 0, the database setting applies
		// here as in every other mode
		masterReplica.setDatabase(database(settings));
		masterReplica.setUsername(settings.getUsername());
		masterReplica.setPassword(RedisPassword.of(settings.getPassword()));
		return masterReplica;
	}

	private static RedisStandaloneConfiguration standaloneConfiguration(RedisSettings settings) {
		RedisStandaloneConfiguration standalone = new RedisStandaloneConfiguration(settings.getHost(),
				(settings.getPort() != null) ? settings.getPort() : 6379);
		standalone.setDatabase(database(settings));
		standalone.setUsername(settings.getUsername());
		standalone.setPassword(RedisPassword.of(settings.getPassword()));
		return standalone;
	}

	static int database(RedisSettings settings) {
		return (settings.getDatabase() != null) ? settings.getDatabase() : 0;
	}

	/**
	 * How an instance reaches Redis.
	 */
	enum Mode {

		STANDALONE("standalone"), MASTER_REPLICA("master-replica"), SENTINEL("sentinel"), CLUSTER("cluster");

		private final String label;

		Mode(String label) {
			this.label = label;
		}

		/**
		 * The mode as the health details show it.
		 * @return for example {@code master-replica}
		 */
		String label() {
			return this.label;
		}

	}

	/**
	 * Kept apart so that commons-pool2 is only loaded when it is present.
	 */
	private static final class Pooling {

		static LettuceClientConfigurationBuilder builder(RedisSettings settings) {
			RedisSettings.Pool pool = settings.getLettuce().getPool();
			GenericObjectPoolConfig<StatefulConnection<?, ?>> config = new GenericObjectPoolConfig<>();
			config.setMaxTotal(pool.getMaxActive());
			config.setMaxIdle(pool.getMaxIdle());
			config.setMinIdle(pool.getMinIdle());
			config.setMaxWait(pool.getMaxWait());
			if (pool.getTimeBetweenEvictionRuns() != null) {
				config.setTimeBetweenEvictionRuns(pool.getTimeBetweenEvictionRuns());
			}
			return LettucePoolingClientConfiguration.builder().poolConfig(config);
		}

	}

	/**
	 * Kept apart so that Micrometer is only loaded when it is present.
	 */
	private static final class Metrics {

		static void apply(DefaultClientResources.Builder builder, InstanceContext<RedisSettings> context) {
			MeterRegistry registry = context.beanFactory().getBeanProvider(MeterRegistry.class).getIfAvailable();
			if (registry != null) {
				MicrometerOptions options = MicrometerOptions.builder().tags(Tags.of("name", context.name())).build();
				builder.commandLatencyRecorder(new MicrometerCommandLatencyRecorder(registry, options));
			}
		}

	}

	/**
	 * Spring Boot's Lettuce customizers, applied to every instance as Boot applies them to its
	 * single client; kept apart because spring-boot-data-redis is optional.
	 */
	private static final class BootCustomizers {

		static void clientResources(DefaultClientResources.Builder builder, ListableBeanFactory beanFactory) {
			beanFactory.getBeanProvider(ClientResourcesBuilderCustomizer.class)
				.orderedStream()
				.forEach((customizer) -> customizer.customize(builder));
		}

		static void clientConfiguration(LettuceClientConfigurationBuilder builder, ListableBeanFactory beanFactory) {
			beanFactory.getBeanProvider(LettuceClientConfigurationBuilderCustomizer.class)
				.orderedStream()
				.forEach((customizer) -> customizer.customize(builder));
		}

		static void clientOptions(ClientOptions.Builder builder, ListableBeanFactory beanFactory) {
			beanFactory.getBeanProvider(LettuceClientOptionsBuilderCustomizer.class)
				.orderedStream()
				.forEach((customizer) -> customizer.customize(builder));
		}

	}

}
