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

	private final @Nullable String error;

	/**
	 * Create a new event.
	 * @param instance the instance that changed
	 * @param from the previous state
	 * @param to the new state
	 * @param cause what caused the change, if it was an error
	 * @param error a one-line description of the cause with the instance's secrets masked
	 */
	public InstanceStateChangedEvent(PlugInstance instance, InstanceState from, InstanceState to,
			@Nullable Throwable cause, @Nullable String error) {
		super(instance);
		this.from = from;
		this.to = to;
		this.cause = cause;
		this.error = error;
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
	 * The client library's exception that caused the change, if any, exactly as the client
	 * threw it. Log {@link #getError()} instead: Plugboard cannot vouch for what a client puts
	 * in its messages.
	 * @return the cause or {@code null}
	 */
	public @Nullable Throwable getCause() {
		return this.cause;
	}

	/**
	 * What caused the change, in one line (exception type and message, and those of its root
	 * cause), with every password of the instance masked; safe to log or show.
	 * @return the description or {@code null} if the change was not caused by an error
	 */
	public @Nullable String getError() {
		return this.error;
	}

	@Override
	public String toString() {
		return "InstanceStateChangedEvent[" + getType() + "/" + getName() + " " + this.from + " -> " + this.to
				+ "]";
	}

}
