package dev.plugboard.realtime;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A publication of a channel's history.
 *
 * @param data the data
 * @param offset its position in the channel (0 for channels without history)
 * @param info who published it, or {@code null} for the server
 *
 * @author Plugboard
 */
public record Publication(JsonNode data, long offset, @Nullable JsonNode info) {
}
