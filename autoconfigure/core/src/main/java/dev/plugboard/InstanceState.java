package dev.plugboard;

/**
 * The lifecycle state of a named instance:
 * {@code CREATED → STARTING → RUNNING | DEGRADED | FAILED → STOPPING → STOPPED}.
 *
 * @author Plugboard
 */
public enum InstanceState {

	/** Beans are registered but the instance has not been started. */
	CREATED,

	/** The instance is being proven to answer. */
	STARTING,

	/** The instance answers. */
	RUNNING,

	/** The instance does not answer; the application runs and it is retried in the background. */
	DEGRADED,

	/** A critical instance never answered within its startup timeout. */
	FAILED,

	/** The application is shutting the instance down. */
	STOPPING,

	/** The instance has been shut down. */
	STOPPED;

	/**
	 * Whether the instance can currently serve calls.
	 * @return {@code true} when running
	 */
	public boolean isAvailable() {
		return this == RUNNING;
	}

}
