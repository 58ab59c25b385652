package dev.plugboard;

/**
 * Base of the per-instance handles ({@code PostgresInstance}, {@code RedisInstance},
 * {@code RabbitInstance}): the instance's name and state beside its clients.
 *
 * @author Plugboard
 */
public abstract class InstanceHandle {

	private final PlugInstance instance;

	/**
	 * Create a handle.
	 * @param instance the managed instance
	 */
	protected InstanceHandle(PlugInstance instance) {
		this.instance = instance;
	}

	/**
	 * The instance name.
	 * @return the name
	 */
	public String name() {
		return this.instance.name();
	}

	/**
	 * The current state.
	 * @return the state
	 */
	public InstanceState state() {
		return this.instance.state();
	}

	/**
	 * The managed instance: state, endpoint, last error.
	 * @return the instance
	 */
	public PlugInstance instance() {
		return this.instance;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + name() + " at " + this.instance.endpoint() + "]";
	}

}
