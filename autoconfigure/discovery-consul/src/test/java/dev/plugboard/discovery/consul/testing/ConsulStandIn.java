package dev.plugboard.discovery.consul.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in of Consul's HTTP API (no Consul agent installs on this machine), answering the
 * calls that Spring Cloud Consul's discovery client makes, with the response shapes of Consul's
 * API documentation: {@code GET /v1/health/service/<name>} with {@code passing} and {@code tag}
 * filters, {@code GET /v1/catalog/services}, both with {@code X-Consul-Index} and blocking
 * queries ({@code index}, {@code wait}), {@code GET /v1/status/leader}, and the agent's
 * service registration calls. The services it lists point at real servers.
 */
public final class ConsulStandIn implements ConsulServer {

	private static final Pattern HEALTH_SERVICE = Pattern.compile("/v1/health/service/([^/?]+)");

	private final List<Entry> entries = new ArrayList<>();

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final int port;

	private long index = 1;

	private HttpServer server;

	private ExecutorService executor;

	private ConsulStandIn(int port) throws IOException {
		this.port = port;
		start();
	}

	/**
	 * Start a stand-in on a free port.
	 * @return the stand-in
	 */
	public static ConsulStandIn start(int port) {
		try {
			return new ConsulStandIn(port);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public int port() {
		return this.port;
	}

	/** The requests answered so far: method, path and query. */
	@Override
	public List<String> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * Register a service instance with one health check.
	 * @param service the service name
	 * @param id the instance id
	 * @param address the address
	 * @param port the port
	 * @param status the check status: passing, warning or critical
	 * @param tags the tags
	 */
	@Override
	public synchronized void register(String service, String id, String address, int port, String status,
			String... tags) {
		this.entries.removeIf((entry) -> entry.id.equals(id));
		this.entries.add(new Entry(service, id, address, port, status, List.of(tags)));
		changed();
	}

	/** Set the check status of an instance. */
	@Override
	public synchronized void status(String id, String status) {
		List<Entry> updated = new ArrayList<>();
		for (Entry entry : this.entries) {
			updated.add(entry.id.equals(id) ? new Entry(entry.service, id, entry.address, entry.port, status, entry.tags)
					: entry);
		}
		this.entries.clear();
		this.entries.addAll(updated);
		changed();
	}

	/** Remove an instance. */
	@Override
	public synchronized void deregister(String id) {
		this.entries.removeIf((entry) -> entry.id.equals(id));
		changed();
	}

	private void changed() {
		this.index++;
		notifyAll();
	}

	/** Stop answering (the port refuses connections), as a Consul agent that is down. */
	@Override
	public synchronized void stop() {
		if (this.server != null) {
			this.server.stop(0);
			this.executor.shutdownNow();
			this.server = null;
		}
		notifyAll();
	}

	/** Answer again on the same port. */
	@Override
	public synchronized void start() throws IOException {
		if (this.server != null) {
			return;
		}
		HttpServer created = HttpServer.create(new InetSocketAddress("127.0.0.1", this.port), 50);
		created.createContext("/", this::handle);
		this.executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "consul-stand-in");
			thread.setDaemon(true);
			return thread;
		});
		created.setExecutor(this.executor);
		created.start();
		this.server = created;
	}

	@Override
	public void close() {
		stop();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getRawPath();
			Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
			this.requests.add(exchange.getRequestMethod() + " " + path
					+ ((exchange.getRequestURI().getRawQuery() != null) ? "?" + exchange.getRequestURI().getRawQuery() : ""));
			if (path.equals("/v1/status/leader")) {
				send(exchange, 200, "\"127.0.0.1:8300\"", null);
				return;
			}
			if (path.startsWith("/v1/agent/service/register") || path.startsWith("/v1/agent/service/deregister")
					|| path.startsWith("/v1/agent/check/")) {
				exchange.getRequestBody().readAllBytes();
				send(exchange, 200, "", null);
				return;
			}
			if (path.equals("/v1/catalog/services")) {
				long at = block(query);
				send(exchange, 200, catalog(), at);
				return;
			}
			Matcher health = HEALTH_SERVICE.matcher(path);
			if (health.matches()) {
				long at = block(query);
				String service = URLDecoder.decode(health.group(1), StandardCharsets.UTF_8);
				boolean passing = query.containsKey("passing")
						&& !List.of("false", "0").contains(query.get("passing").get(0));
				send(exchange, 200, health(service, passing, query.getOrDefault("tag", List.of())), at);
				return;
			}
			send(exchange, 404, "no such endpoint in the stand-in: " + path, null);
		}
	}

	/**
	 * A blocking query: with {@code index} at or past the current index, wait for a change or
	 * {@code wait} (Consul's default 5 minutes, here capped at 10 s).
	 */
	private synchronized long block(Map<String, List<String>> query) {
		List<String> asked = query.get("index");
		if (asked == null) {
			return this.index;
		}
		long since = Long.parseLong(asked.get(0));
		long deadline = System.nanoTime() + waitTime(query).toNanos();
		while (this.index <= since && this.server != null) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				break;
			}
			try {
				wait(Math.max(1, left / 1_000_000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return this.index;
	}

	private static Duration waitTime(Map<String, List<String>> query) {
		List<String> wait = query.get("wait");
		Duration cap = Duration.ofSeconds(10);
		if (wait == null) {
			return cap;
		}
		String text = wait.get(0);
		Duration asked = text.endsWith("ms") ? Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)))
				: text.endsWith("s") ? Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)))
						: text.endsWith("m") ? Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)))
								: Duration.ofSeconds(Long.parseLong(text));
		return (asked.compareTo(cap) > 0) ? cap : asked;
	}

	private synchronized String catalog() {
		Map<String, List<String>> services = new LinkedHashMap<>();
		services.put("consul", List.of());
		for (Entry entry : this.entries) {
			List<String> tags = services.computeIfAbsent(entry.service, (key) -> new ArrayList<>());
			entry.tags.stream().filter((tag) -> !tags.contains(tag)).forEach(tags::add);
		}
		return services.entrySet()
			.stream()
			.map((service) -> quote(service.getKey()) + ":" + array(service.getValue()))
			.collect(Collectors.joining(",", "{", "}"));
	}

	private synchronized String health(String service, boolean passing, List<String> tags) {
		return this.entries.stream()
			.filter((entry) -> entry.service.equals(service))
			.filter((entry) -> !passing || entry.status.equals("passing"))
			.filter((entry) -> entry.tags.containsAll(tags))
			.map(ConsulStandIn::healthEntry)
			.collect(Collectors.joining(",", "[", "]"));
	}

	private static String healthEntry(Entry entry) {
		String node = "{\"ID\":\"node-" + entry.id + "\",\"Node\":\"node-" + entry.id + "\",\"Address\":"
				+ quote(entry.address) + ",\"Datacenter\":\"dc1\",\"TaggedAddresses\":{\"lan\":" + quote(entry.address)
				+ "},\"Meta\":{},\"CreateIndex\":1,\"ModifyIndex\":1}";
		String service = "{\"ID\":" + quote(entry.id) + ",\"Service\":" + quote(entry.service) + ",\"Tags\":"
				+ array(entry.tags) + ",\"Address\":" + quote(entry.address) + ",\"Meta\":{},\"Port\":" + entry.port
				+ ",\"EnableTagOverride\":false,\"CreateIndex\":1,\"ModifyIndex\":1}";
		String serfHealth = "{\"Node\":\"node-" + entry.id + "\",\"CheckID\":\"serfHealth\",\"Name\":\"Serf Health Status\","
				+ "\"Status\":\"passing\",\"Notes\":\"\",\"Output\":\"Agent alive and reachable\",\"ServiceID\":\"\","
				+ "\"ServiceName\":\"\",\"ServiceTags\":[],\"CreateIndex\":1,\"ModifyIndex\":1}";
		String check = "{\"Node\":\"node-" + entry.id + "\",\"CheckID\":\"service:" + entry.id + "\",\"Name\":"
				+ quote("Service '" + entry.service + "' check") + ",\"Status\":" + quote(entry.status)
				+ ",\"Notes\":\"\",\"Output\":\"\",\"ServiceID\":" + quote(entry.id) + ",\"ServiceName\":"
				+ quote(entry.service) + ",\"ServiceTags\":" + array(entry.tags) + ",\"CreateIndex\":1,\"ModifyIndex\":1}";
		return "{\"Node\":" + node + ",\"Service\":" + service + ",\"Checks\":[" + serfHealth + "," + check + "]}";
	}

	private void send(HttpExchange exchange, int status, String body, Long consulIndex) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		if (consulIndex != null) {
			exchange.getResponseHeaders().set("X-Consul-Index", Long.toString(consulIndex));
			exchange.getResponseHeaders().set("X-Consul-Knownleader", "true");
			exchange.getResponseHeaders().set("X-Consul-Lastcontact", "0");
		}
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	private static Map<String, List<String>> query(String raw) {
		Map<String, List<String>> result = new LinkedHashMap<>();
		if (raw == null || raw.isEmpty()) {
			return result;
		}
		for (String pair : raw.split("&")) {
			int eq = pair.indexOf('=');
			String key = URLDecoder.decode((eq >= 0) ? pair.substring(0, eq) : pair, StandardCharsets.UTF_8);
			String value = (eq >= 0) ? URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8) : "";
			result.computeIfAbsent(key, (k) -> new ArrayList<>()).add(value);
		}
		return result;
	}

	private static String quote(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static String array(List<String> values) {
		return values.stream().map(ConsulStandIn::quote).collect(Collectors.joining(",", "[", "]"));
	}

	private record Entry(String service, String id, String address, int port, String status, List<String> tags) {
	}

}
