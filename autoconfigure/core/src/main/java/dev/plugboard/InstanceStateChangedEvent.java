package dev.plugboard;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;

/**
 * Published each time a named instance changes state.
 *
 * @author Plugboard
 */
public class InstanceStateChangedEvent extends ApplicationEvent {

	private final InstanceState from;

	private final InstanceState to;

	private final @Nullable Throwable cause;

	/**
	 * Create a new event.
	 * @param instance the instance that changed
	 * @param from the previous state
	 * @param to the new state
	 * @param cause what caused the change, if it was an error
	 */
	public InstanceStateChangedEvent(PlugInstance instance, InstanceState from, InstanceState to,
			@Nullable Throwable cause) {
		super(instance);
		this.from = from;
		this.to = to;
		this.cause = cause;
	}

	/**
	 * The instance that changed.
	 * @return the instance
	 */
	public PlugInstance getInstance() {
		return (PlugInstance) getSource();
	}

	/**
	 * The type of the instance.
	 * @return the type
	 */
	public String getType() {
		return getInstance().type();
	}

	/**
	 * The name of the instance.
	 * @return the name
	 */
	public String getName() {
		return getInstance().name();
	}

	/**
	 * The previous state.
	 * @return the previous state
	 */
	public InstanceState getFrom() {
		return this.from;
	}

	/**
	 * The new state.
	 * @return the new state
	 */
	public InstanceState getTo() {
		return this.to;
	}

	/**
	 * The error that caused the change, if any. Its message may name the server but never a
	 * password known to Plugboard.
	 * @return the cause or {@code null}
	 */
	public @Nullable Throwable getCause() {
		return this.cause;
	}

	@Override
	public String toString() {
		return "InstanceStateChangedEvent[" + getType() + "/" + getName() + " " + this.from + " -> " + this.to
				+ "]";
	}

}
