package dev.plugboard.redis.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.InstanceDefinition;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Node;

/**
 * Points the primary instance at the server of a {@link DataRedisConnectionDetails} bean (a
 * {@code @ServiceConnection} container, a Docker Compose service or a bean of the application's
 * own): standalone, sentinel, cluster or master/replica, as the bean describes it. Loaded only
 * when Spring Boot's Redis module is on the classpath.
 *
 * @author Plugboard
 */
final class RedisConnectionDetails {

	private RedisConnectionDetails() {
	}

	static void apply(Object bean, InstanceDefinition<RedisSettings> definition) {
		DataRedisConnectionDetails details = (DataRedisConnectionDetails) bean;
		RedisSettings settings = definition.settings();
		settings.setUrl(null);
		settings.setHost(null);
		settings.setPort(null);
		settings.setDatabase(null);
		settings.getSentinel().setMaster(null);
		settings.getSentinel().setNodes(List.of());
		settings.getCluster().setNodes(List.of());
		settings.getMasterreplica().setNodes(List.of());
		settings.setUsername(details.getUsername());
		settings.setPassword(details.getPassword());
		DataRedisConnectionDetails.Sentinel sentinel = details.getSentinel();
		DataRedisConnectionDetails.Cluster cluster = details.getCluster();
		DataRedisConnectionDetails.MasterReplica masterReplica = details.getMasterReplica();
		DataRedisConnectionDetails.Standalone standalone = details.getStandalone();
		if (sentinel != null) {
			settings.getSentinel().setMaster(sentinel.getMaster());
			settings.getSentinel().setNodes(nodes(sentinel.getNodes()));
			settings.getSentinel().setUsername(sentinel.getUsername());
			settings.getSentinel().setPassword(sentinel.getPassword());
			settings.setDatabase(sentinel.getDatabase());
		}
		else if (cluster != null) {
			settings.getCluster().setNodes(nodes(cluster.getNodes()));
		}
		else if (masterReplica != null) {
			settings.getMasterreplica().setNodes(nodes(masterReplica.getNodes()));
		}
		else if (standalone != null) {
			settings.setHost(standalone.getHost());
			settings.setPort(standalone.getPort());
			settings.setDatabase(standalone.getDatabase());
		}
	}

	private static List<String> nodes(@Nullable List<Node> nodes) {
		return (nodes != null) ? nodes.stream().map((node) -> node.host() + ":" + node.port()).toList() : List.of();
	}

}
