package dev.plugboard.samples.wss;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.plugboard.realtime.RealtimeException;
import dev.plugboard.realtime.RealtimeHooks;
import dev.plugboard.realtime.RealtimeSession;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the chat asks of its clients: a message is {@code {"name": …, "text": …}} with a short name
 * and a text of at most {@value #MAX_TEXT} characters. Each client learns which node serves it.
 */
@Component
class ChatRules implements RealtimeHooks {

	static final int MAX_NAME = 40;

	static final int MAX_TEXT = 2000;

	private final String node;

	ChatRules(@Value("${chat.node:}") String node) {
		this.node = node.isBlank() ? "node-" + UUID.randomUUID().toString().substring(0, 6) : node;
	}

	@Override
	public @Nullable Object connect(RealtimeSession session, @Nullable JsonNode data) {
		return Map.of("node", this.node);
	}

	@Override
	public void publish(RealtimeSession session, String channel, JsonNode data) {
		String name = data.path("name").isString() ? data.path("name").asString() : "";
		String text = data.path("text").isString() ? data.path("text").asString() : "";
		if (name.isBlank() || name.length() > MAX_NAME || text.isBlank() || text.length() > MAX_TEXT) {
			throw new RealtimeException(RealtimeException.BAD_REQUEST,
					"a message is {\"name\": 1 to " + MAX_NAME + " characters, \"text\": 1 to " + MAX_TEXT + "}");
		}
	}

}
