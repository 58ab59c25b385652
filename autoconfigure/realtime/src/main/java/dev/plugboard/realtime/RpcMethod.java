package dev.plugboard.realtime;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A method that clients call with {@code rpc(method, data)}. Declare beans of this type
 * ({@code @Plug("<instance>")} for one instance, unqualified for the primary one).
 *
 * @author Plugboard
 */
public interface RpcMethod {

	/**
	 * The method name clients call.
	 * @return the name
	 */
	String name();

	/**
	 * Answer one call.
	 * @param session the caller
	 * @param data what the client sent, or {@code null}
	 * @return the result (any value Jackson writes), or {@code null}
	 * @throws RealtimeException to answer with an error code
	 */
	@Nullable Object call(RealtimeSession session, @Nullable JsonNode data);

}
