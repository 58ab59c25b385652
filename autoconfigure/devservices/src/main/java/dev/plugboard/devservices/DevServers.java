package dev.plugboard.devservices;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The servers dev services started in this JVM: reused across application contexts (test
 * contexts share them) and stopped when the JVM exits, after Spring has closed the
 * application contexts that use them.
 *
 * @author Plugboard
 */
final class DevServers {

	private static final Map<String, Object> servers = new ConcurrentHashMap<>();

	private static final List<AutoCloseable> stoppers = Collections.synchronizedList(new ArrayList<>());

	static {
		Thread hook = new Thread(DevServers::stopAll, "plugboard-devservices-shutdown");
		Runtime.getRuntime().addShutdownHook(hook);
	}

	/**
	 * Names of the threads in which Spring closes application contexts at JVM exit (Spring
	 * Boot's hook, and Spring's for contexts such as the test context cache's).
	 */
	private static final Set<String> SPRING_SHUTDOWN_HOOKS = Set.of("SpringApplicationShutdownHook",
			"SpringContextShutdownHook");

	private static final Duration SPRING_SHUTDOWN_LIMIT = Duration.ofMinutes(2);

	private DevServers() {
	}

	/**
	 * The server under a key, started by the factory the first time it is asked for.
	 * @param <T> the server type
	 * @param key the key, such as {@code redis/session-cache}
	 * @param factory starts the server
	 * @return the server
	 */
	@SuppressWarnings("unchecked")
	static synchronized <T> T get(String key, Supplier<T> factory) {
		Object server = servers.get(key);
		if (server == null) {
			server = factory.get();
			servers.put(key, server);
		}
		return (T) server;
	}

	/**
	 * Stop something when the JVM exits.
	 * @param stopper what to close
	 */
	static void stopOnExit(AutoCloseable stopper) {
		stoppers.add(stopper);
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

	private static void stopAll() {
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
		List<AutoCloseable> copy = new ArrayList<>(stoppers);
		Collections.reverse(copy);
		for (AutoCloseable stopper : copy) {
			try {
				stopper.close();
			}
			catch (Exception ex) {
				// the JVM is exiting; nothing useful to do with it
			}
		}
	}

}
