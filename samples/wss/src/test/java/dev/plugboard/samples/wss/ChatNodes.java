package dev.plugboard.samples.wss;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Nodes of the chat started side by side in this JVM, each on a random port, all with the same
 * broker: one Redis server, and key and pub/sub names of their own (Redis pub/sub ignores the
 * database number, so a prefix is what keeps parallel runs apart).
 */
final class ChatNodes implements AutoCloseable {

	private final String prefix = "chat-test-" + UUID.randomUUID().toString().substring(0, 8);

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	private final String busUrl;

	ChatNodes(String busUrl) {
		this.busUrl = busUrl;
	}

	/**
	 * Start a node.
	 * @param name the node's name, which its clients get in the connect reply
	 * @return its port
	 */
	int start(String name) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ChatApplication.class).run(
				"--server.port=0", "--chat.node=" + name, "--plugboard.devservices.enabled=false",
				"--plugboard.redis.bus.url=" + this.busUrl, "--plugboard.realtime.chat.redis-prefix=" + this.prefix,
				"--spring.main.banner-mode=off");
		this.nodes.add(context);
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	static String websocket(int port) {
		return "ws://127.0.0.1:" + port + "/connection/websocket";
	}

	@Override
	public void close() {
		this.nodes.forEach(ConfigurableApplicationContext::close);
	}

}
