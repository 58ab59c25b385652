package dev.plugboard.realtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.plugboard.Plug;
import dev.plugboard.realtime.testing.SdkScenario;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official Centrifuge JavaScript SDK against one node with channels in memory.
 */
class RealtimeSdkTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	private String start(String... properties) {
		this.context = RealtimeApplication.start(Hooks.class, properties);
		return RealtimeApplication.url(this.context, "/connection/websocket");
	}

	private static String[] chat(String... more) {
		List<String> all = new java.util.ArrayList<>(List.of("plugboard.realtime.chat.allow-anonymous=true",
				"plugboard.realtime.chat.token.hmac-secret=" + RealtimeApplication.SECRET,
				"plugboard.realtime.chat.namespaces.chat.publish=true",
				"plugboard.realtime.chat.namespaces.chat.history-size=100",
				"plugboard.realtime.chat.namespaces.chat.history-ttl=10m",
				"plugboard.realtime.chat.namespaces.chat.presence=true",
				"plugboard.realtime.chat.namespaces.chat.join-leave=true",
				"plugboard.realtime.chat.namespaces.chat.recovery=true"));
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

	@Test
	void anonymousClientsSubscribePublishAndSeeEachOtherServerPublicationsHistoryPresenceAndRpc() {
		String url = start(chat());
		RealtimeNode node = this.context.getBean("chatRealtimeNode", RealtimeNode.class);
		try (SdkScenario s = SdkScenario.run("""
				import { harness } from './harness.mjs';
				const h = harness();
				const alice = h.client('alice', '%1$s');
				const bob = h.client('bob', '%1$s');
				h.subscribe('alice', 'chat:room1', { joinLeave: true, recoverable: true, positioned: true }).subscribe();
				alice.connect();
				await h.until('alice', 'subscribed', (e) => e.channel === 'chat:room1');
				h.subscribe('bob', 'chat:room1', {}).subscribe();
				bob.connect();
				await h.until('bob', 'subscribed');
				await h.until('alice', 'join', (e) => e.info.user === '');
				await h.signal('both-subscribed');
				await h.until('alice', 'publication', (e) => e.data.from === 'server');
				await h.until('bob', 'publication', (e) => e.data.from === 'server');
				await h.publish('bob', 'chat:room1', { from: 'bob', text: 'hi' });
				await h.until('alice', 'publication', (e) => e.data.from === 'bob');
				await h.history('alice', 'chat:room1', { limit: 10 });
				await h.presence('alice', 'chat:room1');
				await h.presenceStats('alice', 'chat:room1');
				await h.rpc('alice', 'echo', { ping: 1 });
				await h.rpc('alice', 'nope', {});
				await h.publish('alice', 'news:1', { x: 1 });
				// larger than the servlet container's 8 KiB default: within the node's 64 KiB
				await h.publish('alice', 'chat:room1', { from: 'alice', text: 'x'.repeat(20000) });
				await h.until('bob', 'publication', (e) => e.data.from === 'alice');
				h.done();
				""".formatted(url))) {
			s.onSignal("both-subscribed", WAIT, () -> node.publish("chat:room1", Map.of("from", "server")));
			Map<String, Object> subscribed = s.awaitEvent("alice", "subscribed", WAIT);
			assertThat(subscribed.get("recoverable")).isEqualTo(true);
			Map<String, Object> fromBob = s.awaitEvent("alice", "publication",
					(e) -> "bob".equals(((Map<?, ?>) e.get("data")).get("from")), WAIT);
			assertThat(fromBob.get("offset")).isEqualTo(2L);
			assertThat(((Map<?, ?>) fromBob.get("info")).get("user")).isEqualTo("");
			Map<String, Object> history = s.awaitEvent("alice", "history", WAIT);
			assertThat((List<?>) history.get("publications")).hasSize(2);
			assertThat(history.get("offset")).isEqualTo(2L);
			Map<String, Object> presence = s.awaitEvent("alice", "presence", WAIT);
			assertThat((Map<?, ?>) presence.get("clients")).hasSize(2);
			Map<String, Object> stats = s.awaitEvent("alice", "presenceStats", WAIT);
			assertThat(stats.get("numClients")).isEqualTo(2L);
			assertThat(stats.get("numUsers")).isEqualTo(1L);
			Map<String, Object> rpc = s.awaitEvent("alice", "rpc", WAIT);
			assertThat(rpc.get("data")).isEqualTo(Map.of("echo", Map.of("ping", 1L)));
			assertThat(s.events("alice", "error")).anySatisfy((error) -> {
				assertThat(error.get("op")).isEqualTo("rpc");
				assertThat(error.get("code")).isEqualTo(104L);
			});
			// a channel of an undeclared namespace is unknown
			assertThat(s.events("alice", "error")).anySatisfy((error) -> {
				assertThat(error.get("op")).isEqualTo("published");
				assertThat(error.get("code")).isEqualTo(102L);
			});
			s.awaitDone(WAIT);
		}
		History history = node.history("chat:room1", -1, null, false);
		assertThat(history.publications()).extracting((p) -> p.data().path("from").asString())
			.containsExactly("server", "bob", "alice");
	}

	@Test
	void pingsAreAnsweredHistoryReadsSinceAPositionAndInReverseAndAnonymousClientsCanBeRefused() {
		String url = start(chat("plugboard.realtime.chat.primary=true", "plugboard.realtime.chat.ping-interval=1s", "plugboard.realtime.chat.pong-timeout=500ms",
				"plugboard.realtime.other.token.hmac-secret=" + RealtimeApplication.SECRET,
				"plugboard.realtime.other.namespaces.chat.publish=true"));
		String other = RealtimeApplication.url(this.context, "/connection/other/websocket");
		RealtimeNode node = this.context.getBean("chatRealtimeNode", RealtimeNode.class);
		for (int i = 1; i <= 5; i++) {
			node.publish("chat:log", Map.of("n", i));
		}
		String epoch = node.history("chat:log", 0, null, false).epoch();
		try (SdkScenario s = SdkScenario.run("""
				import { harness } from './harness.mjs';
				const h = harness();
				const alice = h.client('alice', '%s');
				alice.connect();
				await h.until('alice', 'connected');
				// three ping intervals: the SDK answers every ping, and stays connected
				await new Promise((resolve) => setTimeout(resolve, 3500));
				h.emit('alice', 'still', { state: alice.state });
				await h.history('alice', 'chat:log', { limit: 2, since: { offset: 2, epoch: '%s' } });
				await h.log('alice', 'reversed', alice.history('chat:log', { limit: 2, reverse: true }));
				await h.log('alice', 'wrongEpoch', alice.history('chat:log', { limit: 2, since: { offset: 2, epoch: 'nope' } }));
				const anonymous = h.client('anonymous', '%s');
				anonymous.connect();
				await h.until('anonymous', 'disconnected');
				h.done();
				""".formatted(url, epoch, other))) {
			s.awaitDone(WAIT);
			assertThat(s.awaitEvent("alice", "still", WAIT).get("state")).isEqualTo("connected");
			assertThat(s.events("alice", "connected")).hasSize(1);
			Map<String, Object> since = s.awaitEvent("alice", "history", WAIT);
			assertThat(offsets(since)).containsExactly(3L, 4L);
			Map<String, Object> reversed = s.awaitEvent("alice", "reversed", WAIT);
			assertThat(offsets(reversed)).containsExactly(5L, 4L);
			// a position of another epoch: 112, unrecoverable position
			assertThat(s.events("alice", "error")).anySatisfy((error) -> {
				assertThat(error.get("code")).isEqualTo(112L);
				assertThat(error.get("message")).isEqualTo("unrecoverable position");
			});
			// no token and anonymous clients not allowed: 101, and the SDK gives up
			assertThat(s.events("anonymous", "disconnected")).anySatisfy((e) -> assertThat(e.get("code")).isEqualTo(101L));
		}
	}

	private static List<Object> offsets(Map<String, Object> history) {
		List<Object> offsets = new java.util.ArrayList<>();
		for (Object publication : (List<?>) history.get("publications")) {
			offsets.add(((Map<?, ?>) publication).get("offset"));
		}
		return offsets;
	}

	@Configuration(proxyBeanMethods = false)
	static class Hooks {

		@Bean
		@Plug("chat")
		RpcMethod echo() {
			return new RpcMethod() {

				@Override
				public String name() {
					return "echo";
				}

				@Override
				public @Nullable Object call(RealtimeSession session, @Nullable JsonNode data) {
					return Map.of("echo", data);
				}

			};
		}

	}

}
