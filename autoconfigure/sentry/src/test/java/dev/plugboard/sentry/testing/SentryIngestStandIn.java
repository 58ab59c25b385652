package dev.plugboard.sentry.testing;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sentry.EnvelopeReader;
import io.sentry.JsonSerializer;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEnvelopeItem;
import io.sentry.SentryEvent;
import io.sentry.SentryItemType;
import io.sentry.SentryOptions;

/**
 * A stand-in of Sentry's ingest API on a free loopback port: it answers
 * {@code POST /api/<project>/envelope/} and decodes what arrives with the SDK's own envelope
 * reader and serializer (gzip, envelope header, item headers, payloads). It can answer, stall
 * (hold every request until closed) or rate-limit (429 with {@code Retry-After}).
 */
public final class SentryIngestStandIn implements AutoCloseable {

	/** The public key of every DSN the stand-in gives out: tests look for it where it must not be. */
	public static final String KEY = "b7a1e1c0ffee4d2a9e55f00dcafe0042";

	private static final Pattern ENVELOPE_PATH = Pattern.compile("/api/([^/]+)/envelope/?");

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final JsonSerializer serializer = new JsonSerializer(SentryOptions.empty());

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final CountDownLatch released = new CountDownLatch(1);

	private volatile Mode mode = Mode.ANSWER;

	private volatile long retryAfterSeconds;

	private SentryIngestStandIn() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/api/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	public static SentryIngestStandIn start() {
		try {
			return new SentryIngestStandIn();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A DSN of one project at this stand-in.
	 * @param project the project id
	 * @return the DSN
	 */
	public String dsn(String project) {
		return "http://" + KEY + "@127.0.0.1:" + port() + "/" + project;
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/** Answer every envelope with 200. */
	public void answer() {
		this.mode = Mode.ANSWER;
	}

	/** Hold every request unanswered until the stand-in is closed. */
	public void stall() {
		this.mode = Mode.STALL;
	}

	/**
	 * Answer 429 with a {@code Retry-After}.
	 * @param seconds the Retry-After value
	 */
	public void rateLimit(long seconds) {
		this.retryAfterSeconds = seconds;
		this.mode = Mode.RATE_LIMIT;
	}

	/** Answer every envelope with 500. */
	public void fail() {
		this.mode = Mode.FAIL;
	}

	/**
	 * What arrived so far.
	 * @return the requests, in order of arrival
	 */
	public List<Received> received() {
		return List.copyOf(this.received);
	}

	/**
	 * The events that arrived for one project.
	 * @param project the project id
	 * @return the events
	 */
	public List<SentryEvent> events(String project) {
		List<SentryEvent> events = new ArrayList<>();
		for (Received request : this.received) {
			if (request.project().equals(project)) {
				events.addAll(request.events());
			}
		}
		return events;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Matcher path = ENVELOPE_PATH.matcher(exchange.getRequestURI().getPath());
			if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			byte[] raw = exchange.getRequestBody().readAllBytes();
			byte[] body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
					? gunzip(raw) : raw;
			SentryEnvelope envelope = new EnvelopeReader(this.serializer).read(new ByteArrayInputStream(body));
			if (envelope == null) {
				exchange.sendResponseHeaders(400, -1);
				return;
			}
			List<SentryEvent> events = new ArrayList<>();
			List<String> itemTypes = new ArrayList<>();
			for (SentryEnvelopeItem item : envelope.getItems()) {
				itemTypes.add(item.getHeader().getType().getItemType());
				if (item.getHeader().getType() == SentryItemType.Event) {
					try (BufferedReader reader = new BufferedReader(new InputStreamReader(
							new ByteArrayInputStream(item.getData()), StandardCharsets.UTF_8))) {
						events.add(this.serializer.deserialize(reader, SentryEvent.class));
					}
				}
			}
			Mode current = this.mode;
			if (current == Mode.STALL) {
				try {
					this.released.await(1, TimeUnit.MINUTES);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return;
			}
			this.received.add(new Received(path.group(1), exchange.getRequestHeaders().getFirst("X-Sentry-Auth"),
					new String(body, StandardCharsets.UTF_8), itemTypes, events));
			switch (current) {
				case RATE_LIMIT -> {
					exchange.getResponseHeaders().add("Retry-After", Long.toString(this.retryAfterSeconds));
					exchange.sendResponseHeaders(429, -1);
				}
				case FAIL -> exchange.sendResponseHeaders(500, -1);
				default -> {
					byte[] answer = ("{\"id\":\"" + envelope.getHeader().getEventId() + "\"}")
						.getBytes(StandardCharsets.UTF_8);
					exchange.getResponseHeaders().add("Content-Type", "application/json");
					exchange.sendResponseHeaders(200, answer.length);
					exchange.getResponseBody().write(answer);
				}
			}
		}
		catch (Exception ex) {
			exchange.sendResponseHeaders(500, -1);
		}
	}

	private static byte[] gunzip(byte[] raw) throws IOException {
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
			return in.readAllBytes();
		}
	}

	@Override
	public void close() {
		this.released.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private enum Mode {

		ANSWER, STALL, RATE_LIMIT, FAIL

	}

	/**
	 * One request that arrived.
	 *
	 * @param project the project id of the path
	 * @param auth the {@code X-Sentry-Auth} header
	 * @param body the decoded envelope, as text
	 * @param itemTypes the item types of the envelope
	 * @param events the events it carried
	 */
	public record Received(String project, String auth, String body, List<String> itemTypes, List<SentryEvent> events) {
	}

}
