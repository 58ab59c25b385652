package dev.plugboard.devservices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.testcontainers.lifecycle.Startable;

import org.springframework.util.FileSystemUtils;

/**
 * Servers started by dev services, with what stops them and the directories they use. The
 * {@link #shared() shared} ones live as long as the JVM: application contexts (test contexts
 * among them) reuse them, and they are stopped when the JVM exits, after Spring has closed the
 * application contexts that use them.
 *
 * @author Plugboard
 */
final class DevServers {

	/**
	 * Names of the threads in which Spring closes application contexts at JVM exit (Spring
	 * Boot's hook, and Spring's for contexts such as the test context cache's).
	 */
	private static final Set<String> SPRING_SHUTDOWN_HOOKS = Set.of("SpringApplicationShutdownHook",
			"SpringContextShutdownHook");

	private static final Duration SPRING_SHUTDOWN_LIMIT = Duration.ofMinutes(2);

	private static final DevServers shared = new DevServers();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(DevServers::stopAtExit, "plugboard-devservices-shutdown"));
	}

	private final Map<String, Object> servers = new LinkedHashMap<>();

	private final List<AutoCloseable> stoppers = new ArrayList<>();

	private final List<Path> directories = new ArrayList<>();

	/** The directories created by each factory running now, the innermost first. */
	private final Deque<List<Path>> starting = new ArrayDeque<>();

	/**
	 * The servers of this JVM.
	 * @return the shared servers
	 */
	static DevServers shared() {
		return shared;
	}

	/**
	 * The server under a key, started by the factory the first time it is asked for. A factory
	 * that fails leaves nothing behind: the {@link #directory directories} it created are
	 * deleted at once, and the next request tries again.
	 * @param <T> the server type
	 * @param key the key, such as {@code redis/embedded/session-cache}
	 * @param factory starts the server
	 * @return the server
	 */
	@SuppressWarnings("unchecked")
	synchronized <T> T get(String key, Supplier<T> factory) {
		Object server = this.servers.get(key);
		if (server == null) {
			server = start(factory);
			this.servers.put(key, server);
		}
		return (T) server;
	}

	private <T> T start(Supplier<T> factory) {
		List<Path> created = new ArrayList<>();
		this.starting.push(created);
		try {
			return factory.get();
		}
		catch (RuntimeException ex) {
			for (Path directory : created) {
				FileSystemUtils.deleteRecursively(directory.toFile());
			}
			throw ex;
		}
		finally {
			this.starting.pop();
		}
	}

	/**
	 * The container under a key, created by the factory and started the first time it is
	 * asked for, and stopped with the servers. Only callers of this method need
	 * Testcontainers on the classpath.
	 * @param <T> the container type
	 * @param key the key, such as one from {@link #containerKey}
	 * @param factory creates the container, not started
	 * @return the started container
	 */
	<T extends Startable> T container(String key, Supplier<T> factory) {
		return get(key, () -> {
			T created = factory.get();
			created.start();
			onStop(created::stop);
			return created;
		});
	}

	/**
	 * The reuse key of an instance's container: a container serves the same instance with the
	 * same image and settings only.
	 * @param type the type name, such as {@code redis}
	 * @param instance the instance
	 * @param image the container image
	 * @param settings the settings the container is made to match, {@code null} ones included
	 * @return the key, such as {@code redis/container/redis:7-alpine/cache/<fingerprint>}
	 */
	static String containerKey(String type, DevInstance instance, String image, @Nullable String... settings) {
		return type + "/container/" + image + "/" + instance.name() + "/" + fingerprint(settings);
	}

	/**
	 * Stop something with the servers; things registered later stop first.
	 * @param stopper what to close
	 */
	synchronized void onStop(AutoCloseable stopper) {
		this.stoppers.add(stopper);
	}

	/**
	 * Create a directory in the system temp directory, deleted when the servers stop (after
	 * everything registered after it has stopped), or at once if the factory that creates it
	 * fails.
	 * @param prefix the prefix of the directory's name
	 * @return the directory
	 * @throws IOException if it cannot be created
	 */
	synchronized Path directory(String prefix) throws IOException {
		Path directory = Files.createTempDirectory(prefix);
		this.directories.add(directory);
		if (!this.starting.isEmpty()) {
			this.starting.peek().add(directory);
		}
		onStop(() -> FileSystemUtils.deleteRecursively(directory));
		return directory;
	}

	/**
	 * The directories created for the servers.
	 * @return the directories, including any already deleted
	 */
	synchronized List<Path> directories() {
		return List.copyOf(this.directories);
	}

	/**
	 * Stop every server, in the reverse order of registration, and forget them, so that the
	 * next request starts new ones.
	 * @throws IllegalStateException if something could not be stopped, after trying all
	 */
	void stop() {
		List<AutoCloseable> stopping;
		synchronized (this) {
			stopping = new ArrayList<>(this.stoppers);
			this.stoppers.clear();
			this.servers.clear();
		}
		Collections.reverse(stopping);
		IllegalStateException failure = null;
		for (AutoCloseable stopper : stopping) {
			try {
				stopper.close();
			}
			catch (Exception ex) {
				if (failure == null) {
					failure = new IllegalStateException("Could not stop every dev server");
				}
				failure.addSuppressed(ex);
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	/**
	 * A port that is free on the loopback address, for an embedded server to listen on.
	 * @return the port
	 * @throws UncheckedIOException if no port can be found
	 */
	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A fingerprint of values for a key, so that keys distinguish servers by settings such as
	 * passwords without holding them.
	 * @param values the values, {@code null} ones included
	 * @return a short hexadecimal fingerprint
	 */
	static String fingerprint(@Nullable String... values) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (String value : values) {
				digest.update((value != null) ? ("+" + value).getBytes(StandardCharsets.UTF_8) : new byte[] { '-' });
				digest.update((byte) 0);
			}
			return HexFormat.of().formatHex(digest.digest(), 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Wait for Spring's shutdown hooks among some threads to finish, within a limit.
	 * @param threads the threads, such as all live ones
	 * @param limit how long to wait in all
	 * @return whether every such thread finished
	 */
	static boolean awaitSpringShutdownHooks(Collection<Thread> threads, Duration limit) {
		long deadline = System.nanoTime() + limit.toNanos();
		try {
			for (Thread thread : threads) {
				if (SPRING_SHUTDOWN_HOOKS.contains(thread.getName())) {
					long left = deadline - System.nanoTime();
					if (left > 0) {
						thread.join(Math.max(1, left / 1_000_000));
					}
					if (thread.isAlive()) {
						return false;
					}
				}
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void stopAtExit() {
		// JVM shutdown hooks run concurrently: let Spring's close the application contexts
		// (consumers drain, pools close) before the servers under them stop. The hooks are
		// started one after another; give the others a moment to appear first.
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		awaitSpringShutdownHooks(Thread.getAllStackTraces().keySet(), SPRING_SHUTDOWN_LIMIT);
		try {
			shared.stop();
		}
		catch (RuntimeException ex) {
			// the JVM is exiting; nothing useful to do with it
		}
	}

}
