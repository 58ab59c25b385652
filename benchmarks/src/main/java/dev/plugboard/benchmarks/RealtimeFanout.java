package dev.plugboard.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.plugboard.benchmarks.relay.RelayApplication;
import dev.plugboard.realtime.testing.SdkScenario;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Fan-out: one publisher, {@code subscribers} clients spread over two application nodes (two
 * contexts in this JVM) that share the Redis server as their broker. The baseline is the old
 * samples/wss relay (plain WebSocket, Redis pub/sub, history in a list); the candidate is the
 * realtime node configured as samples/wss is now (history 100 with recovery, presence,
 * join/leave). Subscribers run in two Node.js processes (one per application node); the
 * publisher is a JDK WebSocket client on the first node.
 *
 * <p>Two phases per system: a fixed rate (latency: publish-to-receive p50/p99 of every delivery)
 * and a closed loop with {@value #WINDOW} messages in flight (throughput: deliveries per second).
 */
final class RealtimeFanout {

	static final int WINDOW = 16;

	private static final Duration WAIT = Duration.ofSeconds(60);

	private RealtimeFanout() {
	}

	record Phase(long sent, long delivered, double seconds, double p50, double p99, double max) {

		double deliveriesPerSecond() {
			return this.delivered / this.seconds;
		}

	}

	record Side(String label, Phase latency, Phase throughput) {
	}

	/** The old relay, then the realtime node with the official SDK, then with raw protocol clients. */
	static List<Side> run(String redisHost, int redisPort, int subscribers, int rate, Duration phase) throws Exception {
		List<Side> sides = new ArrayList<>();
		String redis = "redis://" + redisHost + ":" + redisPort + "/13";
		String room = "bench-" + UUID.randomUUID().toString().substring(0, 8);
		try (Nodes relay = Nodes.relay(redis)) {
			sides.add(measure("old relay (plain WebSocket + Redis pub/sub), `ws` clients", relay, "relay", room,
					subscribers, rate, phase));
		}
		try (Nodes realtime = Nodes.realtime(redis)) {
			sides.add(measure("realtime node, official SDK clients", realtime, "sdk", "chat:" + room, subscribers, rate,
					phase));
			sides.add(measure("realtime node, raw-protocol `ws` clients", realtime, "raw", "chat:" + room + "-raw",
					subscribers, rate, phase));
		}
		return sides;
	}

	private static Side measure(String label, Nodes nodes, String mode, String channel, int subscribers, int rate,
			Duration phase) throws Exception {
		String script = script();
		List<SdkScenario> groups = new ArrayList<>();
		try {
			for (int i = 0; i < 2; i++) {
				String config = "{\"mode\":\"" + mode + "\",\"url\":\"ws://127.0.0.1:" + nodes.ports.get(i)
						+ "\",\"count\":" + (subscribers / 2) + ",\"room\":\"" + channel + "\",\"channel\":\"" + channel
						+ "\"}";
				groups.add(SdkScenario.run(script.replace("__CONFIG__", config)));
			}
			for (SdkScenario group : groups) {
				group.awaitEvent(null, "ready", WAIT);
			}
			try (Publisher publisher = mode.equals("relay") ? Publisher.relay(nodes.ports.get(0), channel)
					: Publisher.realtime(nodes.ports.get(0), channel)) {
				publisher.fixedRate("warm", rate, Duration.ofSeconds(3));
				publisher.awaitEchoes();
				long latencySent = publisher.fixedRate("lat", rate, phase);
				Phase latency = collect(groups, "lat", latencySent, subscribers);
				long throughputSent = publisher.closedLoop("thr", WINDOW, phase);
				Phase throughput = collect(groups, "thr", throughputSent, subscribers);
				return new Side(label, latency, throughput);
			}
		}
		finally {
			for (SdkScenario group : groups) {
				if (group.isAlive()) {
					group.reply("end");
				}
				group.close();
			}
		}
	}

	/** Waits until every subscriber has every message of the phase (or WAIT passed), then reads the figures. */
	private static Phase collect(List<SdkScenario> groups, String phase, long sent, int subscribers) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		for (SdkScenario group : groups) {
			group.reply("{\"expect\":{\"phase\":\"" + phase + "\",\"count\":" + (sent * subscribers / 2) + "}}");
			long left = Math.max(1, deadline - System.nanoTime());
			try {
				group.awaitEvent(null, "complete", (e) -> phase.equals(e.get("phase")), Duration.ofNanos(left));
			}
			catch (AssertionError incomplete) {
				System.out.println("  (phase " + phase + ": not every delivery arrived within " + WAIT + ")");
			}
		}
		long delivered = 0;
		double first = Double.MAX_VALUE;
		double last = 0;
		List<Double> p50 = new ArrayList<>();
		List<Double> p99 = new ArrayList<>();
		double max = 0;
		for (SdkScenario group : groups) {
			int reports = group.events(null, "report").size();
			group.reply("report");
			Map<String, Object> report = group.awaitEvents(null, "report", reports + 1, WAIT).get(reports);
			Map<?, ?> figures = (Map<?, ?>) ((Map<?, ?>) report.get("phases")).get(phase);
			delivered += ((Number) figures.get("count")).longValue();
			first = Math.min(first, ((Number) figures.get("first")).doubleValue());
			last = Math.max(last, ((Number) figures.get("last")).doubleValue());
			p50.add(((Number) figures.get("p50")).doubleValue());
			p99.add(((Number) figures.get("p99")).doubleValue());
			max = Math.max(max, ((Number) figures.get("max")).doubleValue());
		}
		// the two groups are the same size: the mean of their medians, the worse of their p99s
		return new Phase(sent, delivered, (last - first) / 1000.0, p50.stream().mapToDouble(Double::doubleValue).average()
			.orElse(Double.NaN), p99.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), max);
	}

	private static String script() throws IOException {
		try (InputStream in = RealtimeFanout.class.getResourceAsStream("/realtime-fanout.mjs")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/** Redis PUBLISH with redis-benchmark, two subscribers listening (as the two application nodes do). */
	static List<String> redisCeiling(String host, int port) throws Exception {
		List<String> lines = new ArrayList<>();
		String channel = "bench:ceiling:" + UUID.randomUUID();
		String payload = "{\"name\":\"pub\",\"text\":\"{\\\"p\\\":\\\"thr\\\",\\\"t\\\":1765000000000.123,\\\"s\\\":12345}\"}";
		List<Process> listeners = new ArrayList<>();
		try {
			for (int i = 0; i < 2; i++) {
				listeners.add(new ProcessBuilder("redis-cli", "-h", host, "-p", Integer.toString(port), "SUBSCRIBE", channel)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.start());
			}
			for (int clients : new int[] { 1, 50 }) {
				Process benchmark = new ProcessBuilder("redis-benchmark", "-h", host, "-p", Integer.toString(port), "-q",
						"-n", "200000", "-c", Integer.toString(clients), "PUBLISH", channel, payload)
					.redirectErrorStream(true)
					.start();
				String output = new String(benchmark.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				benchmark.waitFor(2, TimeUnit.MINUTES);
				String last = output.lines().map(String::strip).filter((l) -> l.contains("requests per second"))
					.reduce((a, b) -> b).orElse(output.strip());
				java.util.regex.Matcher figures = java.util.regex.Pattern.compile("([0-9.]+ requests per second.*)").matcher(last);
				lines.add(clients + " client" + (clients == 1 ? "" : "s") + ": " + (figures.find() ? figures.group(1) : last));
			}
		}
		finally {
			listeners.forEach(Process::destroy);
		}
		return lines;
	}

	/** Two application nodes in this JVM. */
	private static final class Nodes implements AutoCloseable {

		final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

		final List<Integer> ports = new ArrayList<>();

		static Nodes relay(String redis) {
			Nodes nodes = new Nodes();
			String channel = "bench:relay:" + UUID.randomUUID();
			for (String name : List.of("north", "south")) {
				nodes.start(RelayApplication.class, "--chat.node=" + name, "--chat.channel=" + channel,
						"--chat.history-size=100", "--plugboard.redis.bus.url=" + redis,
						"--plugboard.redis.history.url=" + redis);
			}
			return nodes;
		}

		static Nodes realtime(String redis) {
			Nodes nodes = new Nodes();
			String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8);
			String ns = "--plugboard.realtime.chat.namespaces.chat.";
			for (int i = 0; i < 2; i++) {
				nodes.start(RealtimeApp.class, "--plugboard.redis.bus.url=" + redis, "--plugboard.realtime.chat.broker=bus",
						"--plugboard.realtime.chat.allow-anonymous=true", "--plugboard.realtime.chat.redis-prefix=" + prefix,
						ns + "publish=true", ns + "history-size=100", ns + "history-ttl=10m", ns + "recovery=true",
						ns + "presence=true", ns + "join-leave=true");
			}
			return nodes;
		}

		private void start(Class<?> application, String... args) {
			List<String> all = new ArrayList<>(List.of("--server.port=0", "--logging.level.root=WARN",
					"--spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
					// the benchmarks' classpath has Spring Cloud Consul (for DiscoveryCost): no registration here
					"--spring.cloud.consul.enabled=false", "--spring.cloud.service-registry.auto-registration.enabled=false"));
			all.addAll(List.of(args));
			ConfigurableApplicationContext context = new SpringApplicationBuilder(application).bannerMode(Banner.Mode.OFF)
				.logStartupInfo(false)
				.run(all.toArray(String[]::new));
			this.contexts.add(context);
			this.ports.add(((WebServerApplicationContext) context).getWebServer().getPort());
		}

		@Override
		public void close() {
			this.contexts.forEach(ConfigurableApplicationContext::close);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class RealtimeApp {

	}

	/**
	 * The one publisher: a JDK WebSocket client. Each message's text carries its phase, its send
	 * time (epoch ms) and a sequence number; the publisher hears its own messages back (it is in
	 * the room), which bounds the closed loop.
	 */
	private static final class Publisher implements AutoCloseable {

		private final WebSocket socket;

		private final boolean centrifuge;

		private final String channel;

		private final AtomicLong echoes = new AtomicLong();

		private final Semaphore window = new Semaphore(0);

		private final CompletableFuture<Void> subscribed = new CompletableFuture<>();

		private long sent;

		private long id = 10;

		private Publisher(URI uri, boolean centrifuge, String channel) {
			this.centrifuge = centrifuge;
			this.channel = channel;
			StringBuilder partial = new StringBuilder();
			this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {

				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					partial.append(data);
					if (last) {
						heard(partial.toString());
						partial.setLength(0);
					}
					webSocket.request(1);
					return null;
				}

			}).join();
		}

		static Publisher relay(int port, String room) {
			Publisher publisher = new Publisher(URI.create("ws://127.0.0.1:" + port + "/ws/chat?room=" + room + "&name=pub"),
					false, room);
			publisher.subscribed.complete(null);
			return publisher;
		}

		static Publisher realtime(int port, String channel) {
			Publisher publisher = new Publisher(URI.create("ws://127.0.0.1:" + port + "/connection/websocket"), true,
					channel);
			publisher.socket.sendText("{\"id\":1,\"connect\":{}}\n{\"id\":2,\"subscribe\":{\"channel\":\"" + channel
					+ "\"}}", true).join();
			publisher.subscribed.orTimeout(30, TimeUnit.SECONDS).join();
			return publisher;
		}

		private void heard(String frame) {
			for (String line : frame.split("\n")) {
				if (this.centrifuge) {
					if (line.equals("{}")) {
						send("{}");
					}
					else if (line.startsWith("{\"id\":2,")) {
						this.subscribed.complete(null);
					}
					else if (line.contains("\"pub\":")) {
						echo();
					}
				}
				else {
					echo();
				}
			}
		}

		private void echo() {
			this.echoes.incrementAndGet();
			this.window.release();
		}

		private synchronized void send(String text) {
			this.socket.sendText(text, true).join();
		}

		private void publish(String phase) {
			this.sent++;
			String text = String.format(Locale.ROOT, "{\"p\":\"%s\",\"t\":%.3f,\"s\":%d}", phase, epochMillis(), this.sent);
			if (this.centrifuge) {
				String quoted = "\"" + text.replace("\"", "\\\"") + "\"";
				send("{\"id\":" + (++this.id) + ",\"publish\":{\"channel\":\"" + this.channel
						+ "\",\"data\":{\"name\":\"pub\",\"text\":" + quoted + "}}}");
			}
			else {
				send(text);
			}
		}

		/** Publishes at a fixed rate (open loop) for the duration; returns how many it sent. */
		long fixedRate(String phase, int perSecond, Duration duration) {
			long before = this.sent;
			long interval = 1_000_000_000L / perSecond;
			long start = System.nanoTime();
			long count = duration.toNanos() / interval;
			for (long i = 0; i < count; i++) {
				long due = start + i * interval;
				while (System.nanoTime() < due) {
					Thread.onSpinWait();
				}
				publish(phase);
			}
			return this.sent - before;
		}

		/** Publishes as fast as the window allows (a message in flight until it is heard back). */
		long closedLoop(String phase, int window, Duration duration) throws InterruptedException {
			awaitEchoes();
			this.window.drainPermits();
			this.window.release(window);
			long before = this.sent;
			long end = System.nanoTime() + duration.toNanos();
			while (System.nanoTime() < end) {
				if (this.window.tryAcquire(5, TimeUnit.SECONDS)) {
					publish(phase);
				}
				else {
					throw new IllegalStateException("the publisher heard none of its messages back for 5 s");
				}
			}
			return this.sent - before;
		}

		/** Waits until the publisher heard back every message it sent. */
		void awaitEchoes() throws InterruptedException {
			long deadline = System.nanoTime() + WAIT.toNanos();
			synchronized (this) {
				while (this.echoes.get() < this.sent && System.nanoTime() < deadline) {
					wait(10);
				}
			}
		}

		private static double epochMillis() {
			Instant now = Instant.now();
			return now.getEpochSecond() * 1000.0 + now.getNano() / 1_000_000.0;
		}

		@Override
		public void close() {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS).exceptionally((ex) -> null)
				.join();
		}

	}

}
