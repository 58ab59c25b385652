package dev.plugboard.realtime.autoconfigure;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The node's JSON: compact, one mapper.
 *
 * @author Plugboard
 */
final class Json {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	static ObjectNode object() {
		return MAPPER.createObjectNode();
	}

	static String write(Object value) {
		return MAPPER.writeValueAsString(value);
	}

	static JsonNode tree(@Nullable Object value) {
		return MAPPER.valueToTree(value);
	}

	static JsonNode read(String text) {
		return MAPPER.readTree(text);
	}

	static String quote(String text) {
		return MAPPER.writeValueAsString(text);
	}

	/**
	 * A publication with its offset, from the stored form without one: {@code {"data":…}} →
	 * {@code {"offset":7,"data":…}}.
	 */
	static String withOffset(String publication, long offset) {
		if (offset <= 0) {
			return publication;
		}
		return "{\"offset\":" + offset + (publication.length() > 2 ? "," + publication.substring(1) : "}");
	}

	static String publicationPush(String channel, String publication, long offset) {
		return "{\"push\":{\"channel\":" + quote(channel) + ",\"pub\":" + withOffset(publication, offset) + "}}";
	}

}
