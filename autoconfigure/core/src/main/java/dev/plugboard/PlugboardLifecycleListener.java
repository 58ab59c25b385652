package dev.plugboard;

/**
 * Callbacks for the lifecycle of each named instance. Implement it as a bean.
 *
 * @author Plugboard
 */
public interface PlugboardLifecycleListener {

	/**
	 * Called before Plugboard starts proving that the instance answers.
	 * @param instance the instance
	 */
	default void preStart(PlugInstance instance) {
	}

	/**
	 * Called, on a Plugboard thread, each time the instance becomes {@link InstanceState#RUNNING}
	 * (at startup and after recovering from {@link InstanceState#DEGRADED}).
	 * @param instance the instance
	 */
	default void onStart(PlugInstance instance) {
	}

	/**
	 * Called when the application stops the instance, before its pools are closed.
	 * @param instance the instance
	 */
	default void onStop(PlugInstance instance) {
	}

}
