package dev.plugboard.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.plugboard.PlugInstance;
import dev.plugboard.PlugboardLifecycleListener;

/**
 * Calls the application's {@link PlugboardLifecycleListener} beans; a failing listener is logged
 * and never stops an instance.
 *
 * @author Plugboard
 */
final class PlugboardLifecycleListeners {

	private static final Log logger = LogFactory.getLog(PlugboardLifecycleListeners.class);

	private final List<PlugboardLifecycleListener> listeners;

	private final Executor executor;

	PlugboardLifecycleListeners(List<PlugboardLifecycleListener> listeners, Executor executor) {
		this.listeners = listeners;
		this.executor = executor;
	}

	void preStart(PlugInstance instance) {
		for (PlugboardLifecycleListener listener : this.listeners) {
			call("preStart", listener, instance, () -> listener.preStart(instance));
		}
	}

	void onStart(PlugInstance instance) {
		for (PlugboardLifecycleListener listener : this.listeners) {
			this.executor.execute(() -> call("onStart", listener, instance, () -> listener.onStart(instance)));
		}
	}

	/**
	 * Call the {@code onStop} listeners of an instance, waiting for them at most until the
	 * timeout: a hung listener must not hold the application's shutdown.
	 */
	void onStop(PlugInstance instance, Duration timeout) {
		if (this.listeners.isEmpty()) {
			return;
		}
		CompletableFuture<Void> calls = CompletableFuture.runAsync(() -> {
			for (PlugboardLifecycleListener listener : this.listeners) {
				call("onStop", listener, instance, () -> listener.onStop(instance));
			}
		}, this.executor);
		try {
			calls.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			logger.warn("PlugboardLifecycleListener.onStop for " + instance.type() + "/" + instance.name()
					+ " did not return within " + timeout.toMillis() + " ms (plugboard." + instance.type() + "."
					+ instance.name() + ".shutdown.timeout); stopping without waiting for it");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			logger.warn("PlugboardLifecycleListener.onStop failed for " + instance.type() + "/" + instance.name(),
					ex.getCause());
		}
	}

	private static void call(String callback, PlugboardLifecycleListener listener, PlugInstance instance,
			Runnable call) {
		try {
			call.run();
		}
		catch (RuntimeException ex) {
			logger.warn("PlugboardLifecycleListener " + listener.getClass().getName() + "." + callback + " failed for "
					+ instance.type() + "/" + instance.name(), ex);
		}
	}

}
