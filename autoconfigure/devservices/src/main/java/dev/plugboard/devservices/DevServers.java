package dev.plugboard.devservices;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The servers dev services started in this JVM: reused across application contexts (test
 * contexts share them) and stopped when the JVM exits.
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

	private static void stopAll() {
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
