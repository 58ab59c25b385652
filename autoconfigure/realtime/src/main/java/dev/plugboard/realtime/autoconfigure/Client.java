package dev.plugboard.realtime.autoconfigure;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

import dev.plugboard.realtime.RealtimeException;
import dev.plugboard.realtime.RealtimeHooks;
import dev.plugboard.realtime.RealtimeSession;
import dev.plugboard.realtime.RpcMethod;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One client connection: the protocol's commands in, replies and pushes out. A frame may carry
 * several commands, one a line; their replies go back in one frame, and what they make ready
 * (subscriptions' live publications) only after it.
 *
 * @author Plugboard
 */
final class Client implements RealtimeSession {

	private static final Log logger = LogFactory.getLog(Client.class);

	static final String VERSION = "plugboard";

	private final Engine engine;

	private final WebSocketSession session;

	private final String id = UUID.randomUUID().toString();

	private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

	private volatile boolean connected;

	private volatile boolean closed;

	private volatile String user = "";

	private volatile @Nullable JsonNode info;

	/** Epoch seconds after which the connection expires unless refreshed; 0 for never. */
	private volatile long expiresAt;

	volatile long nextPingAt;

	volatile long pongDeadline;

	private final long openedAt = System.nanoTime();

	Client(Engine engine, WebSocketSession session) {
		this.engine = engine;
		this.session = session;
	}

	@Override
	public String clientId() {
		return this.id;
	}

	@Override
	public String user() {
		return this.user;
	}

	@Override
	public @Nullable JsonNode info() {
		return this.info;
	}

	@Override
	public String instance() {
		return this.engine.instance();
	}

	boolean connected() {
		return this.connected;
	}

	long openedAt() {
		return this.openedAt;
	}

	long expiresAt() {
		return this.expiresAt;
	}

	Map<String, Subscription> subscriptions() {
		return this.subscriptions;
	}

	/** Process one frame. */
	void frame(String payload) {
		List<String> replies = new ArrayList<>();
		List<Runnable> after = new ArrayList<>();
		for (String line : payload.split("\n")) {
			if (this.closed) {
				return;
			}
			if (!line.isBlank()) {
				command(line, replies, after);
			}
		}
		if (!replies.isEmpty()) {
			send(String.join("\n", replies));
		}
		after.forEach(Runnable::run);
	}

	private void command(String line, List<String> replies, List<Runnable> after) {
		JsonNode command;
		try {
			command = Json.read(line);
		}
		catch (JacksonException ex) {
			disconnect(3501, "bad request");
			return;
		}
		if (command.isEmpty()) {
			// a pong
			this.pongDeadline = 0;
			return;
		}
		long id = command.path("id").asLong(0);
		if (!this.connected && !command.has("connect")) {
			disconnect(3501, "bad request");
			return;
		}
		try {
			if (command.has("connect")) {
				replies.add(reply(id, "connect", connect(command.get("connect"), after)));
			}
			else if (command.has("subscribe")) {
				replies.add(reply(id, "subscribe", subscribe(command.get("subscribe"), false, after)));
			}
			else if (command.has("unsubscribe")) {
				unsubscribe(text(command.get("unsubscribe"), "channel"), true);
				replies.add(reply(id, "unsubscribe", Json.object()));
			}
			else if (command.has("publish")) {
				replies.add(reply(id, "publish", publish(command.get("publish"))));
			}
			else if (command.has("presence")) {
				replies.add(reply(id, "presence", presence(command.get("presence"))));
			}
			else if (command.has("presence_stats")) {
				replies.add(reply(id, "presence_stats", presenceStats(command.get("presence_stats"))));
			}
			else if (command.has("history")) {
				replies.add(reply(id, "history", history(command.get("history"))));
			}
			else if (command.has("rpc")) {
				replies.add(reply(id, "rpc", rpc(command.get("rpc"))));
			}
			else if (command.has("send")) {
				JsonNode data = command.get("send").get("data");
				for (RealtimeHooks hooks : this.engine.hooks()) {
					hooks.message(this, data);
				}
			}
			else if (command.has("refresh")) {
				replies.add(reply(id, "refresh", refresh(command.get("refresh"))));
			}
			else if (command.has("sub_refresh")) {
				ObjectNode result = Json.object();
				result.put("expires", false);
				replies.add(reply(id, "sub_refresh", result));
			}
			else {
				throw new RealtimeException(RealtimeException.METHOD_NOT_FOUND, "method not found");
			}
		}
		catch (RealtimeException ex) {
			replies.add(error(id, ex));
		}
		catch (Tokens.InvalidTokenException ex) {
			if (command.has("subscribe")) {
				replies.add(error(id, RealtimeException.permissionDenied()));
			}
			else {
				// an invalid connection token: the client must not try again with it
				send(replies);
				disconnect(3500, "invalid token");
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Realtime instance '" + this.engine.instance() + "': command failed for client " + this.id, ex);
			replies.add(error(id, new RealtimeException(RealtimeException.INTERNAL, "internal server error")));
		}
	}

	private void send(List<String> replies) {
		if (!replies.isEmpty()) {
			send(String.join("\n", replies));
			replies.clear();
		}
	}

	private ObjectNode connect(JsonNode request, List<Runnable> after) {
		if (this.connected) {
			throw new RealtimeException(RealtimeException.BAD_REQUEST, "already connected");
		}
		String token = request.path("token").asString("");
		List<String> serverSide = List.of();
		if (token.isEmpty()) {
			if (!this.engine.settings().isAllowAnonymous()) {
				throw new RealtimeException(RealtimeException.UNAUTHORIZED, "unauthorized");
			}
		}
		else {
			Tokens.Claims claims = this.engine.tokens().verify(token);
			this.user = claims.subject();
			this.info = claims.info();
			this.expiresAt = claims.expiresAt();
			serverSide = claims.channels();
			if (this.user.isEmpty() && !this.engine.settings().isAllowAnonymous()) {
				throw new RealtimeException(RealtimeException.UNAUTHORIZED, "unauthorized");
			}
		}
		JsonNode data = request.get("data");
		Object answer = null;
		for (RealtimeHooks hooks : this.engine.hooks()) {
			Object given = hooks.connect(this, data);
			answer = (given != null) ? given : answer;
		}
		this.connected = true;
		this.engine.connected(this);
		ObjectNode result = Json.object();
		result.put("client", this.id);
		result.put("version", VERSION);
		result.put("ping", Math.max(1, this.engine.settings().getPingInterval().toSeconds()));
		result.put("pong", true);
		if (this.expiresAt > 0) {
			result.put("expires", true);
			result.put("ttl", Math.max(1, this.expiresAt - System.currentTimeMillis() / 1000));
		}
		if (answer != null) {
			result.set("data", Json.tree(answer));
		}
		if (!serverSide.isEmpty()) {
			ObjectNode subs = result.putObject("subs");
			JsonNode recovering = request.path("subs");
			for (String channel : serverSide) {
				ObjectNode subscribe = Json.object();
				subscribe.put("channel", channel);
				JsonNode previous = recovering.path(channel);
				if (previous.isObject()) {
					subscribe.put("recover", previous.path("recover").asBoolean(false));
					subscribe.put("offset", previous.path("offset").asLong(0));
					subscribe.put("epoch", previous.path("epoch").asString(""));
				}
				subscribe.put("recoverable", true);
				subscribe.put("positioned", true);
				subscribe.put("join_leave", true);
				subs.set(channel, subscribe(subscribe, true, after));
			}
		}
		return result;
	}

	private ObjectNode subscribe(JsonNode request, boolean serverSide, List<Runnable> after) {
		String channel = text(request, "channel");
		RealtimeSettings.Namespace namespace = this.engine.namespace(channel);
		if (this.subscriptions.containsKey(channel)) {
			throw new RealtimeException(RealtimeException.ALREADY_SUBSCRIBED, "already subscribed");
		}
		String token = request.path("token").asString("");
		if (!serverSide) {
			if (!token.isEmpty()) {
				Tokens.Claims claims = this.engine.tokens().verify(token);
				if (!channel.equals(claims.channel()) || !this.user.equals(claims.subject())) {
					throw RealtimeException.permissionDenied();
				}
			}
			else {
				if (!namespace.isSubscribe()) {
					throw RealtimeException.permissionDenied();
				}
				for (RealtimeHooks hooks : this.engine.hooks()) {
					hooks.subscribe(this, channel);
				}
			}
		}
		boolean recoverable = namespace.isRecovery() && namespace.hasHistory()
				&& request.path("recoverable").asBoolean(false);
		boolean positioned = namespace.hasHistory() && (recoverable || request.path("positioned").asBoolean(false));
		boolean joinLeave = namespace.isJoinLeave() && request.path("join_leave").asBoolean(false);
		Subscription subscription = new Subscription(this, channel, namespace, positioned, joinLeave);
		this.subscriptions.put(channel, subscription);
		try {
			this.engine.subscribed(subscription);
			ObjectNode result = Json.object();
			if (positioned) {
				Broker.Stream stream;
				boolean recovering = recoverable && request.path("recover").asBoolean(false);
				if (recovering) {
					long since = request.path("offset").asLong(0);
					String epoch = request.path("epoch").asString("");
					stream = this.engine.broker().history(channel, since, -1, false, namespace);
					boolean recovered = epoch.equals(stream.epoch()) && continuous(stream, since);
					result.put("was_recovering", true);
					result.put("recovered", recovered);
					if (recovered && !stream.publications().isEmpty()) {
						result.putRawValue("publications", new RawValue(publications(stream.publications())));
					}
					this.engine.meters().recovery(recovered);
				}
				else {
					stream = this.engine.broker().history(channel, null, 0, false, namespace);
				}
				subscription.position(stream.offset(), stream.epoch());
				if (recoverable) {
					result.put("recoverable", true);
				}
				result.put("positioned", true);
				result.put("offset", stream.offset());
				result.put("epoch", stream.epoch());
			}
			String clientInfo = clientInfo();
			if (namespace.isPresence()) {
				this.engine.broker().addPresence(channel, this.id, clientInfo);
			}
			if (namespace.isJoinLeave()) {
				this.engine.broker().join(channel, clientInfo);
			}
			after.add(subscription::ready);
			return result;
		}
		catch (RuntimeException ex) {
			this.subscriptions.remove(channel);
			this.engine.unsubscribed(subscription);
			throw ex;
		}
	}

	/** Whether the history holds every publication after {@code since}, up to the top. */
	private static boolean continuous(Broker.Stream stream, long since) {
		List<Broker.Entry> entries = stream.publications();
		if (entries.isEmpty()) {
			return stream.offset() == since;
		}
		return entries.get(0).offset() == since + 1 && entries.get(entries.size() - 1).offset() == stream.offset()
				&& entries.size() == stream.offset() - since;
	}

	private static String publications(List<Broker.Entry> entries) {
		StringBuilder text = new StringBuilder("[");
		for (Broker.Entry entry : entries) {
			if (text.length() > 1) {
				text.append(',');
			}
			text.append(Json.withOffset(entry.publication(), entry.offset()));
		}
		return text.append(']').toString();
	}

	/** Leave a channel: on request, when the server unsubscribes the client, or at disconnect. */
	void unsubscribe(String channel, boolean announce) {
		Subscription subscription = this.subscriptions.remove(channel);
		if (subscription == null) {
			return;
		}
		this.engine.unsubscribed(subscription);
		try {
			if (subscription.namespace().isPresence()) {
				this.engine.broker().removePresence(channel, this.id);
			}
			if (announce && subscription.namespace().isJoinLeave()) {
				this.engine.broker().leave(channel, clientInfo());
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Could not announce that client " + this.id + " left " + channel, ex);
		}
	}

	/** The server ends a subscription: the client is told (2000, final; 2500 and up, resubscribe). */
	void unsubscribedByServer(String channel, int code, String reason) {
		if (this.subscriptions.containsKey(channel)) {
			unsubscribe(channel, true);
			send("{\"push\":{\"channel\":" + Json.quote(channel) + ",\"unsubscribe\":{\"code\":" + code + ",\"reason\":"
					+ Json.quote(reason) + "}}}");
		}
	}

	private ObjectNode publish(JsonNode request) {
		String channel = text(request, "channel");
		RealtimeSettings.Namespace namespace = this.engine.namespace(channel);
		if (!namespace.isPublish() || !this.subscriptions.containsKey(channel)) {
			throw RealtimeException.permissionDenied();
		}
		JsonNode data = request.get("data");
		if (data == null) {
			throw new RealtimeException(RealtimeException.BAD_REQUEST, "bad request");
		}
		for (RealtimeHooks hooks : this.engine.hooks()) {
			hooks.publish(this, channel, data);
		}
		this.engine.publish(channel, "{\"data\":" + Json.write(data) + ",\"info\":" + clientInfo() + "}");
		this.engine.meters().publicationIn();
		return Json.object();
	}

	private ObjectNode presence(JsonNode request) {
		String channel = text(request, "channel");
		if (!this.engine.namespace(channel).isPresence()) {
			throw new RealtimeException(RealtimeException.NOT_AVAILABLE, "not available");
		}
		Map<String, String> clients = this.engine.broker().presence(channel);
		StringBuilder text = new StringBuilder("{");
		clients.forEach((client, info) -> {
			if (text.length() > 1) {
				text.append(',');
			}
			text.append(Json.quote(client)).append(':').append(info);
		});
		ObjectNode result = Json.object();
		result.putRawValue("presence", new RawValue(text.append('}').toString()));
		return result;
	}

	private ObjectNode presenceStats(JsonNode request) {
		String channel = text(request, "channel");
		if (!this.engine.namespace(channel).isPresence()) {
			throw new RealtimeException(RealtimeException.NOT_AVAILABLE, "not available");
		}
		Map<String, String> clients = this.engine.broker().presence(channel);
		Set<String> users = new HashSet<>();
		clients.values().forEach((info) -> users.add(Json.read(info).path("user").asString("")));
		ObjectNode result = Json.object();
		result.put("num_clients", clients.size());
		result.put("num_users", users.size());
		return result;
	}

	private ObjectNode history(JsonNode request) {
		String channel = text(request, "channel");
		RealtimeSettings.Namespace namespace = this.engine.namespace(channel);
		if (!namespace.hasHistory()) {
			throw new RealtimeException(RealtimeException.NOT_AVAILABLE, "not available");
		}
		JsonNode since = request.get("since");
		Long sinceOffset = null;
		String sinceEpoch = null;
		if (since != null && since.isObject()) {
			sinceOffset = since.path("offset").asLong(0);
			sinceEpoch = since.path("epoch").asString("");
		}
		int limit = request.path("limit").asInt(0);
		Broker.Stream stream = this.engine.broker().history(channel, sinceOffset, limit, request.path("reverse")
			.asBoolean(false), namespace);
		if (sinceEpoch != null && !sinceEpoch.isEmpty() && !sinceEpoch.equals(stream.epoch())) {
			throw new RealtimeException(RealtimeException.UNRECOVERABLE_POSITION, "unrecoverable position");
		}
		ObjectNode result = Json.object();
		result.putRawValue("publications", new RawValue(publications(stream.publications())));
		result.put("epoch", stream.epoch());
		result.put("offset", stream.offset());
		return result;
	}

	private ObjectNode rpc(JsonNode request) {
		String method = request.path("method").asString("");
		RpcMethod target = this.engine.rpc(method);
		if (target == null) {
			throw new RealtimeException(RealtimeException.METHOD_NOT_FOUND, "method not found");
		}
		Object answer = target.call(this, request.get("data"));
		ObjectNode result = Json.object();
		if (answer != null) {
			result.set("data", Json.tree(answer));
		}
		return result;
	}

	private ObjectNode refresh(JsonNode request) {
		Tokens.Claims claims = this.engine.tokens().verify(text(request, "token"));
		if (!claims.subject().equals(this.user)) {
			throw new Tokens.InvalidTokenException("the token is for another user");
		}
		this.expiresAt = claims.expiresAt();
		ObjectNode result = Json.object();
		result.put("client", this.id);
		result.put("version", VERSION);
		if (this.expiresAt > 0) {
			result.put("expires", true);
			result.put("ttl", Math.max(1, this.expiresAt - System.currentTimeMillis() / 1000));
		}
		return result;
	}

	String clientInfo() {
		ObjectNode info = Json.object();
		info.put("user", this.user);
		info.put("client", this.id);
		if (this.info != null) {
			info.set("conn_info", this.info);
		}
		return Json.write(info);
	}

	private static String text(JsonNode request, String field) {
		String value = request.path(field).asString("");
		if (value.isEmpty()) {
			throw new RealtimeException(RealtimeException.BAD_REQUEST, "bad request");
		}
		return value;
	}

	private static String reply(long id, String method, ObjectNode result) {
		return "{\"id\":" + id + ",\"" + method + "\":" + Json.write(result) + "}";
	}

	private static String error(long id, RealtimeException ex) {
		return "{\"id\":" + id + ",\"error\":{\"code\":" + ex.code() + ",\"message\":" + Json.quote(ex.getMessage())
				+ (ex.temporary() ? ",\"temporary\":true" : "") + "}}";
	}

	/** Write a frame; a client whose queue overflows is closed by the session decorator. */
	void send(String frame) {
		if (this.closed) {
			return;
		}
		try {
			this.session.sendMessage(new TextMessage(frame));
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not write to client " + this.id + ": " + ex.getMessage());
			disconnect(3004, "write error");
		}
	}

	/** Close the connection with a protocol disconnect code. */
	void disconnect(int code, String reason) {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			this.session.close(new CloseStatus(code, reason));
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not close client " + this.id + ": " + ex.getMessage());
		}
	}

	boolean isOpen() {
		return !this.closed && this.session.isOpen();
	}

	/** The connection is gone: leave every channel. */
	void closed() {
		this.closed = true;
		for (String channel : List.copyOf(this.subscriptions.keySet())) {
			unsubscribe(channel, true);
		}
		if (this.connected) {
			for (RealtimeHooks hooks : this.engine.hooks()) {
				try {
					hooks.disconnected(this);
				}
				catch (RuntimeException ex) {
					logger.warn("A RealtimeHooks bean failed on disconnect", ex);
				}
			}
		}
	}

	@Override
	public String toString() {
		return "Client[" + this.id + ", user=" + this.user + "]";
	}

}
