package dev.plugboard.benchmarks.relay;

import java.time.Instant;

/**
 * One message in a room.
 *
 * @param room the room
 * @param from who wrote it
 * @param text what was written
 * @param sentAt when the node received it
 * @param node the node its writer is connected to
 * @param nodeOnly {@code true} when the bus was down and only the writer's node got it
 */
public record ChatMessage(String room, String from, String text, Instant sentAt, String node, boolean nodeOnly) {

	ChatMessage onThisNodeOnly() {
		return new ChatMessage(this.room, this.from, this.text, this.sentAt, this.node, true);
	}

}
