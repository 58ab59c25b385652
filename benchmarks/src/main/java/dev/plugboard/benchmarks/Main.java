package dev.plugboard.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks and prints each result as a ratio against its baseline measured in the
 * same run. Usage: {@code benchmarks/run [startup] [concurrent] [health] [hotpath|hotpath:<operation>] [shutdown] [discovery] [sentry] [realtime]}
 * (all when none is named). The report is also written to {@code benchmarks/target/results.md}.
 */
public final class Main {

	private final String pgHost = env("PLUGBOARD_TEST_PG_HOST", "127.0.0.1");

	private final int pgPort = Integer.parseInt(env("PLUGBOARD_TEST_PG_PORT", "5432"));

	/** The Redis server the tests use: {@code PLUGBOARD_TEST_REDIS_URL}, as documented. */
	private final URI redisUrl = URI.create(env("PLUGBOARD_TEST_REDIS_URL", "redis://127.0.0.1:6379").strip());

	private final String redisHost = (this.redisUrl.getHost() != null) ? this.redisUrl.getHost() : "127.0.0.1";

	private final int redisPort = (this.redisUrl.getPort() != -1) ? this.redisUrl.getPort() : 6379;

	private final String rabbitHost = env("PLUGBOARD_TEST_RABBIT_HOST", "127.0.0.1");

	private final int rabbitPort = Integer.parseInt(env("PLUGBOARD_TEST_RABBIT_PORT", "5672"));

	private static final int HOT_PATH_ROUNDS = 4;

	private final List<String> report = new ArrayList<>();

	/** With {@code hotpath:<text>}, the text the operations of the rows to run contain. */
	private String hotPathOnly = "";

	public static void main(String[] args) throws Exception {
		List<String> selected = (args.length == 0) ? List.of("startup", "concurrent", "health", "hotpath", "shutdown", "discovery", "sentry")
				: Arrays.asList(args);
		Main main = new Main();
		main.line("# Plugboard benchmarks (" + Runtime.getRuntime().availableProcessors() + " cores, Java "
				+ System.getProperty("java.version") + ")");
		for (String name : selected) {
			switch (name) {
				case "startup" -> main.startup();
				case "shutdown" -> main.shutdown();
				case "concurrent" -> main.concurrent();
				case "health" -> main.health();
				case "hotpath" -> main.hotPath();
				case "discovery" -> main.discovery();
				case "sentry" -> main.sentry();
				case "realtime" -> main.realtime();
				default -> {
					if (!name.startsWith("hotpath:")) {
						throw new IllegalArgumentException("Unknown benchmark " + name);
					}
					// hotpath:<text>: only the rows whose operation contains the text
					main.hotPathOnly = name.substring("hotpath:".length());
					main.hotPath();
				}
			}
		}
		Path output = Path.of("benchmarks", "target", "results.md");
		if (Files.isDirectory(output.getParent())) {
			Files.write(output, main.report);
			System.out.println("\nWritten to " + output);
		}
		System.exit(0);
	}

	private void startup() throws Exception {
		line("\n## Startup cost: 2 PostgreSQL + 2 Redis + 1 RabbitMQ, Plugboard vs the same beans wired by hand");
		line("Each run is a fresh JVM (-Xmx512m) that starts the context and makes one round trip to every store.");
		StartupCost.Result result = StartupCost.run(7);
		line("| | Plugboard | by hand | ratio |");
		line("|---|---|---|---|");
		line("| start to ready | " + result.plugboardMillis().describe("ms") + " | " + result.manualMillis().describe("ms")
				+ " | " + Stats.ratio(result.plugboardMillis(), result.manualMillis()) + " |");
		line("| resident memory | " + result.plugboardRss().describe("MiB") + " | " + result.manualRss().describe("MiB")
				+ " | " + Stats.ratio(result.plugboardRss(), result.manualRss()) + " |");
		line("| heap after GC | " + result.plugboardHeap().describe("MiB") + " | " + result.manualHeap().describe("MiB")
				+ " | " + Stats.ratio(result.plugboardHeap(), result.manualHeap()) + " |");
		line("| of which context start | " + result.plugboardContext().describe("ms") + " | "
				+ result.manualContext().describe("ms") + " | "
				+ Stats.ratio(result.plugboardContext(), result.manualContext()) + " |");
		line("| of which Plugboard's concurrent probe phase (slowest instance) | " + result.probes().describe("ms")
				+ " | – | |");
	}

	private void shutdown() throws Exception {
		line("\n## Shutdown with a slow consumer holding in-flight messages");
		Shutdown.Result result = Shutdown.run(5, 400, this.rabbitHost, this.rabbitPort);
		line("| | runs | messages per run | context close | processed before close | lost or duplicated |");
		line("|---|---|---|---|---|---|");
		shutdownRow("Plugboard `subscribe`", result.plugboard(), result.messages());
		shutdownRow("Spring Boot `@RabbitListener`", result.boot(), result.messages());
		line("Close time ratio: " + Stats.ratio(result.plugboard().closeMillis(), result.boot().closeMillis()));
	}

	private void shutdownRow(String label, Shutdown.SideResult side, int messages) {
		line("| " + label + " | " + side.closeMillis().count() + " | " + messages + " | "
				+ side.closeMillis().describe("ms") + " | " + side.processed().describe("") + " | " + side.lost() + " |");
	}

	private void realtime() throws Exception {
		int subscribers = 500;
		int rate = 20;
		java.time.Duration phase = java.time.Duration.ofSeconds(8);
		line("\n## Realtime fan-out: 1 publisher, " + subscribers + " subscribers over 2 nodes, Redis as the broker");
		line("Two application nodes in this JVM share the Redis server; the subscribers run in two Node.js processes"
				+ " (half on each node), the publisher is a JDK WebSocket client on the first node. Latency: " + rate
				+ " messages/s for " + phase.toSeconds() + " s (after 3 s of warm-up), publish-to-receive of every"
				+ " delivery. Throughput: the publisher keeps " + RealtimeFanout.WINDOW + " messages in flight for "
				+ phase.toSeconds() + " s; deliveries per second from the first to the last delivery.");
		List<RealtimeFanout.Side> sides = RealtimeFanout.run(this.redisHost, this.redisPort, subscribers, rate, phase);
		line("| | latency p50 | latency p99 | delivered | throughput: deliveries/s | p50 | p99 | delivered |");
		line("|---|---|---|---|---|---|---|---|");
		for (RealtimeFanout.Side side : sides) {
			line(String.format(Locale.ROOT, "| %s | %.2f ms | %.2f ms | %d / %d | %.0f | %.1f ms | %.1f ms | %d / %d |",
					side.label(), side.latency().p50(), side.latency().p99(), side.latency().delivered(),
					side.latency().sent() * subscribers, side.throughput().deliveriesPerSecond(), side.throughput().p50(),
					side.throughput().p99(), side.throughput().delivered(), side.throughput().sent() * subscribers));
		}
		RealtimeFanout.Side baseline = sides.get(0);
		for (RealtimeFanout.Side side : sides.subList(1, sides.size())) {
			line(String.format(Locale.ROOT,
					"%s / old relay: throughput **%.2f×** (target ≥ 1.0×), p99 at %d/s **%.2f×** (target ≤ 1.0×)",
					side.label(), side.throughput().deliveriesPerSecond() / baseline.throughput().deliveriesPerSecond(),
					rate, side.latency().p99() / baseline.latency().p99()));
		}
		line("Ceiling, Redis `PUBLISH` (redis-benchmark, 200000 requests, ~90-byte payload, 2 subscribers listening):");
		for (String ceiling : RealtimeFanout.redisCeiling(this.redisHost, this.redisPort)) {
			line("- " + ceiling);
		}
	}

	private void sentry() throws Exception {
		line("\n## Sentry: request latency with the ingest stalled vs answering");
		SentryHotPath.Result result = SentryHotPath.run(4, 1500);
		line("Every request throws an unhandled error that Sentry's exception resolver reports to the primary instance (Spring Boot's error page answers 500). One"
				+ " application; the ingest stand-in answers or stalls in alternating phases (" + result.rounds()
				+ " rounds of " + result.requestsPerRound() + " requests each, 4 clients at a time, after 2000 warm-up"
				+ " requests).");
		line("| ingest | p50 | p99 | max | requests |");
		line("|---|---|---|---|---|");
		sentryRow("answering", result.answering());
		sentryRow("stalled", result.stalled());
		line(String.format(Locale.ROOT, "p99 ratio stalled / answering: **%.2f×** (per-round ratios %.2f–%.2f; target ≤ 1.05×)",
				result.stalled().percentile(99) / result.answering().percentile(99), result.roundRatios().min(),
				result.roundRatios().max()));
	}

	private void sentryRow(String label, Stats stats) {
		line(String.format(Locale.ROOT, "| %s | %.2f ms | %.2f ms | %.2f ms | %d |", label, stats.median(),
				stats.percentile(99), stats.max(), stats.count()));
	}

	private void discovery() throws Exception {
		line("\n## Discovery: a new PostgreSQL connection of a discovery:// instance vs one to the fixed URL");
		DiscoveryCost.Result result = DiscoveryCost.run(1000, this.pgHost, this.pgPort);
		line("Connections alternate, and which of the two goes first alternates (connect, validate, close); the"
				+ " discovering DataSource asks the real Spring Cloud"
				+ " Consul client's answers, cached (the stand-in of Consul's HTTP API behind it).");
		line("| | median | p99 |");
		line("|---|---|---|");
		line(String.format(Locale.ROOT, "| fixed URL (HikariCP's DriverDataSource) | %.3f ms | %.3f ms |", result.fixed().median(),
				result.fixed().percentile(99)));
		line(String.format(Locale.ROOT, "| discovery:// (resolved per connection) | %.3f ms | %.3f ms |",
				result.discovered().median(), result.discovered().percentile(99)));
		line(String.format(Locale.ROOT,
				"Resolution cost per new connection: %+.3f ms median (target ≤ 1 ms); ratio %s; one lookup in the"
						+ " warm cache: %.0f ns.",
				result.discovered().median() - result.fixed().median(), Stats.ratio(result.discovered(), result.fixed()),
				result.nextNanos()));
	}

	private void concurrent() throws Exception {
		line("\n## Concurrent start: N PostgreSQL instances, each behind a proxy adding "
				+ ConcurrentStart.DELAY_MS + " ms to every connection");
		Map<Integer, Stats> results = ConcurrentStart.run(new int[] { 1, 4, 8 }, 5, this.pgHost, this.pgPort);
		line("| N | context start | ratio to N=1 |");
		line("|---|---|---|");
		Stats one = results.get(1);
		results.forEach((size, stats) -> line("| " + size + " | " + stats.describe("ms") + " | "
				+ Stats.ratio(stats, one) + " |"));
		line("A sequential start would add about " + ConcurrentStart.DELAY_MS + " ms per instance ("
				+ 7 * ConcurrentStart.DELAY_MS + " ms more for N=8 than for N=1).");
	}

	private void health() throws Exception {
		line("\n## Bounded health: /actuator/health with PostgreSQL, Redis and RabbitMQ all stalled");
		BoundedHealth.Result result = BoundedHealth.run(50, new BoundedHealth.Stores(this.pgHost, this.pgPort,
				this.redisHost, this.redisPort, this.rabbitHost, this.rabbitPort));
		line("Both applications are measured alike: 50 calls, 5 at a time.");
		line("| | p50 | p99 | max | calls |");
		line("|---|---|---|---|---|");
		line(String.format(Locale.ROOT, "| Plugboard (health.timeout %d ms) | %.0f ms | %.0f ms | %.0f ms | %d |",
				result.healthTimeout().toMillis(), result.plugboard().median(), result.plugboard().percentile(99),
				result.plugboard().max(), result.plugboard().count()));
		line(String.format(Locale.ROOT,
				"| Spring Boot's DataSource, Redis and RabbitMQ indicators | %.0f ms | %.0f ms | %.0f ms | %d |",
				result.boot().median(), result.boot().percentile(99), result.boot().max(), result.boot().count()));
		line("The client gives up after " + result.clientTimeout().toMillis()
				+ " ms: a baseline figure equal to it means the call was still waiting.");
	}

	private void hotPath() throws Exception {
		line("\n## Hot path: Plugboard beans vs the same clients built by hand (JMH throughput, ops/s)");
		line("Plugboard and by-hand runs alternate (" + HOT_PATH_ROUNDS + " rounds of one JMH fork each: 2 warm-up and 5"
				+ " measured iterations of 2 s), so that drift of the shared server falls on both. Figures are the"
				+ " median and range of all measured iterations; the ratio's range is that of the per-round ratios.");
		line("| operation | Plugboard | by hand | ratio |");
		line("|---|---|---|---|");
		hotPath("PostgreSQL primary-key SELECT", JdbcHotPath.class, "plugboardSelect", "manualSelect");
		hotPath("jOOQ primary-key SELECT", JooqHotPath.class, "plugboardSelect", "manualSelect");
		hotPath("Spring Data JDBC findById", DataJdbcHotPath.class, "plugboardFindById", "manualFindById");
		hotPath("read-only transaction, SELECT routed to a replica", ReplicaHotPath.class, "plugboardReadOnlySelect",
				"manualReadOnlySelect");
		hotPath("Redis SET + GET", RedisHotPath.class, "plugboardSetGet", "manualSetGet");
	}

	private void hotPath(String label, Class<?> benchmark, String plugboardMethod, String manualMethod)
			throws Exception {
		if (!label.contains(this.hotPathOnly)) {
			return;
		}
		List<Double> plugboard = new ArrayList<>();
		List<Double> manual = new ArrayList<>();
		List<Double> ratios = new ArrayList<>();
		for (int round = 0; round < HOT_PATH_ROUNDS; round++) {
			// alternate which one goes first, too
			boolean plugboardFirst = round % 2 == 0;
			List<Double> first = jmh(benchmark, plugboardFirst ? plugboardMethod : manualMethod);
			List<Double> second = jmh(benchmark, plugboardFirst ? manualMethod : plugboardMethod);
			List<Double> plugboardRound = plugboardFirst ? first : second;
			List<Double> manualRound = plugboardFirst ? second : first;
			plugboard.addAll(plugboardRound);
			manual.addAll(manualRound);
			ratios.add(new Stats(plugboardRound).median() / new Stats(manualRound).median());
		}
		Stats plugboardStats = new Stats(plugboard);
		Stats manualStats = new Stats(manual);
		Stats ratioStats = new Stats(ratios);
		line(String.format(Locale.ROOT, "| %s | %s | %s | **%.3f×** (%.3f–%.3f) |", label,
				plugboardStats.describe("ops/s"), manualStats.describe("ops/s"),
				plugboardStats.median() / manualStats.median(), ratioStats.min(), ratioStats.max()));
	}

	private List<Double> jmh(Class<?> benchmark, String method) throws Exception {
		Options options = new OptionsBuilder().include(benchmark.getName() + "." + method + "$")
			.forks(1)
			.warmupIterations(2)
			.warmupTime(TimeValue.seconds(2))
			.measurementIterations(5)
			.measurementTime(TimeValue.seconds(2))
			.jvmArgsAppend("-Dbench.pg.host=" + this.pgHost, "-Dbench.pg.port=" + this.pgPort)
			.build();
		List<Double> scores = new ArrayList<>();
		for (RunResult result : new Runner(options).run()) {
			result.getBenchmarkResults()
				.forEach((benchmarkResult) -> benchmarkResult.getIterationResults()
					.forEach((iteration) -> scores.add(iteration.getPrimaryResult().getScore())));
		}
		if (scores.isEmpty()) {
			throw new IllegalStateException("JMH gave no result for " + benchmark.getSimpleName() + "." + method);
		}
		return scores;
	}

	private void line(String text) {
		System.out.println(text);
		this.report.add(text);
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

	static {
		try {
			Files.createDirectories(Path.of("benchmarks", "target"));
		}
		catch (IOException ex) {
			// the report is printed anyway
		}
	}

}
