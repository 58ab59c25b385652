package dev.plugboard.realtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.plugboard.core.testing.FailureAnalyses;
import dev.plugboard.realtime.testing.SdkScenario;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The node as every Plugboard instance: health, meters, lifecycle (clients hear "shutdown,
 * reconnect" within shutdown.timeout), failure analysis of bad settings, and the protocol's own
 * rules (connect first, answer pings) checked with a raw WebSocket client.
 */
class RealtimeNodeTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null && this.context.isActive()) {
			this.context.close();
		}
	}

	@Test
	void healthAndMetersCountConnectionsAndSubscriptionsAndShutdownTellsClientsToReconnect() {
		this.context = RealtimeApplication.start("plugboard.realtime.chat.allow-anonymous=true",
				"plugboard.realtime.chat.namespaces.chat.publish=true", "plugboard.realtime.chat.shutdown.timeout=3s");
		String url = RealtimeApplication.url(this.context, "/connection/websocket");
		try (SdkScenario s = SdkScenario.run("""
				import { harness } from './harness.mjs';
				const h = harness();
				const c = h.client('alice', '%s');
				h.subscribe('alice', 'chat:a', {}).subscribe();
				h.subscribe('alice', 'chat:b', {}).subscribe();
				c.connect();
				await h.until('alice', 'subscribed', (e) => e.channel === 'chat:b');
				await h.until('alice', 'subscribed', (e) => e.channel === 'chat:a');
				await h.signal('subscribed');
				await h.until('alice', 'connecting', (e) => e.code === 3001);
				h.done();
				""".formatted(url))) {
			s.awaitSignal("subscribed", WAIT);
			HealthIndicator indicator = (HealthIndicator) this.context
				.getBean("realtimeHealthContributor", CompositeHealthContributor.class)
				.getContributor("chat");
			Health health = indicator.health();
			assertThat(health.getStatus().getCode()).isEqualTo("UP");
			assertThat(health.getDetails()).containsEntry("connections", 1)
				.containsEntry("subscriptions", 2)
				.containsEntry("broker", "memory (this application node only)")
				.containsEntry("path", "/connection/websocket");
			MeterRegistry meters = this.context.getBean(MeterRegistry.class);
			assertThat(meters.get("plugboard.realtime.connections").tag("instance", "chat").gauge().value()).isEqualTo(1);
			assertThat(meters.get("plugboard.realtime.subscriptions").tag("instance", "chat").gauge().value()).isEqualTo(2);
			s.reply("subscribed");
			long start = System.nanoTime();
			this.context.close();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3).plusMillis(1500));
			// 3001: "shutdown", which the SDK answers by reconnecting
			Map<String, Object> reconnecting = s.awaitEvent("alice", "connecting", (e) -> Long.valueOf(3001).equals(e.get("code")),
					WAIT);
			assertThat(reconnecting.get("reason")).isEqualTo("shutdown");
			s.awaitDone(WAIT);
		}
	}

	@Test
	void aNodeThatAllowsNoAnonymousClientsNeedsATokenSecret() {
		assertThatException().isThrownBy(() -> RealtimeApplication.start("plugboard.realtime.chat.path=/ws"))
			.satisfies((failure) -> {
				FailureAnalysis analysis = FailureAnalyses.analyze(failure);
				assertThat(analysis.getDescription()).contains("plugboard.realtime.chat.token.hmac-secret")
					.contains("PLUGBOARD_REALTIME_CHAT_TOKEN_HMAC_SECRET")
					.contains("no client could connect");
				assertThat(analysis.getAction()).contains("allow-anonymous=true");
			});
	}

	@Test
	void aShortSecretIsRefusedWithoutShowingIt() {
		assertThatException()
			.isThrownBy(() -> RealtimeApplication.start("plugboard.realtime.chat.token.hmac-secret=too-short-secret"))
			.satisfies((failure) -> {
				FailureAnalysis analysis = FailureAnalyses.analyze(failure);
				assertThat(analysis.getDescription()).contains("fewer than 32 bytes").doesNotContain("too-short-secret");
				assertThat(analysis.getAction()).doesNotContain("too-short-secret");
			});
	}

	@Test
	void anUnknownBrokerInstanceIsRefusedNamingTheKnownOnes() {
		assertThatException()
			.isThrownBy(() -> RealtimeApplication.start("plugboard.redis.cache.url=" + TwoNodes.redisUrl(),
					"plugboard.realtime.chat.allow-anonymous=true", "plugboard.realtime.chat.broker=bus"))
			.satisfies((failure) -> {
				FailureAnalysis analysis = FailureAnalyses.analyze(failure);
				assertThat(analysis.getDescription()).contains("plugboard.realtime.chat.broker")
					.contains("there is no redis instance 'bus'");
				assertThat(analysis.getAction()).contains("[cache]");
			});
	}

	@Test
	void aTypoInANamespaceIsAnUnknownSetting() {
		assertThatException()
			.isThrownBy(() -> RealtimeApplication.start("plugboard.realtime.chat.allow-anonymous=true",
					"plugboard.realtime.chat.namespaces.chat.histroy-size=5"))
			.satisfies((failure) -> assertThat(FailureAnalyses.analyze(failure).getDescription())
				.contains("plugboard.realtime.chat.namespaces.chat.histroy-size"));
	}

	@Test
	void aCommandBeforeConnectIsABadRequestAndAClientThatDoesNotAnswerPingsIsDisconnected() throws Exception {
		this.context = RealtimeApplication.start("plugboard.realtime.chat.allow-anonymous=true",
				"plugboard.realtime.chat.namespaces.chat.publish=true", "plugboard.realtime.chat.ping-interval=1s",
				"plugboard.realtime.chat.pong-timeout=500ms");
		URI url = URI.create(RealtimeApplication.url(this.context, "/connection/websocket"));
		RawClient early = RawClient.open(url);
		early.send("{\"id\":1,\"subscribe\":{\"channel\":\"chat:a\"}}");
		assertThat(early.closeCode()).isEqualTo(3501);
		RawClient silent = RawClient.open(url);
		// two commands in one frame, answered in one frame
		silent.send("{\"id\":1,\"connect\":{}}\n{\"id\":2,\"subscribe\":{\"channel\":\"chat:a\"}}");
		String replies = silent.next();
		assertThat(replies.split("\n")).hasSize(2);
		assertThat(replies).contains("\"id\":1,\"connect\":{\"client\":").contains("\"id\":2,\"subscribe\":{}");
		// a ping arrives ({}), is not answered, and the node disconnects: 3012, "no pong"
		assertThat(silent.next()).isEqualTo("{}");
		assertThat(silent.closeCode()).isEqualTo(3012);
	}

	/** A WebSocket client of the JDK, to send what the SDK never would. */
	private static final class RawClient implements WebSocket.Listener {

		private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();

		private final CompletableFuture<Integer> closed = new CompletableFuture<>();

		private final StringBuilder partial = new StringBuilder();

		private WebSocket socket;

		static RawClient open(URI url) throws Exception {
			RawClient client = new RawClient();
			client.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(url, client).get(10, TimeUnit.SECONDS);
			return client;
		}

		void send(String text) throws Exception {
			this.socket.sendText(text, true).get(5, TimeUnit.SECONDS);
		}

		String next() throws InterruptedException {
			String frame = this.frames.poll(10, TimeUnit.SECONDS);
			assertThat(frame).as("a frame within 10 s").isNotNull();
			return frame;
		}

		int closeCode() throws Exception {
			return this.closed.get(10, TimeUnit.SECONDS);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				this.frames.add(this.partial.toString());
				this.partial.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.closed.completeExceptionally(error);
		}

	}

}
