package dev.plugboard.realtime.autoconfigure;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where a node's channels live: publications (with history and positions), join and leave
 * messages, presence and cluster-wide commands. In memory for one application node, or in a
 * Redis instance shared by several.
 *
 * @author Plugboard
 */
interface Broker extends AutoCloseable {

	/**
	 * Start delivering what is published to channels this node subscribes to.
	 * @param deliveries where deliveries go
	 */
	void start(Deliveries deliveries) throws Exception;

	/**
	 * Publish: with history, the publication gets the channel's next offset atomically.
	 * @param channel the channel
	 * @param publication the publication JSON without offset ({@code {"data":…,"info":…}})
	 * @param namespace the channel's options
	 * @return the position after the publication (offset 0 without history)
	 */
	Position publish(String channel, String publication, RealtimeSettings.Namespace namespace);

	void join(String channel, String info);

	void leave(String channel, String info);

	/** Start receiving a channel on this node; returns once deliveries are certain. */
	void subscribe(String channel);

	void unsubscribe(String channel);

	/**
	 * History after an offset.
	 * @param channel the channel
	 * @param since the offset after which to read, or {@code null} from the oldest kept
	 * @param limit at most this many; 0 for the position only; negative for all
	 * @param reverse newest first
	 * @param namespace the channel's options
	 * @return the publications (JSON with offsets) and the position
	 */
	Stream history(String channel, @Nullable Long since, int limit, boolean reverse,
			RealtimeSettings.Namespace namespace);

	void addPresence(String channel, String client, String info);

	void removePresence(String channel, String client);

	Map<String, String> presence(String channel);

	/** Send a command to every node, this one included. */
	void control(String command);

	/** Prove the broker answers; returns a description for health. */
	Map<String, Object> check() throws Exception;

	String describe();

	@Override
	void close();

	/** What a broker hands to the node. */
	interface Deliveries {

		void publication(String channel, String publication, long offset, String epoch);

		void join(String channel, String info);

		void leave(String channel, String info);

		void control(String command);

	}

	record Position(long offset, String epoch) {
	}

	record Stream(List<Entry> publications, long offset, String epoch) {
	}

	record Entry(long offset, String publication) {
	}

}
