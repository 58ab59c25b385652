package dev.plugboard.realtime;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.plugboard.core.testing.TcpProxy;
import dev.plugboard.realtime.testing.SdkScenario;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Node A dies mid-stream: subscribers connected to it through a TCP proxy (a load balancer)
 * reconnect to node B and recover from the shared history. Every message published at a fixed
 * rate arrives exactly once, in order.
 */
class RealtimeFailoverTests {

	private static final int MESSAGES = 150;

	private static final int SUBSCRIBERS = 3;

	@Test
	void subscribersOfAKilledNodeReconnectToTheOtherAndRecoverEveryMessageOnceInOrder() throws Exception {
		try (TwoNodes nodes = new TwoNodes()) {
			URI a = URI.create(nodes.url(nodes.a));
			URI b = URI.create(nodes.url(nodes.b));
			try (TcpProxy balancer = new TcpProxy("127.0.0.1", a.getPort())) {
				String url = "ws://127.0.0.1:" + balancer.port() + a.getPath();
				StringBuilder script = new StringBuilder("import { harness } from './harness.mjs';\nconst h = harness();\n");
				for (int i = 0; i < SUBSCRIBERS; i++) {
					script.append("""
							const c%1$d = h.client('s%1$d', '%2$s', { minReconnectDelay: 100, maxReconnectDelay: 500 });
							h.subscribe('s%1$d', 'chat:stream', { recoverable: true, positioned: true }).subscribe();
							c%1$d.connect();
							""".formatted(i, url));
				}
				for (int i = 0; i < SUBSCRIBERS; i++) {
					script.append("await h.until('s%d', 'subscribed');%n".formatted(i));
				}
				script.append("await h.signal('subscribed');\n");
				for (int i = 0; i < SUBSCRIBERS; i++) {
					script.append("await h.until('s%d', 'publication', (e) => e.data.seq === %d, { timeout: 30000 });%n"
						.formatted(i, MESSAGES - 1));
				}
				script.append("h.done();\n");
				try (SdkScenario s = SdkScenario.run(script.toString())) {
					s.awaitSignal("subscribed", Duration.ofSeconds(20));
					RealtimeNode publisher = nodes.node(nodes.b);
					ScheduledExecutorService rate = Executors.newSingleThreadScheduledExecutor();
					AtomicInteger sent = new AtomicInteger();
					try {
						rate.scheduleAtFixedRate(() -> {
							int seq = sent.get();
							if (seq < MESSAGES) {
								publisher.publish("chat:stream", Map.of("seq", seq));
								sent.incrementAndGet();
							}
						}, 0, 20, TimeUnit.MILLISECONDS);
						s.reply("subscribed");
						await(() -> sent.get() >= MESSAGES / 3);
						// node A dies: its connections drop at once, and the balancer sends new ones to B
						balancer.retarget("127.0.0.1", b.getPort());
						balancer.cut();
						nodes.a.close();
						s.awaitDone(Duration.ofSeconds(60));
					}
					finally {
						rate.shutdownNow();
					}
					assertThat(sent.get()).isEqualTo(MESSAGES);
					List<Long> expected = new ArrayList<>();
					for (long seq = 0; seq < MESSAGES; seq++) {
						expected.add(seq);
					}
					for (int i = 0; i < SUBSCRIBERS; i++) {
						List<Long> received = s.events("s" + i, "publication")
							.stream()
							.map((e) -> (Long) ((Map<?, ?>) e.get("data")).get("seq"))
							.toList();
						assertThat(received).as("what subscriber %d received", i).containsExactlyElementsOf(expected);
						assertThat(s.events("s" + i, "subscribed")).as("subscriber %d resubscribed, recovering", i)
							.anySatisfy((e) -> {
								assertThat(e.get("wasRecovering")).isEqualTo(true);
								assertThat(e.get("recovered")).isEqualTo(true);
							});
					}
				}
			}
		}
	}

	private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out");
			}
			Thread.sleep(5);
		}
	}

}
