package dev.plugboard.samples.wss;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import dev.plugboard.realtime.testing.SdkScenario;
import dev.plugboard.redis.testing.SharedRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes of the chat and the official Centrifuge JavaScript SDK (from Node.js) on each: what a
 * client on one node writes reaches the clients of the other through the {@code bus} broker, a
 * client that was away gets what it missed (recovery), a newcomer reads the room's history, and
 * the chat's rules refuse a message without text.
 */
class ChatAcrossNodesTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private final String channel = "chat:room-" + UUID.randomUUID().toString().substring(0, 8);

	@Test
	void messagesCrossNodesAreRecoveredAfterADisconnectAndStayInTheHistory() throws Exception {
		try (ChatNodes nodes = new ChatNodes(SharedRedis.url(14))) {
			int north = nodes.start("north");
			int south = nodes.start("south");
			try (SdkScenario s = SdkScenario.run("""
					import { harness } from './harness.mjs';
					const h = harness();
					const options = { recoverable: true, positioned: true, joinLeave: true };
					const alice = h.client('alice', '%1$s');
					const bob = h.client('bob', '%2$s');
					h.subscribe('alice', '%3$s', options).subscribe();
					alice.connect();
					await h.until('alice', 'subscribed');
					h.subscribe('bob', '%3$s', options).subscribe();
					bob.connect();
					await h.until('bob', 'subscribed');
					await h.until('alice', 'join');
					await h.publish('alice', '%3$s', { name: 'alice', text: 'hello from the north' });
					await h.until('bob', 'publication', (e) => e.data.text === 'hello from the north');
					await h.until('alice', 'publication', (e) => e.data.text === 'hello from the north');
					h.disconnect('bob');
					await h.until('bob', 'disconnected');
					await h.until('alice', 'leave');
					await h.publish('alice', '%3$s', { name: 'alice', text: 'while you were away' });
					await h.publish('alice', '%3$s', { name: 'alice', text: 'still away?' });
					h.emit('bob', 'reconnecting');
					bob.connect();
					await h.until('bob', 'publication', (e) => e.data.text === 'still away?');
					const carol = h.client('carol', '%2$s');
					h.subscribe('carol', '%3$s', {}).subscribe();
					carol.connect();
					await h.until('carol', 'subscribed');
					await h.history('carol', '%3$s', { limit: 10 });
					await h.publish('carol', '%3$s', { name: 'carol', text: '' });
					h.done();
					""".formatted(ChatNodes.websocket(north), ChatNodes.websocket(south), this.channel))) {
				s.awaitDone(Duration.ofSeconds(60));

				Map<String, Object> aliceConnected = s.awaitEvent("alice", "connected", WAIT);
				assertThat(aliceConnected.get("data")).as("alice's connect reply names her node")
					.isEqualTo(Map.of("node", "north"));
				assertThat(s.awaitEvent("bob", "connected", WAIT).get("data")).isEqualTo(Map.of("node", "south"));

				Map<String, Object> heard = s.awaitEvent("bob", "publication", WAIT);
				assertThat(heard.get("data")).as("bob, on the other node, hears alice")
					.isEqualTo(Map.of("name", "alice", "text", "hello from the north"));
				assertThat(((Map<?, ?>) heard.get("info")).get("client")).as("with alice's client id")
					.isEqualTo(aliceConnected.get("clientId"));
				assertThat(heard.get("offset")).isEqualTo(1L);

				long away = s.awaitEvent("bob", "reconnecting", WAIT).get("seq") instanceof Number n ? n.longValue() : 0;
				Map<String, Object> resubscribed = s.awaitEvent("bob", "subscribed", SdkScenario.after(away), WAIT);
				assertThat(resubscribed.get("wasRecovering")).as("bob resubscribes from his position").isEqualTo(true);
				assertThat(resubscribed.get("recovered")).as("and the node recovers it").isEqualTo(true);
				List<Map<String, Object>> missed = s.events("bob", "publication")
					.stream()
					.filter(SdkScenario.after(away))
					.toList();
				assertThat(missed).as("bob gets what he missed, once each, in order")
					.extracting((e) -> ((Map<?, ?>) e.get("data")).get("text"), (e) -> e.get("offset"))
					.containsExactly(org.assertj.core.groups.Tuple.tuple("while you were away", 2L),
							org.assertj.core.groups.Tuple.tuple("still away?", 3L));

				Map<String, Object> history = s.awaitEvent("carol", "history", WAIT);
				List<Object> texts = ((List<?>) history.get("publications")).stream()
					.map((p) -> (Object) ((Map<?, ?>) ((Map<?, ?>) p).get("data")).get("text"))
					.toList();
				assertThat(texts).as("a newcomer reads the room's history").containsExactly("hello from the north", "while you were away", "still away?");
				assertThat(history.get("offset")).isEqualTo(3L);

				Map<String, Object> refused = s.awaitEvent("carol", "error", (e) -> "published".equals(e.get("op")), WAIT);
				assertThat(refused.get("code")).as("a message without text is refused (bad request)").isEqualTo(107L);
				assertThat((String) refused.get("message")).contains("\"text\": 1 to 2000");
			}
			for (int port : new int[] { north, south }) {
				HttpResponse<String> health = HttpClient.newHttpClient()
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
							HttpResponse.BodyHandlers.ofString());
				assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
				assertThat(JsonPath.<String>read(health.body(), "$.components.realtime.components.chat.status"))
					.as(health.body()).isEqualTo("UP");
				assertThat(JsonPath.<String>read(health.body(), "$.components.redis.components.bus.status"))
					.as(health.body()).isEqualTo("UP");
			}
		}
	}

}
