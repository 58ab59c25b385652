package dev.plugboard.realtime.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.InstanceBeans;
import dev.plugboard.core.spi.InstanceContext;
import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.InstanceType;
import dev.plugboard.core.spi.InvalidSettingException;
import dev.plugboard.core.spi.PlugAssignments;
import dev.plugboard.core.spi.PlugboardException;
import dev.plugboard.realtime.RealtimeHooks;
import dev.plugboard.realtime.RpcMethod;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.util.ClassUtils;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * Realtime nodes: a WebSocket endpoint per instance speaking the Centrifuge client protocol, so
 * that the official Centrifuge SDKs connect unchanged, with channels in memory or shared through
 * a Redis instance.
 *
 * @author Plugboard
 */
public class RealtimeType implements InstanceType<RealtimeSettings> {

	static final String TYPE = "realtime";

	private static final boolean REDIS_PRESENT = ClassUtils.isPresent("dev.plugboard.redis.RedisInstance",
			RealtimeType.class.getClassLoader());

	private static final boolean MICROMETER_PRESENT = ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry",
			RealtimeType.class.getClassLoader());

	@Override
	public String name() {
		return TYPE;
	}

	@Override
	public Class<RealtimeSettings> settingsClass() {
		return RealtimeSettings.class;
	}

	/** A node is this application's own endpoint: it degrades with its broker but never stops startup. */
	@Override
	public boolean criticalByDefault() {
		return false;
	}

	/** Nothing for dev services to serve: the node runs in the application. */
	@Override
	public boolean hasConnection(InstanceDefinition<RealtimeSettings> definition) {
		return true;
	}

	@Override
	public Set<String> connectionSettings() {
		return Set.of();
	}

	private static boolean positive(java.time.Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

	static String path(RealtimeSettings settings, String instance) {
		return (settings.getPath() != null) ? settings.getPath() : "/connection/" + instance + "/websocket";
	}

	@Override
	public String prepare(InstanceDefinition<RealtimeSettings> definition) {
		RealtimeSettings settings = definition.settings();
		if (settings.getPath() == null && definition.primary()) {
			settings.setPath("/connection/websocket");
		}
		String path = path(settings, definition.name());
		if (!path.startsWith("/") || path.contains(" ")) {
			throw new InvalidSettingException(definition, "path", "'" + path + "' is not a path",
					"Use a path such as /connection/websocket.");
		}
		String secret = settings.getToken().getHmacSecret();
		if (secret != null && secret.isEmpty()) {
			settings.getToken().setHmacSecret(null);
			secret = null;
		}
		if (secret == null && !settings.isAllowAnonymous()) {
			throw new InvalidSettingException(definition, "token.hmac-secret",
					"anonymous connections are off (allow-anonymous: false) and no token secret is set, so no client "
							+ "could connect",
					"Set the secret that signs your connection tokens (HS256, at least " + Tokens.MIN_SECRET_BYTES
							+ " bytes), or allow anonymous clients with '" + definition.property("allow-anonymous")
							+ "=true'.");
		}
		if (secret != null && secret.getBytes(StandardCharsets.UTF_8).length < Tokens.MIN_SECRET_BYTES) {
			throw new InvalidSettingException(definition, "token.hmac-secret",
					"the secret has fewer than " + Tokens.MIN_SECRET_BYTES + " bytes, too short for HS256",
					"Use a random secret of at least " + Tokens.MIN_SECRET_BYTES + " bytes, for example the output of "
							+ "'openssl rand -base64 32'.");
		}
		if (settings.getBroker() != null && !REDIS_PRESENT) {
			throw new PlugboardException("The realtime instance '" + definition.name() + "' ('"
					+ definition.property("broker") + "') uses the Redis instance '" + settings.getBroker()
					+ "' as its broker, but Plugboard's Redis integration is not on the classpath.",
					"Add plugboard-starter-redis, or remove the broker to keep channels in memory (one application node).");
		}
		if (!positive(settings.getPingInterval()) || !positive(settings.getPongTimeout())) {
			throw new InvalidSettingException(definition, "ping-interval", "ping-interval and pong-timeout must be positive",
					"Use durations such as 25s and 8s.");
		}
		settings.getNamespaces().forEach((name, namespace) -> {
			String prefix = "namespaces." + name + ".";
			if (namespace.getHistorySize() < 0) {
				throw new InvalidSettingException(definition, prefix + "history-size", "must not be negative",
						"Keep 0 for no history, or the number of publications to keep, such as 100.");
			}
			if ((namespace.getHistorySize() > 0) != positive(namespace.getHistoryTtl())) {
				throw new InvalidSettingException(definition, prefix + "history-ttl",
						"history needs both history-size and history-ttl",
						"Set both, for example history-size: 100 and history-ttl: 10m, or neither.");
			}
			if (namespace.isRecovery() && !namespace.hasHistory()) {
				throw new InvalidSettingException(definition, prefix + "recovery",
						"recovery replays missed publications from history, and the namespace keeps none",
						"Set history-size and history-ttl for the namespace, or switch recovery off.");
			}
		});
		return "ws " + path + " (broker: " + ((settings.getBroker() != null)
				? "redis instance '" + settings.getBroker() + "'" : "memory") + ")";
	}

	@Override
	public void registerBeans(InstanceBeans<RealtimeSettings> beans) {
		InstanceDefinition<RealtimeSettings> definition = beans.definition();
		String broker = beans.settings().getBroker();
		String brokerBean = (broker != null) ? InstanceDefinition.Names.camelCase(broker) + "RedisInstance" : null;
		if (brokerBean != null && !beans.registry().containsBeanDefinition(brokerBean)) {
			throw new InvalidSettingException(definition, "broker", "there is no redis instance '" + broker + "'",
					"Name one of the redis instances " + redisInstances(beans.registry()) + ", or declare it under "
							+ "'plugboard.redis." + broker + ".*'.");
		}
		beans.register("RealtimeNode", Engine.class, (context) -> engine(context, brokerBean));
		beans.register("RealtimeHandler", RealtimeWebSocketHandler.class,
				(context) -> new RealtimeWebSocketHandler(context.bean("RealtimeNode", Engine.class)));
		beans.register("RealtimeHandlerMapping", WebSocketHandlerMapping.class, (context) -> {
			RealtimeWebSocketHandler handler = context.bean("RealtimeHandler", RealtimeWebSocketHandler.class);
			DefaultHandshakeHandler handshake = new DefaultHandshakeHandler();
			// the JSON client offers no subprotocol; one that offers centrifuge-json gets it echoed
			handshake.setSupportedProtocols("centrifuge-json");
			WebSocketHttpRequestHandler endpoint = new WebSocketHttpRequestHandler(handler, handshake);
			endpoint.setHandshakeInterceptors(List.of(handler));
			WebSocketHandlerMapping mapping = new WebSocketHandlerMapping();
			mapping.setUrlMap(Map.of(path(context.settings(), context.name()), endpoint));
			mapping.setOrder(1);
			return mapping;
		}).customize((bean) -> {
			bean.setPrimary(false);
			bean.setDefaultCandidate(false);
		});
	}

	private static Engine engine(InstanceContext<RealtimeSettings> context, @Nullable String brokerBean) {
		Broker broker = (brokerBean != null) ? RedisBrokers.create(context, brokerBean) : new MemoryBroker();
		List<RealtimeHooks> hooks = PlugAssignments.ordered(context, RealtimeHooks.class,
				PlugAssignments.assigned(context, RealtimeHooks.class, "realtime"));
		List<RpcMethod> rpc = PlugAssignments.ordered(context, RpcMethod.class,
				PlugAssignments.assigned(context, RpcMethod.class, "realtime"));
		Object registry = MICROMETER_PRESENT ? Micrometer.registry(context) : null;
		return new Engine(context.name(), context.settings(), broker, hooks, rpc,
				RealtimeMeters.of(registry, context.name()));
	}

	private static Set<String> redisInstances(BeanDefinitionRegistry registry) {
		Set<String> names = new TreeSet<>();
		for (String name : registry.getBeanDefinitionNames()) {
			if (name.endsWith("RedisInstance") && !name.equals("RedisInstance")) {
				names.add(name.substring(0, name.length() - "RedisInstance".length()));
			}
		}
		return names;
	}

	@Override
	public Map<String, Object> check(InstanceContext<RealtimeSettings> context) throws Exception {
		return context.bean("RealtimeNode", Engine.class).check();
	}

	/** The node answers with its broker: from now on it takes connections. */
	@Override
	public void onAvailable(InstanceContext<RealtimeSettings> context) {
		context.bean("RealtimeNode", Engine.class).accept();
	}

	@Override
	public Set<String> secrets(InstanceDefinition<RealtimeSettings> definition) {
		String secret = definition.settings().getToken().getHmacSecret();
		return (secret != null) ? Set.of(secret) : Set.of();
	}

	/** Keeps Micrometer out of the type's signature. */
	private static final class Micrometer {

		static @Nullable Object registry(InstanceContext<RealtimeSettings> context) {
			return context.beanFactory().getBeanProvider(io.micrometer.core.instrument.MeterRegistry.class).getIfAvailable();
		}

	}

	/** Keeps the Redis integration out of the type's signature. */
	private static final class RedisBrokers {

		static Broker create(InstanceContext<RealtimeSettings> context, String brokerBean) {
			return new RedisBroker(context.beanFactory().getBean(brokerBean, dev.plugboard.redis.RedisInstance.class),
					context.settings().getBroker(), context.settings());
		}

	}

}
