package dev.plugboard.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two application nodes of one realtime instance 'chat', sharing the shared Redis server (the
 * redis instance 'bus') as their broker, with a key prefix of their own per test.
 */
final class TwoNodes implements AutoCloseable {

	final String prefix = "plugboard.test." + UUID.randomUUID().toString().substring(0, 8);

	ConfigurableApplicationContext a;

	ConfigurableApplicationContext b;

	TwoNodes(String... properties) {
		this.a = start(properties);
		this.b = start(properties);
	}

	private ConfigurableApplicationContext start(String... properties) {
		List<String> all = new ArrayList<>(List.of("plugboard.redis.bus.url=" + redisUrl(),
				"plugboard.realtime.chat.broker=bus", "plugboard.realtime.chat.redis-prefix=" + this.prefix,
				"plugboard.realtime.chat.primary=true", "plugboard.realtime.chat.allow-anonymous=true",
				"plugboard.realtime.chat.namespaces.chat.publish=true",
				"plugboard.realtime.chat.namespaces.chat.history-size=1000",
				"plugboard.realtime.chat.namespaces.chat.history-ttl=10m",
				"plugboard.realtime.chat.namespaces.chat.presence=true",
				"plugboard.realtime.chat.namespaces.chat.join-leave=true",
				"plugboard.realtime.chat.namespaces.chat.recovery=true",
				"plugboard.realtime.chat.namespaces.short.history-size=3",
				"plugboard.realtime.chat.namespaces.short.history-ttl=10m",
				"plugboard.realtime.chat.namespaces.short.recovery=true"));
		all.addAll(List.of(properties));
		return RealtimeApplication.start(all.toArray(String[]::new));
	}

	static String redisUrl() {
		String base = System.getenv().getOrDefault("PLUGBOARD_TEST_REDIS_URL", "redis://127.0.0.1:6379");
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/9";
	}

	String url(ConfigurableApplicationContext node) {
		return RealtimeApplication.url(node, "/connection/websocket");
	}

	RealtimeNode node(ConfigurableApplicationContext context) {
		return context.getBean("chatRealtimeNode", RealtimeNode.class);
	}

	@Override
	public void close() {
		if (this.a != null && this.a.isActive()) {
			this.a.close();
		}
		if (this.b != null && this.b.isActive()) {
			this.b.close();
		}
	}

}
