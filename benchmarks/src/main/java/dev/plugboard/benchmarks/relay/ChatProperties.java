package dev.plugboard.benchmarks.relay;

import java.util.UUID;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the chat.
 *
 * @param node name of this node, shown on the messages it relays; random by default
 * @param channel Redis channel the nodes relay messages through
 * @param historySize how many messages of each room are kept
 */
@ConfigurationProperties("chat")
public record ChatProperties(String node, String channel, int historySize) {

	public ChatProperties {
		node = (node != null) ? node : "node-" + UUID.randomUUID().toString().substring(0, 6);
		channel = (channel != null) ? channel : "chat:messages";
		historySize = (historySize > 0) ? historySize : 50;
	}

}
