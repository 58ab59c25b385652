package dev.plugboard.samples.wss;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import dev.plugboard.InstanceState;
import dev.plugboard.redis.testing.PrivateRedis;
import dev.plugboard.redis.testing.SharedRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes of the chat, clients on each: what one client writes reaches the clients of the
 * other node through the bus, and later clients get it from the history; while the bus is down
 * each node serves its own clients, and when it is back the nodes talk again.
 */
class ChatAcrossNodesTests {

	private final String room = "room-" + UUID.randomUUID().toString().substring(0, 8);

	@Test
	void messagesCrossNodesAndStayInTheHistory() throws Exception {
		try (ChatNodes nodes = new ChatNodes(SharedRedis.url(14), SharedRedis.url(15))) {
			int north = nodes.start("north");
			int south = nodes.start("south");
			await().atMost(Duration.ofSeconds(10)).until(() -> nodes.listening() == 2);
			try (ChatClient alice = ChatClient.connect(north, this.room, "alice");
					ChatClient bob = ChatClient.connect(south, this.room, "bob");
					ChatClient elsewhere = ChatClient.connect(south, this.room + "-other", "eve")) {
				alice.say("hello from the north");
				String heard = bob.next();
				assertThat(heard).as("bob, on the other node, hears alice").isNotNull();
				assertThat(JsonPath.<String>read(heard, "$.from")).isEqualTo("alice");
				assertThat(JsonPath.<String>read(heard, "$.text")).isEqualTo("hello from the north");
				assertThat(JsonPath.<String>read(heard, "$.node")).isEqualTo("north");
				assertThat(JsonPath.<Boolean>read(heard, "$.nodeOnly")).isFalse();
				assertThat(alice.next()).as("alice gets her own message back").isEqualTo(heard);
				assertThat(elsewhere.within(Duration.ofMillis(300))).as("another room hears nothing").isNull();
			}
			try (ChatClient carol = ChatClient.connect(south, this.room, "carol")) {
				assertThat(JsonPath.<String>read(carol.next(), "$.text")).as("history").isEqualTo("hello from the north");
			}
			HttpResponse<String> health = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + north + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(JsonPath.<String>read(health.body(), "$.components.redis.components.bus.status")).isEqualTo("UP");
			assertThat(JsonPath.<String>read(health.body(), "$.components.redis.components.history.status"))
				.isEqualTo("UP");
		}
	}

	@Test
	void whileTheBusIsDownEachNodeServesItsOwnClients() throws Exception {
		try (PrivateRedis bus = PrivateRedis.start();
				ChatNodes nodes = new ChatNodes(bus.url(), SharedRedis.url(15))) {
			String fast = "--plugboard.redis.bus.health.interval=200ms";
			String retry = "--plugboard.redis.bus.startup.retry-interval=200ms";
			int north = nodes.start("north", fast, retry);
			int south = nodes.start("south", fast, retry);
			await().atMost(Duration.ofSeconds(10)).until(() -> nodes.listening() == 2);
			try (ChatClient alice = ChatClient.connect(north, this.room, "alice");
					ChatClient bob = ChatClient.connect(south, this.room, "bob")) {
				bus.kill();
				await().atMost(Duration.ofSeconds(10)).until(() -> nodes.busIs(InstanceState.DEGRADED));
				alice.say("anyone?");
				String own = alice.next();
				assertThat(own).as("alice's node still serves her").isNotNull();
				assertThat(JsonPath.<Boolean>read(own, "$.nodeOnly")).isTrue();
				assertThat(bob.within(Duration.ofMillis(500))).as("the other node cannot hear it").isNull();

				bus.startServer();
				await().atMost(Duration.ofSeconds(15)).until(() -> nodes.busIs(InstanceState.RUNNING));
				await().atMost(Duration.ofSeconds(15)).until(() -> nodes.listening() == 2);
				alice.say("back again");
				String heard = bob.next();
				assertThat(heard).as("bob hears alice once the bus is back").isNotNull();
				assertThat(JsonPath.<String>read(heard, "$.text")).isEqualTo("back again");
				assertThat(JsonPath.<Boolean>read(heard, "$.nodeOnly")).isFalse();
			}
		}
	}

}
