package dev.plugboard.realtime.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.plugboard.realtime.History;
import dev.plugboard.realtime.PresenceStats;
import dev.plugboard.realtime.Publication;
import dev.plugboard.realtime.RealtimeException;
import dev.plugboard.realtime.RealtimeHooks;
import dev.plugboard.realtime.RealtimeNode;
import dev.plugboard.realtime.RpcMethod;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * A realtime node: its clients on this application node, the channels they subscribe to here,
 * and the broker that joins this node to the others.
 *
 * @author Plugboard
 */
final class Engine implements RealtimeNode, Broker.Deliveries, SmartLifecycle, DisposableBean {

	private static final Log logger = LogFactory.getLog(Engine.class);

	/** Stops before the web server's graceful shutdown, so that clients hear "shutdown, reconnect". */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	private static final Duration SEND_TIME_LIMIT = Duration.ofSeconds(10);

	private final String instance;

	private final RealtimeSettings settings;

	private final Broker broker;

	private final Tokens tokens;

	private final List<RealtimeHooks> hooks;

	private final Map<String, RpcMethod> rpc;

	private final RealtimeMeters meters;

	private final Duration shutdownTimeout;

	private final Map<String, Client> clients = new ConcurrentHashMap<>();

	private final Map<WebSocketSession, Client> sessions = new ConcurrentHashMap<>();

	private final Map<String, Set<Subscription>> channels = new ConcurrentHashMap<>();

	private final ScheduledExecutorService scheduler;

	private volatile boolean brokerStarted;

	private volatile boolean accepting;

	private volatile boolean running;

	Engine(String instance, RealtimeSettings settings, Broker broker, List<RealtimeHooks> hooks, List<RpcMethod> rpc,
			RealtimeMeters meters) {
		this.instance = instance;
		this.settings = settings;
		this.broker = broker;
		this.tokens = new Tokens(settings.getToken());
		this.hooks = List.copyOf(hooks);
		Map<String, RpcMethod> methods = new LinkedHashMap<>();
		for (RpcMethod method : rpc) {
			if (methods.putIfAbsent(method.name(), method) != null) {
				throw new IllegalStateException("Two RpcMethod beans of realtime instance '" + instance + "' are named '"
						+ method.name() + "'");
			}
		}
		this.rpc = methods;
		this.meters = meters;
		this.shutdownTimeout = settings.getShutdown().getTimeout();
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "plugboard-realtime-" + instance);
			thread.setDaemon(true);
			return thread;
		});
		long tick = Math.max(50, Math.min(1000, settings.getPingInterval().toMillis() / 4));
		this.scheduler.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
		long presence = Math.max(1000, settings.getPresenceTtl().toMillis() / 3);
		this.scheduler.scheduleWithFixedDelay(this::refreshPresence, presence, presence, TimeUnit.MILLISECONDS);
		meters.bind(this);
	}

	@Override
	public String instance() {
		return this.instance;
	}

	RealtimeSettings settings() {
		return this.settings;
	}

	Broker broker() {
		return this.broker;
	}

	Tokens tokens() {
		return this.tokens;
	}

	List<RealtimeHooks> hooks() {
		return this.hooks;
	}

	RealtimeMeters meters() {
		return this.meters;
	}

	@Nullable RpcMethod rpc(String method) {
		return this.rpc.get(method);
	}

	/** The namespace of a channel: the part before the first colon, or "default". */
	RealtimeSettings.Namespace namespace(String channel) {
		int colon = channel.indexOf(':');
		String name = (colon > 0) ? channel.substring(0, colon) : "default";
		RealtimeSettings.Namespace namespace = this.settings.getNamespaces().get(name);
		if (namespace == null) {
			throw new RealtimeException(RealtimeException.UNKNOWN_CHANNEL, "unknown channel");
		}
		return namespace;
	}

	// ---- connections

	boolean accepting() {
		return this.accepting;
	}

	/** The instance answers (its broker too): connections are taken from now on. */
	void accept() {
		this.accepting = true;
	}

	synchronized void startBroker() throws Exception {
		if (!this.brokerStarted) {
			this.broker.start(this);
			this.brokerStarted = true;
		}
	}

	Map<String, Object> check() throws Exception {
		startBroker();
		Map<String, Object> details = new LinkedHashMap<>(this.broker.check());
		details.put("path", RealtimeType.path(this.settings, this.instance));
		details.put("connections", this.clients.size());
		details.put("subscriptions", subscriptions());
		details.put("channels", this.channels.size());
		return details;
	}

	int subscriptions() {
		int count = 0;
		for (Client client : this.clients.values()) {
			count += client.subscriptions().size();
		}
		return count;
	}

	void opened(WebSocketSession session) {
		session.setTextMessageSizeLimit((int) Math.min(Integer.MAX_VALUE, this.settings.getMessageSizeLimit().toBytes()));
		WebSocketSession decorated = new ConcurrentWebSocketSessionDecorator(session, (int) SEND_TIME_LIMIT.toMillis(),
				this.settings.getClientQueueLimit(), ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
		Client client = new Client(this, decorated);
		client.nextPingAt = System.nanoTime() + this.settings.getPingInterval().toNanos();
		this.sessions.put(session, client);
	}

	void frame(WebSocketSession session, String payload) {
		Client client = this.sessions.get(session);
		if (client != null) {
			client.frame(payload);
		}
	}

	void closed(WebSocketSession session) {
		Client client = this.sessions.remove(session);
		if (client != null) {
			this.clients.remove(client.clientId());
			client.closed();
		}
	}

	void connected(Client client) {
		this.clients.put(client.clientId(), client);
	}

	// ---- channels on this node

	void subscribed(Subscription subscription) {
		Set<Subscription> local = this.channels.compute(subscription.channel(), (channel, current) -> {
			Set<Subscription> set = (current != null) ? current : ConcurrentHashMap.newKeySet();
			set.add(subscription);
			return set;
		});
		if (local.size() == 1) {
			this.broker.subscribe(subscription.channel());
		}
	}

	void unsubscribed(Subscription subscription) {
		boolean[] last = new boolean[1];
		this.channels.computeIfPresent(subscription.channel(), (channel, current) -> {
			current.remove(subscription);
			last[0] = current.isEmpty();
			return current.isEmpty() ? null : current;
		});
		if (last[0]) {
			try {
				this.broker.unsubscribe(subscription.channel());
			}
			catch (RuntimeException ex) {
				logger.debug("Could not unsubscribe " + subscription.channel() + " from the broker", ex);
			}
		}
	}

	// ---- deliveries from the broker

	@Override
	public void publication(String channel, String publication, long offset, String epoch) {
		Set<Subscription> local = this.channels.get(channel);
		if (local == null || local.isEmpty()) {
			return;
		}
		String frame = Json.publicationPush(channel, publication, offset);
		int written = 0;
		for (Subscription subscription : local) {
			if (subscription.deliver(frame, offset, epoch)) {
				written++;
			}
		}
		this.meters.publicationsOut(written);
	}

	@Override
	public void join(String channel, String info) {
		presenceChange(channel, "join", info);
	}

	@Override
	public void leave(String channel, String info) {
		presenceChange(channel, "leave", info);
	}

	private void presenceChange(String channel, String kind, String info) {
		Set<Subscription> local = this.channels.get(channel);
		if (local == null) {
			return;
		}
		String frame = "{\"push\":{\"channel\":" + Json.quote(channel) + ",\"" + kind + "\":{\"info\":" + info + "}}}";
		for (Subscription subscription : local) {
			subscription.deliverPresenceChange(frame);
		}
	}

	@Override
	public void control(String command) {
		JsonNode json = Json.read(command);
		String user = json.path("user").asString("");
		String op = json.path("op").asString("");
		for (Client client : this.clients.values()) {
			if (!client.user().equals(user)) {
				continue;
			}
			if (op.equals("disconnect")) {
				client.disconnect(3503, "force disconnect");
			}
			else if (op.equals("unsubscribe")) {
				client.unsubscribedByServer(json.path("channel").asString(""), 2000, "server unsubscribe");
			}
		}
	}

	// ---- RealtimeNode

	@Override
	public long publish(String channel, Object data) {
		return publish(channel, "{\"data\":" + Json.write(data) + "}").offset();
	}

	Broker.Position publish(String channel, String publication) {
		return this.broker.publish(channel, publication, namespace(channel));
	}

	@Override
	public History history(String channel, int limit, @Nullable Long sinceOffset, boolean reverse) {
		Broker.Stream stream = this.broker.history(channel, sinceOffset, limit, reverse, namespace(channel));
		List<Publication> publications = new ArrayList<>();
		for (Broker.Entry entry : stream.publications()) {
			JsonNode publication = Json.read(entry.publication());
			JsonNode info = publication.get("info");
			publications.add(new Publication(publication.get("data"), entry.offset(), info));
		}
		return new History(publications, stream.offset(), stream.epoch());
	}

	@Override
	public Map<String, JsonNode> presence(String channel) {
		namespace(channel);
		Map<String, JsonNode> result = new LinkedHashMap<>();
		this.broker.presence(channel).forEach((client, info) -> result.put(client, Json.read(info)));
		return result;
	}

	@Override
	public PresenceStats presenceStats(String channel) {
		Map<String, JsonNode> presence = presence(channel);
		Set<String> users = new HashSet<>();
		presence.values().forEach((info) -> users.add(info.path("user").asString("")));
		return new PresenceStats(presence.size(), users.size());
	}

	@Override
	public void disconnect(String user) {
		ObjectNode command = Json.object();
		command.put("op", "disconnect");
		command.put("user", user);
		this.broker.control(Json.write(command));
	}

	@Override
	public void unsubscribe(String user, String channel) {
		ObjectNode command = Json.object();
		command.put("op", "unsubscribe");
		command.put("user", user);
		command.put("channel", channel);
		this.broker.control(Json.write(command));
	}

	@Override
	public int connections() {
		return this.clients.size();
	}

	// ---- timers

	private void tick() {
		long now = System.nanoTime();
		long nowSeconds = System.currentTimeMillis() / 1000;
		for (Client client : this.sessions.values()) {
			try {
				if (!client.connected()) {
					// a connection that never says connect within a ping interval is dropped
					if (now - client.openedAt() > this.settings.getPingInterval().toNanos()) {
						client.disconnect(3501, "bad request");
					}
					continue;
				}
				if (client.expiresAt() > 0 && nowSeconds > client.expiresAt() + 1) {
					client.disconnect(3005, "expired");
					continue;
				}
				if (client.pongDeadline != 0 && now > client.pongDeadline) {
					client.disconnect(3012, "no pong");
					continue;
				}
				if (now >= client.nextPingAt) {
					client.nextPingAt = now + this.settings.getPingInterval().toNanos();
					if (client.pongDeadline == 0) {
						client.pongDeadline = now + this.settings.getPongTimeout().toNanos();
					}
					client.send("{}");
				}
			}
			catch (RuntimeException ex) {
				logger.debug("Realtime timer failed for " + client, ex);
			}
		}
	}

	private void refreshPresence() {
		for (Client client : this.clients.values()) {
			for (Subscription subscription : client.subscriptions().values()) {
				if (subscription.namespace().isPresence()) {
					try {
						this.broker.addPresence(subscription.channel(), client.clientId(), client.clientInfo());
					}
					catch (RuntimeException ex) {
						logger.debug("Could not refresh presence of " + client, ex);
					}
				}
			}
		}
	}

	// ---- lifecycle

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		stop(() -> {
		});
	}

	/** Every client hears "shutdown, reconnect" (3001); they are given shutdown.timeout to go. */
	@Override
	public void stop(Runnable callback) {
		this.accepting = false;
		this.running = false;
		List<Client> open = new ArrayList<>(this.sessions.values());
		for (Client client : open) {
			client.disconnect(3001, "shutdown");
		}
		long deadline = System.nanoTime() + this.shutdownTimeout.toNanos();
		while (!this.sessions.isEmpty() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		if (!this.sessions.isEmpty()) {
			logger.warn("Realtime instance '" + this.instance + "': " + this.sessions.size()
					+ " connections still open after shutdown.timeout " + this.shutdownTimeout);
		}
		callback.run();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
		this.broker.close();
	}

	@Override
	public String toString() {
		return "RealtimeNode[" + this.instance + ", broker=" + this.broker.describe() + "]";
	}

}
