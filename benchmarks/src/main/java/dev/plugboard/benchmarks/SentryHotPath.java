package dev.plugboard.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Request latency of a Spring MVC endpoint whose every call throws an error that Sentry's
 * exception resolver reports to the primary Sentry instance, with a stand-in of Sentry's ingest
 * API that answers against one that stalls (accepts and never answers): one application, the
 * two conditions alternating in rounds, so that drift falls on both.
 */
final class SentryHotPath {

	private static final int CONCURRENCY = 4;

	private SentryHotPath() {
	}

	record Result(Stats answering, Stats stalled, Stats roundRatios, int requestsPerRound, int rounds) {
	}

	static Result run(int rounds, int requestsPerRound) throws Exception {
		try (Ingest ingest = new Ingest();
				ConfigurableApplicationContext app = start(ingest.dsn())) {
			String url = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort()
					+ "/checkout";
			measure(url, 2000);
			List<Double> answering = new ArrayList<>();
			List<Double> stalled = new ArrayList<>();
			List<Double> ratios = new ArrayList<>();
			for (int round = 0; round < rounds; round++) {
				boolean stalledFirst = round % 2 == 1;
				Stats first = phase(ingest, url, requestsPerRound, stalledFirst);
				Stats second = phase(ingest, url, requestsPerRound, !stalledFirst);
				Stats stalledRound = stalledFirst ? first : second;
				Stats answeringRound = stalledFirst ? second : first;
				stalled.addAll(stalledRound.samples());
				answering.addAll(answeringRound.samples());
				ratios.add(stalledRound.percentile(99) / answeringRound.percentile(99));
			}
			ingest.answer();
			return new Result(new Stats(answering), new Stats(stalled), new Stats(ratios), requestsPerRound, rounds);
		}
	}

	private static Stats phase(Ingest ingest, String url, int requests, boolean stalled) {
		if (stalled) {
			ingest.stall();
		}
		else {
			ingest.answer();
		}
		return measure(url, requests);
	}

	private static Stats measure(String url, int requests) {
		ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY);
		try {
			List<CompletableFuture<Double>> samples = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				samples.add(CompletableFuture.supplyAsync(() -> Http.timeGet(url, Duration.ofSeconds(10)), clients));
			}
			return new Stats(samples.stream().map(CompletableFuture::join).toList());
		}
		finally {
			clients.shutdownNow();
		}
	}

	private static ConfigurableApplicationContext start(String dsn) {
		SpringApplication application = new SpringApplication(App.class);
		application.setLogStartupInfo(false);
		application.setBannerMode(Banner.Mode.OFF);
		return application.run("--server.port=0", "--logging.level.root=WARN",
				// Tomcat logs every unhandled exception with its stack trace: the console would be measured
				"--logging.level.org.apache.catalina=OFF", "--plugboard.sentry.errors.url=" + dsn,
				"--plugboard.sentry.errors.shutdown.timeout=1s",
				// the benchmarks classpath holds every store; this application uses none
				"--spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(Checkout.class)
	static class App {

	}

	@RestController
	static class Checkout {

		@GetMapping("/checkout")
		String checkout() {
			// unhandled, as Sentry's resolver reports it: Spring Boot's error page answers 500
			throw new IllegalStateException("card declined");
		}

	}

	/** A stand-in of Sentry's ingest API that answers 200 or holds every request. */
	static final class Ingest implements AutoCloseable {

		private final HttpServer server;

		private final ExecutorService executor = Executors.newCachedThreadPool();

		private volatile CountDownLatch stall;

		Ingest() throws IOException {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			this.server.createContext("/api/", this::handle);
			this.server.setExecutor(this.executor);
			this.server.start();
		}

		String dsn() {
			return "http://benchkey0123456789@127.0.0.1:" + this.server.getAddress().getPort() + "/1";
		}

		void stall() {
			this.stall = new CountDownLatch(1);
		}

		void answer() {
			CountDownLatch current = this.stall;
			this.stall = null;
			if (current != null) {
				current.countDown();
			}
		}

		private void handle(HttpExchange exchange) throws IOException {
			try (exchange) {
				exchange.getRequestBody().readAllBytes();
				CountDownLatch current = this.stall;
				if (current != null) {
					try {
						current.await(1, TimeUnit.MINUTES);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				exchange.sendResponseHeaders(200, -1);
			}
		}

		@Override
		public void close() {
			answer();
			this.server.stop(0);
			this.executor.shutdownNow();
		}

	}

}
