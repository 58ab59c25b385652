package dev.plugboard.sentry;

import java.time.Duration;
import java.util.Map;

import io.sentry.IScopes;
import io.sentry.ISentryClient;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.SentryId;

import dev.plugboard.InstanceHandle;
import dev.plugboard.PlugInstance;

/**
 * One Sentry instance's scopes and client in one object; inject it with
 * {@code @Plug("payments") SentryInstance payments}. The primary instance's scopes are Sentry's
 * global ones ({@code Sentry.captureException} reports there); every other instance has its own
 * client and scopes.
 *
 * @author Plugboard
 */
public final class SentryInstance extends InstanceHandle {

	private final IScopes scopes;

	private final ISentryClient client;

	private final SentryOptions options;

	private final Delivery delivery;

	/**
	 * Create a handle.
	 * @param instance the managed instance
	 * @param scopes the instance's scopes
	 * @param client the instance's client
	 * @param options the instance's options
	 * @param delivery the state of the instance's sends
	 */
	public SentryInstance(PlugInstance instance, IScopes scopes, ISentryClient client, SentryOptions options,
			Delivery delivery) {
		super(instance);
		this.scopes = scopes;
		this.client = client;
		this.options = options;
		this.delivery = delivery;
	}

	/**
	 * The instance's scopes, to capture events and set tags, user or breadcrumbs.
	 * @return the scopes
	 */
	public IScopes scopes() {
		return this.scopes;
	}

	/**
	 * The instance's client.
	 * @return the client
	 */
	public ISentryClient client() {
		return this.client;
	}

	/**
	 * The instance's options (read them; changing them after startup is not supported).
	 * @return the options
	 */
	public SentryOptions options() {
		return this.options;
	}

	/**
	 * Report an exception to this instance.
	 * @param throwable the exception
	 * @return the event id
	 */
	public SentryId captureException(Throwable throwable) {
		return this.scopes.captureException(throwable);
	}

	/**
	 * Report a message to this instance.
	 * @param message the message
	 * @return the event id
	 */
	public SentryId captureMessage(String message) {
		return this.scopes.captureMessage(message);
	}

	/**
	 * Report an event to this instance.
	 * @param event the event
	 * @return the event id
	 */
	public SentryId captureEvent(SentryEvent event) {
		return this.scopes.captureEvent(event);
	}

	/**
	 * Wait until the events captured so far are sent, at most the given time.
	 * @param timeout the longest wait
	 */
	public void flush(Duration timeout) {
		this.client.flush(timeout.toMillis());
	}

	/**
	 * The state of the instance's sends, as health shows it: queued, sent, failed and dropped
	 * events, last success, last failure and rate limit.
	 * @return the figures
	 */
	public Map<String, Object> delivery() {
		return this.delivery.details();
	}

	/**
	 * The state of an instance's sends.
	 */
	@FunctionalInterface
	public interface Delivery {

		/**
		 * The figures.
		 * @return queued, sent, failed, dropped, last success, last failure, rate limit
		 */
		Map<String, Object> details();

	}

}
