package dev.plugboard.realtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.plugboard.realtime.testing.SdkScenario;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application nodes sharing channels through the real Redis server, driven by the official
 * SDK: what is published on one node reaches clients of the other, history and presence are
 * shared, offsets are gap-free, and a client that reconnects recovers what it missed.
 */
class RealtimeRedisTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@Test
	void clientsOfTwoNodesShareChannelsHistoryPresenceAndJoins() {
		try (TwoNodes nodes = new TwoNodes()) {
			try (SdkScenario s = SdkScenario.run("""
					import { harness } from './harness.mjs';
					const h = harness();
					const alice = h.client('alice', '%s');
					const bob = h.client('bob', '%s');
					h.subscribe('alice', 'chat:lobby', { joinLeave: true }).subscribe();
					alice.connect();
					await h.until('alice', 'subscribed');
					h.subscribe('bob', 'chat:lobby', {}).subscribe();
					bob.connect();
					await h.until('bob', 'subscribed');
					await h.until('alice', 'join');
					await h.signal('subscribed');
					await h.until('alice', 'publication', (e) => e.data.from === 'node-b');
					await h.publish('alice', 'chat:lobby', { from: 'alice' });
					await h.until('bob', 'publication', (e) => e.data.from === 'alice');
					await h.presence('bob', 'chat:lobby');
					await h.history('bob', 'chat:lobby', { limit: 10 });
					h.done();
					""".formatted(nodes.url(nodes.a), nodes.url(nodes.b)))) {
				s.onSignal("subscribed", WAIT, () -> nodes.node(nodes.b).publish("chat:lobby", Map.of("from", "node-b")));
				Map<String, Object> fromB = s.awaitEvent("alice", "publication", WAIT);
				assertThat(fromB.get("offset")).isEqualTo(1L);
				Map<String, Object> fromAlice = s.awaitEvent("bob", "publication",
						(e) -> "alice".equals(((Map<?, ?>) e.get("data")).get("from")), WAIT);
				assertThat(fromAlice.get("offset")).isEqualTo(2L);
				Map<String, Object> presence = s.awaitEvent("bob", "presence", WAIT);
				assertThat((Map<?, ?>) presence.get("clients")).hasSize(2);
				Map<String, Object> history = s.awaitEvent("bob", "history", WAIT);
				assertThat((List<?>) history.get("publications")).hasSize(2);
				s.awaitDone(WAIT);
			}
			// the same from server code on either node
			assertThat(nodes.node(nodes.a).history("chat:lobby", -1, null, false).publications()).hasSize(2);
		}
	}

	@Test
	void offsetsStayGapFreeWhenBothNodesPublishAtOnce() throws Exception {
		try (TwoNodes nodes = new TwoNodes()) {
			ExecutorService executor = Executors.newFixedThreadPool(4);
			try {
				List<Future<?>> done = new ArrayList<>();
				for (RealtimeNode node : List.of(nodes.node(nodes.a), nodes.node(nodes.b), nodes.node(nodes.a),
						nodes.node(nodes.b))) {
					done.add(executor.submit(() -> {
						for (int i = 0; i < 100; i++) {
							node.publish("chat:race", Map.of("i", i));
						}
					}));
				}
				for (Future<?> future : done) {
					future.get();
				}
			}
			finally {
				executor.shutdownNow();
			}
			History history = nodes.node(nodes.b).history("chat:race", -1, null, false);
			assertThat(history.offset()).isEqualTo(400);
			assertThat(history.publications()).extracting(Publication::offset)
				.containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 400).boxed().toList());
		}
	}

	@Test
	void aClientThatReconnectsRecoversWhatItMissedOrIsToldItCannot() {
		try (TwoNodes nodes = new TwoNodes()) {
			RealtimeNode b = nodes.node(nodes.b);
			try (SdkScenario s = SdkScenario.run("""
					import { harness } from './harness.mjs';
					const h = harness();
					const alice = h.client('alice', '%s');
					h.subscribe('alice', 'chat:room', { recoverable: true, positioned: true }).subscribe();
					h.subscribe('alice', 'short:room', { recoverable: true, positioned: true }).subscribe();
					alice.connect();
					await h.until('alice', 'subscribed', (e) => e.channel === 'chat:room');
					await h.until('alice', 'subscribed', (e) => e.channel === 'short:room');
					await h.signal('subscribed');
					await h.until('alice', 'publication', (e) => e.channel === 'chat:room' && e.data.n === 1);
					alice.disconnect();
					await h.until('alice', 'disconnected');
					await h.signal('away');
					const mark = h.mark();
					alice.connect();
					await h.until('alice', 'subscribed', (e) => e.channel === 'chat:room', { since: mark });
					await h.until('alice', 'subscribed', (e) => e.channel === 'short:room', { since: mark });
					await h.until('alice', 'publication', (e) => e.channel === 'chat:room' && e.data.n === 6);
					h.done();
					""".formatted(nodes.url(nodes.a)))) {
				s.onSignal("subscribed", WAIT, () -> b.publish("chat:room", Map.of("n", 1)));
				s.onSignal("away", WAIT, () -> {
					// the node has seen the connection go: the SDK still reads frames that arrive while its
					// close handshake is under way, and would hold publications made before that
					org.awaitility.Awaitility.await().atMost(WAIT).until(() -> nodes.node(nodes.a).connections() == 0);
					for (int n = 2; n <= 6; n++) {
						b.publish("chat:room", Map.of("n", n));
						b.publish("short:room", Map.of("n", n));
					}
				});
				s.awaitDone(WAIT);
				List<Map<String, Object>> subscribed = s.events("alice", "subscribed");
				Map<String, Object> chat = subscribed.stream()
					.filter((e) -> "chat:room".equals(e.get("channel")) && Boolean.TRUE.equals(e.get("wasRecovering")))
					.findFirst()
					.orElseThrow();
				assertThat(chat.get("recovered")).isEqualTo(true);
				// five missed, history of three: told it could not recover
				Map<String, Object> shortRoom = subscribed.stream()
					.filter((e) -> "short:room".equals(e.get("channel")) && Boolean.TRUE.equals(e.get("wasRecovering")))
					.findFirst()
					.orElseThrow();
				assertThat(shortRoom.get("recovered")).isEqualTo(false);
				List<Object> received = s.events("alice", "publication")
					.stream()
					.filter((e) -> "chat:room".equals(e.get("channel")))
					.map((e) -> (Object) ((Map<?, ?>) e.get("data")).get("n"))
					.collect(java.util.stream.Collectors.toList());
				assertThat(received).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
			}
		}
	}

	/** Pub/sub channels are shared by every database of a server: nodes on two databases stay apart. */
	@Test
	void nodesOfTheSamePrefixOnTwoDatabasesStayApart() {
		String prefix = "plugboard.test." + java.util.UUID.randomUUID().toString().substring(0, 8);
		String base = TwoNodes.redisUrl().substring(0, TwoNodes.redisUrl().lastIndexOf('/'));
		String[] common = { "plugboard.realtime.chat.broker=bus", "plugboard.realtime.chat.redis-prefix=" + prefix,
				"plugboard.realtime.chat.allow-anonymous=true", "plugboard.realtime.chat.namespaces.chat.history-size=10",
				"plugboard.realtime.chat.namespaces.chat.history-ttl=1m" };
		try (var x = RealtimeApplication.start(with(common, "plugboard.redis.bus.url=" + base + "/9"));
				var y = RealtimeApplication.start(with(common, "plugboard.redis.bus.url=" + base + "/10"))) {
			try (SdkScenario s = SdkScenario.run("""
					import { harness } from './harness.mjs';
					const h = harness();
					const alice = h.client('alice', '%s');
					h.subscribe('alice', 'chat:same', { positioned: true }).subscribe();
					alice.connect();
					await h.until('alice', 'subscribed');
					await h.signal('subscribed');
					await h.until('alice', 'publication', (e) => e.data.from === 'y');
					h.done();
					""".formatted(RealtimeApplication.url(y, "/connection/websocket")))) {
				s.onSignal("subscribed", WAIT, () -> {
					x.getBean(RealtimeNode.class).publish("chat:same", Map.of("from", "x"));
					y.getBean(RealtimeNode.class).publish("chat:same", Map.of("from", "y"));
				});
				s.awaitDone(WAIT);
				assertThat(s.events("alice", "publication")).singleElement()
					.satisfies((e) -> assertThat(e.get("offset")).isEqualTo(1L));
				assertThat(s.events("alice", "unsubscribed")).isEmpty();
			}
		}
	}

	private static String[] with(String[] common, String... more) {
		List<String> all = new ArrayList<>(List.of(common));
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

}
