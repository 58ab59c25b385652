package dev.plugboard.samples.wss;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import dev.plugboard.InstanceState;
import dev.plugboard.Plugboard;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Nodes of the chat started side by side in this JVM, each on a random port, all relaying
 * through one channel of their own.
 */
final class ChatNodes implements AutoCloseable {

	private final String channel = "chat:test:" + UUID.randomUUID();

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	private final String busUrl;

	private final String historyUrl;

	ChatNodes(String busUrl, String historyUrl) {
		this.busUrl = busUrl;
		this.historyUrl = historyUrl;
	}

	/**
	 * Start a node.
	 * @param name the node's name
	 * @param extra more properties
	 * @return its port
	 */
	int start(String name, String... extra) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--chat.node=" + name, "--chat.channel=" + this.channel,
				"--plugboard.devservices.enabled=false", "--plugboard.redis.bus.url=" + this.busUrl,
				"--plugboard.redis.history.url=" + this.historyUrl));
		args.addAll(List.of(extra));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ChatApplication.class)
			.run(args.toArray(String[]::new));
		this.nodes.add(context);
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/**
	 * How many nodes listen on the bus channel.
	 * @return the number of subscribers Redis counts
	 */
	long listening() {
		RedisClient client = RedisClient.create(this.busUrl);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return connection.sync().pubsubNumsub(this.channel).getOrDefault(this.channel, 0L);
		}
		finally {
			client.shutdown();
		}
	}

	boolean busIs(InstanceState state) {
		return this.nodes.stream()
			.allMatch((node) -> node.getBean(Plugboard.class).find("redis", "bus").orElseThrow().state() == state);
	}

	@Override
	public void close() {
		this.nodes.forEach(ConfigurableApplicationContext::close);
	}

}
