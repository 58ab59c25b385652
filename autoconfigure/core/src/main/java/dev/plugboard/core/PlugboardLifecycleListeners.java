package dev.plugboard.core;

import java.util.List;
import java.util.concurrent.Executor;

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

	void onStop(PlugInstance instance) {
		for (PlugboardLifecycleListener listener : this.listeners) {
			call("onStop", listener, instance, () -> listener.onStop(instance));
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
