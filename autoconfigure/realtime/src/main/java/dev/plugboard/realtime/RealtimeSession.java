package dev.plugboard.realtime;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One connected client, as hooks and RPC methods see it.
 *
 * @author Plugboard
 */
public interface RealtimeSession {

	/**
	 * The client id the node gave the connection.
	 * @return the id
	 */
	String clientId();

	/**
	 * The user: the connection token's {@code sub}, or the empty string for an anonymous client.
	 * @return the user
	 */
	String user();

	/**
	 * The token's {@code info} claim, shown to other clients as {@code conn_info}.
	 * @return the info or {@code null}
	 */
	@Nullable JsonNode info();

	/**
	 * The name of the node's instance.
	 * @return for example {@code chat}
	 */
	String instance();

}
