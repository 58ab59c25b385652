package dev.plugboard.realtime.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs a scenario script that drives the official Centrifuge JavaScript SDK through
 * {@code src/test/js/harness.mjs} in a {@code node} process, and lets a test wait for what the
 * script logs (one JSON object a line) and answer its signals and token requests on stdin.
 *
 * <pre>{@code
 * try (SdkScenario s = SdkScenario.run("""
 *         import { harness } from './harness.mjs';
 *         const h = harness();
 *         const c = h.client('alice', '%s', { token: '%s' });
 *         const sub = h.subscribe('alice', 'chat:room1', { recoverable: true, positioned: true });
 *         sub.subscribe();
 *         c.connect();
 *         await h.until('alice', 'subscribed', (e) => e.channel === 'chat:room1');
 *         await h.signal('subscribed');
 *         await h.until('alice', 'publication');
 *         h.done();
 *         """.formatted(url, token))) {
 *     s.awaitSignal("subscribed", Duration.ofSeconds(10));
 *     server.publish("chat:room1", "{\"text\":\"hi\"}");
 *     s.reply("subscribed");
 *     Map<String, Object> pub = s.awaitEvent("alice", "publication", Duration.ofSeconds(10));
 *     s.awaitDone(Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * Every wait fails fast, with what it expected, the script's whole output, its stderr and the
 * script itself, when the script ends first; {@link #close()} kills the process tree.
 */
public final class SdkScenario implements AutoCloseable {

	/** Where {@code harness.mjs} lives, below the module's base directory. */
	public static final String JS_DIR = "src/test/js";

	private static final Set<SdkScenario> LIVE = Collections.synchronizedSet(new LinkedHashSet<>());

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			for (SdkScenario s : List.copyOf(LIVE)) {
				s.kill();
			}
		}, "sdk-scenario-cleanup"));
	}

	private final String name;

	private final String script;

	private final Path scriptFile;

	private final Process process;

	private final Writer stdin;

	private final Object lock = new Object();

	private final List<Map<String, Object>> lines = new ArrayList<>();

	private final Set<Integer> consumed = new HashSet<>();

	private final StringBuffer stderr = new StringBuffer();

	private final Thread stdoutReader;

	private final Thread stderrReader;

	private boolean ended;

	private Integer exitCode;

	private volatile boolean closed;

	private SdkScenario(String name, String script, Path scriptFile, List<String> command, Path workDir) {
		this.name = name;
		this.script = script;
		this.scriptFile = scriptFile;
		ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
		builder.environment().remove("NODE_OPTIONS");
		builder.environment().put("NO_COLOR", "1");
		try {
			this.process = builder.start();
		}
		catch (IOException ex) {
			deleteScript();
			throw new IllegalStateException("could not start " + command + " in " + workDir
					+ " (is node 20+ on the PATH? set -Dplugboard.node=/path/to/node otherwise)", ex);
		}
		LIVE.add(this);
		this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		this.stderrReader = daemon(name + "-stderr", () -> pump(process.getErrorStream(), stderr));
		this.stdoutReader = daemon(name + "-stdout", this::readStdout);
	}

	/** Writes {@code script} next to harness.mjs (so its imports resolve) and runs it with node. */
	public static SdkScenario run(String script) {
		Path dir = jsDir();
		String id = UUID.randomUUID().toString().substring(0, 8);
		Path file = dir.resolve(".scenario-" + id + ".mjs");
		try {
			Files.writeString(file, script, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not write " + file, ex);
		}
		return new SdkScenario("scenario " + file.getFileName(), script, file, List.of(node(), file.toString()), dir);
	}

	/** Runs a committed script of {@code src/test/js} (such as browser.mjs) with arguments. */
	static SdkScenario runFile(String fileName, List<String> args, String description) {
		Path dir = jsDir();
		List<String> command = new ArrayList<>();
		command.add(node());
		command.add(dir.resolve(fileName).toString());
		command.addAll(args);
		return new SdkScenario(fileName, description, null, command, dir);
	}

	/**
	 * The harness's directory: {@code -Dplugboard.realtime.js=…} if given, else {@code src/test/js} of
	 * {@code basedir} or {@code user.dir}, else {@code autoconfigure/realtime/src/test/js} below
	 * {@code user.dir} or one of its parents. It must hold harness.mjs and an installed node_modules.
	 */
	public static Path jsDir() {
		List<Path> candidates = new ArrayList<>();
		String explicit = System.getProperty("plugboard.realtime.js");
		if (explicit != null) {
			candidates.add(Path.of(explicit));
		}
		for (String property : List.of("basedir", "user.dir")) {
			String base = System.getProperty(property);
			if (base != null) {
				candidates.add(Path.of(base).resolve(JS_DIR));
			}
		}
		for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
			candidates.add(p.resolve("autoconfigure/realtime").resolve(JS_DIR));
		}
		for (Path candidate : candidates) {
			Path dir = candidate.toAbsolutePath().normalize();
			if (Files.isRegularFile(dir.resolve("harness.mjs"))) {
				if (!Files.isDirectory(dir.resolve("node_modules/centrifuge"))) {
					throw new IllegalStateException(dir + " has no node_modules/centrifuge: run 'npm ci' there"
							+ " (the module's build does it in generate-test-resources unless -DskipTests)");
				}
				return dir;
			}
		}
		throw new IllegalStateException("harness.mjs not found; looked in " + candidates
				+ " (set -Dplugboard.realtime.js=<dir of harness.mjs>)");
	}

	private static String node() {
		return System.getProperty("plugboard.node", "node");
	}

	// ------------------------------------------------------------------ waiting

	/** The first line of {@code client} and {@code event}, waiting up to {@code timeout}. */
	public Map<String, Object> awaitEvent(String client, String event, Duration timeout) {
		return awaitEvent(client, event, (e) -> true, timeout);
	}

	/**
	 * The first line (logged at any time, also before this call) of {@code client} (null for the
	 * harness's own lines) and {@code event} that passes {@code filter}, waiting up to {@code timeout}.
	 * Use {@link #after(long)} with {@link #lastSeq()} to skip lines logged earlier.
	 */
	public Map<String, Object> awaitEvent(String client, String event, Predicate<Map<String, Object>> filter,
			Duration timeout) {
		return await(client + "/" + event + " (matching the given filter)",
				(e) -> Objects.equals(e.get("client"), client) && event.equals(e.get("event")) && filter.test(e), timeout,
				false);
	}

	/** Waits until {@code count} lines of {@code client} and {@code event} were logged; returns them. */
	public List<Map<String, Object>> awaitEvents(String client, String event, int count, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (lock) {
			while (true) {
				List<Map<String, Object>> found = events(client, event);
				if (found.size() >= count) {
					return found.subList(0, count);
				}
				waitOrFail(count + " lines of " + client + "/" + event + " (have " + found.size() + ")", deadline, timeout);
			}
		}
	}

	/** Waits for the next {@code {"signal": name}} not awaited yet. Answer it with {@link #reply(String)}. */
	public Map<String, Object> awaitSignal(String signal, Duration timeout) {
		return await("signal \"" + signal + "\"",
				(e) -> "signal".equals(e.get("event")) && signal.equals(e.get("signal")), timeout, true);
	}

	/** Waits for the signal, runs {@code action}, then answers the signal. */
	public void onSignal(String signal, Duration timeout, Runnable action) {
		awaitSignal(signal, timeout);
		action.run();
		reply(signal);
	}

	/**
	 * Waits for the next token request of {@code client} not awaited yet (its getToken: 'java');
	 * the line has a {@code channel} for a subscription token. Answer with {@link #answerToken}.
	 */
	public Map<String, Object> awaitTokenRequest(String client, Duration timeout) {
		return await("a token request (need-token) of " + client,
				(e) -> "need-token".equals(e.get("event")) && client.equals(e.get("client")), timeout, true);
	}

	/** Answers a connection token request of {@code client}. */
	public void answerToken(String client, String token) {
		answerToken(client, null, token);
	}

	/** Answers a token request of {@code client}: a subscription token if {@code channel} is not null. */
	public void answerToken(String client, String channel, String token) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("token", token);
		answer.put("client", client);
		if (channel != null) {
			answer.put("channel", channel);
		}
		reply(Json.write(answer));
	}

	/** Makes the getToken callback throw the SDK's UnauthorizedError (the SDK then gives up). */
	public void answerUnauthorized(String client, String channel) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("token", null);
		answer.put("client", client);
		if (channel != null) {
			answer.put("channel", channel);
		}
		answer.put("unauthorized", true);
		reply(Json.write(answer));
	}

	/** Waits until the script ended with {@code h.done()} and exit code 0; fails otherwise. */
	public void awaitDone(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (lock) {
			while (!ended) {
				waitOrFail("the script to end with {\"event\":\"done\"}", deadline, timeout);
			}
			boolean done = lines.stream().anyMatch((e) -> "done".equals(e.get("event")));
			if (exitCode != 0 || !done) {
				throw failure("the script to end with {\"event\":\"done\"} and exit code 0, but it ended with exit code "
						+ exitCode + (done ? "" : " and no done line"));
			}
		}
	}

	private Map<String, Object> await(String what, Predicate<Map<String, Object>> test, Duration timeout,
			boolean consume) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (lock) {
			while (true) {
				for (int i = 0; i < lines.size(); i++) {
					if (consume && consumed.contains(i)) {
						continue;
					}
					Map<String, Object> line = lines.get(i);
					if (test.test(line)) {
						if (consume) {
							consumed.add(i);
						}
						return line;
					}
				}
				waitOrFail(what, deadline, timeout);
			}
		}
	}

	/** With {@code lock} held: waits for the next line; fails if the script ended or time is up. */
	private void waitOrFail(String what, long deadline, Duration timeout) {
		if (ended) {
			throw failure(what + ", but the script ended first (exit code " + exitCode + ")");
		}
		long left = deadline - System.nanoTime();
		if (left <= 0) {
			throw failure(what + " within " + timeout.toMillis() + " ms, but it did not come");
		}
		try {
			TimeUnit.NANOSECONDS.timedWait(lock, left);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure(what + ", but the waiting thread was interrupted");
		}
	}

	// ------------------------------------------------------------------ reading

	/** Every line of {@code client} and {@code event} logged so far. */
	public List<Map<String, Object>> events(String client, String event) {
		synchronized (lock) {
			return lines.stream()
				.filter((e) -> Objects.equals(e.get("client"), client) && event.equals(e.get("event")))
				.toList();
		}
	}

	/** Every line logged so far (non-JSON stdout lines appear as {"event":"raw","line":…}). */
	public List<Map<String, Object>> lines() {
		synchronized (lock) {
			return List.copyOf(lines);
		}
	}

	/** The {@code seq} of the last line logged so far (0 if none). */
	public long lastSeq() {
		synchronized (lock) {
			for (int i = lines.size() - 1; i >= 0; i--) {
				if (lines.get(i).get("seq") instanceof Number n) {
					return n.longValue();
				}
			}
			return 0;
		}
	}

	/** A filter that passes lines logged after the one whose seq is {@code seq}. */
	public static Predicate<Map<String, Object>> after(long seq) {
		return (e) -> e.get("seq") instanceof Number n && n.longValue() > seq;
	}

	public String stderr() {
		return stderr.toString();
	}

	/** The script's stdout so far, one JSON line each, for messages. */
	public String output() {
		synchronized (lock) {
			StringBuilder out = new StringBuilder();
			for (Map<String, Object> line : lines) {
				out.append(line.containsKey("raw") ? line.get("raw") : Json.write(line)).append('\n');
			}
			return out.toString();
		}
	}

	public boolean isAlive() {
		return process.isAlive();
	}

	// ------------------------------------------------------------------ writing

	/** Writes {@code line} (and a newline) to the script's stdin, e.g. the name of an awaited signal. */
	public void reply(String line) {
		try {
			synchronized (stdin) {
				stdin.write(line);
				stdin.write('\n');
				stdin.flush();
			}
		}
		catch (IOException ex) {
			AssertionError failure = failure("to write \"" + line + "\" to the script's stdin, but it is closed ("
					+ ex.getMessage() + ")");
			failure.initCause(ex);
			throw failure;
		}
	}

	/** Kills the process tree (node and e.g. chromium below it) and deletes the script file. */
	@Override
	public void close() {
		if (closed) {
			return;
		}
		closed = true;
		List<ProcessHandle> tree = process.descendants().toList();
		try {
			if (process.isAlive()) {
				// SIGTERM first: browser.mjs then closes chromium and removes its user-data-dir
				process.destroy();
				process.waitFor(3, TimeUnit.SECONDS);
			}
			tree.forEach(ProcessHandle::destroyForcibly);
			kill();
			process.waitFor(5, TimeUnit.SECONDS);
			stdoutReader.join(2000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		LIVE.remove(this);
		deleteScript();
	}

	private void kill() {
		try {
			process.getOutputStream().close();
		}
		catch (IOException ignored) {
			// it is going anyway
		}
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
	}

	private void deleteScript() {
		if (scriptFile != null) {
			try {
				Files.deleteIfExists(scriptFile);
			}
			catch (IOException ignored) {
				// a .gitignored leftover
			}
		}
	}

	// ------------------------------------------------------------------ internals

	private void readStdout() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String raw;
			while ((raw = reader.readLine()) != null) {
				Map<String, Object> line = parseLine(raw);
				if (Boolean.getBoolean("plugboard.realtime.echo")) {
					System.out.println("[" + name + "] " + raw);
				}
				synchronized (lock) {
					lines.add(line);
					lock.notifyAll();
				}
			}
		}
		catch (IOException ex) {
			stderr.append("[harness] reading stdout failed: ").append(ex).append('\n');
		}
		finally {
			Integer code = null;
			try {
				stderrReader.join(5000);
				if (process.waitFor(5, TimeUnit.SECONDS)) {
					code = process.exitValue();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			synchronized (lock) {
				exitCode = (code != null) ? code : -1;
				ended = true;
				lock.notifyAll();
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> parseLine(String raw) {
		String trimmed = raw.strip();
		if (trimmed.startsWith("{")) {
			try {
				if (Json.parse(trimmed) instanceof Map<?, ?> map) {
					return (Map<String, Object>) map;
				}
			}
			catch (IllegalArgumentException notJson) {
				// kept raw below
			}
		}
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("client", null);
		line.put("event", "raw");
		line.put("raw", raw);
		return line;
	}

	private static void pump(InputStream in, StringBuffer into) {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				into.append(line).append('\n');
			}
		}
		catch (IOException ex) {
			into.append("[harness] reading stderr failed: ").append(ex).append('\n');
		}
	}

	private static Thread daemon(String name, Runnable body) {
		Thread thread = new Thread(body, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private AssertionError failure(String expectation) {
		StringBuilder message = new StringBuilder("Expected ").append(expectation).append('.');
		synchronized (lock) {
			lines.stream()
				.filter((e) -> "fatal".equals(e.get("event")))
				.findFirst()
				.ifPresent((f) -> message.append("\nThe script failed: ").append(f.get("message")));
			message.append("\n--- output of ").append(name).append(" (").append(lines.size()).append(" lines) ---\n");
		}
		message.append(output());
		message.append("--- stderr ---\n").append(stderr.length() == 0 ? "(empty)\n" : stderr);
		if (script != null) {
			message.append("--- script ---\n");
			String[] scriptLines = script.split("\n", -1);
			for (int i = 0; i < scriptLines.length; i++) {
				message.append(String.format("%3d  %s%n", i + 1, scriptLines[i]));
			}
		}
		return new AssertionError(message.toString());
	}

}
