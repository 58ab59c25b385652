package dev.plugboard.realtime;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Decisions a node asks the application for. Declare beans of this type; one qualified
 * {@code @Plug("<instance>")} serves that instance, an unqualified one the primary instance.
 * Every assigned bean is asked, in order; a hook refuses by throwing {@link RealtimeException}.
 *
 * @author Plugboard
 */
public interface RealtimeHooks {

	/**
	 * A client connects, with its token already verified (or anonymously).
	 * @param session the client
	 * @param data the {@code data} the client sent with {@code connect}, or {@code null}
	 * @return data sent back in the connect reply (any value Jackson writes), or {@code null}
	 */
	default @Nullable Object connect(RealtimeSession session, @Nullable JsonNode data) {
		return null;
	}

	/**
	 * A client subscribes to a channel of a namespace that allows subscriptions, without a
	 * subscription token (a valid token is authority enough).
	 * @param session the client
	 * @param channel the channel
	 */
	default void subscribe(RealtimeSession session, String channel) {
	}

	/**
	 * A client publishes to a channel of a namespace that allows publishing.
	 * @param session the client
	 * @param channel the channel
	 * @param data the data
	 */
	default void publish(RealtimeSession session, String channel, JsonNode data) {
	}

	/**
	 * A client sent an asynchronous message ({@code send}; there is no reply).
	 * @param session the client
	 * @param data the data
	 */
	default void message(RealtimeSession session, JsonNode data) {
	}

	/**
	 * A client disconnected.
	 * @param session the client
	 */
	default void disconnected(RealtimeSession session) {
	}

}
