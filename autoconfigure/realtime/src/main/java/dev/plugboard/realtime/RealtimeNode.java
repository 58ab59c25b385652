package dev.plugboard.realtime;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A realtime node: what server code does with the channels of one {@code plugboard.realtime}
 * instance. With a broker, every call reaches the clients and state of every application node.
 * Inject it with {@code @Plug("<instance>") RealtimeNode}.
 *
 * @author Plugboard
 */
public interface RealtimeNode {

	/**
	 * The instance name.
	 * @return the name
	 */
	String instance();

	/**
	 * Publish to a channel's subscribers on every node, and to its history when its namespace
	 * keeps one.
	 * @param channel the channel
	 * @param data any value Jackson writes
	 * @return the publication's offset in the channel, 0 without history
	 */
	long publish(String channel, Object data);

	/**
	 * A channel's history.
	 * @param channel the channel
	 * @param limit how many publications at most; 0 for the position only, -1 for all
	 * @param sinceOffset publications after this offset, or {@code null} from the start
	 * @param reverse newest first
	 * @return the publications and the channel's position
	 */
	History history(String channel, int limit, @Nullable Long sinceOffset, boolean reverse);

	/**
	 * Who is subscribed to a channel, by client id.
	 * @param channel the channel
	 * @return each client's info: {@code user}, {@code client}, {@code conn_info}, {@code chan_info}
	 */
	Map<String, JsonNode> presence(String channel);

	/**
	 * How many clients and users are subscribed to a channel.
	 * @param channel the channel
	 * @return the figures
	 */
	PresenceStats presenceStats(String channel);

	/**
	 * Disconnect every connection of a user, on every node, with the protocol's "force
	 * disconnect" code (the client does not reconnect).
	 * @param user the user
	 */
	void disconnect(String user);

	/**
	 * Unsubscribe a user from a channel on every node.
	 * @param user the user
	 * @param channel the channel
	 */
	void unsubscribe(String user, String channel);

	/**
	 * Clients connected to this application node.
	 * @return the count
	 */
	int connections();

}
