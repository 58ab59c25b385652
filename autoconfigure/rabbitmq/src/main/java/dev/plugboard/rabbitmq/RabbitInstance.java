package dev.plugboard.rabbitmq;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.plugboard.InstanceHandle;
import dev.plugboard.InstanceState;
import dev.plugboard.PlugInstance;
import dev.plugboard.core.spi.PlugboardPhases;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessagePostProcessor;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.SmartLifecycle;

/**
 * One RabbitMQ instance's clients in one object, with publish/subscribe in the spirit of a
 * Publish/Subscribe interface; inject it with {@code @Plug("events") RabbitInstance}.
 * <p>
 * {@link #publish(String, String, Object)} waits for the broker's confirm (with
 * {@code publisher-confirm-type: correlated}, the default) and publishes again when a message is
 * not confirmed, so delivery is at least once; every attempt carries the same message id for
 * consumers that deduplicate. Subscriptions start after the stores are running and stop before
 * them: on shutdown they take no new messages, finish the ones in hand within the instance's
 * {@code shutdown.timeout} and leave the rest, unacknowledged, in the queue.
 *
 * @author Plugboard
 */
public final class RabbitInstance extends InstanceHandle implements SmartLifecycle {

	private final CachingConnectionFactory connectionFactory;

	private final RabbitTemplate template;

	private final RabbitAdmin admin;

	private final SimpleRabbitListenerContainerFactory containerFactory;

	private final int publishAttempts;

	private final Duration confirmTimeout;

	private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

	private volatile boolean running;

	/**
	 * Create a handle.
	 * @param instance the managed instance
	 * @param connectionFactory the connection factory
	 * @param template the template
	 * @param admin the admin
	 * @param containerFactory the listener container factory
	 * @param publishAttempts how often {@link #publish(String, String, Object)} tries
	 * @param confirmTimeout how long one attempt waits for its confirm
	 */
	public RabbitInstance(PlugInstance instance, CachingConnectionFactory connectionFactory, RabbitTemplate template,
			RabbitAdmin admin, SimpleRabbitListenerContainerFactory containerFactory, int publishAttempts,
			Duration confirmTimeout) {
		super(instance);
		this.connectionFactory = connectionFactory;
		this.template = template;
		this.admin = admin;
		this.containerFactory = containerFactory;
		this.publishAttempts = Math.max(1, publishAttempts);
		this.confirmTimeout = confirmTimeout;
	}

	/**
	 * The instance's connection factory.
	 * @return the connection factory
	 */
	public CachingConnectionFactory connectionFactory() {
		return this.connectionFactory;
	}

	/**
	 * The instance's template.
	 * @return the template
	 */
	public RabbitTemplate template() {
		return this.template;
	}

	/**
	 * The instance's admin, which declares the instance's own declarations.
	 * @return the admin
	 */
	public RabbitAdmin admin() {
		return this.admin;
	}

	/**
	 * The instance's listener container factory.
	 * @return the container factory
	 */
	public SimpleRabbitListenerContainerFactory containerFactory() {
		return this.containerFactory;
	}

	/**
	 * Publish a message or a payload (converted by the template's message converter) and, when
	 * publisher confirms are on, return only once the broker confirmed it, publishing again
	 * when it does not, up to {@code template.publish-attempts} times (once while the instance is
	 * degraded, so that callers hear of an outage at once). Delivery is at least once: a retried
	 * message may arrive twice, with the same message id.
	 * @param exchange the exchange, {@code ""} for the default exchange
	 * @param routingKey the routing key
	 * @param message the {@link Message} or payload
	 * @throws AmqpException if no attempt was confirmed, or the broker returned the message as
	 * unroutable (with {@code publisher-returns} and a mandatory template)
	 */
	public void publish(String exchange, String routingKey, Object message) {
		String id = UUID.randomUUID().toString();
		MessagePostProcessor identify = (outgoing) -> {
			if (outgoing.getMessageProperties().getMessageId() == null) {
				outgoing.getMessageProperties().setMessageId(id);
			}
			return outgoing;
		};
		if (!this.connectionFactory.isPublisherConfirms()) {
			this.template.convertAndSend(exchange, routingKey, message, identify);
			return;
		}
		// while the core knows the broker is away, one attempt: callers hear of it at once
		InstanceState state = state();
		boolean down = state == InstanceState.DEGRADED || state == InstanceState.FAILED
				|| state == InstanceState.STOPPED;
		int attempts = down ? 1 : this.publishAttempts;
		@Nullable Exception last = null;
		for (int attempt = 1; attempt <= attempts; attempt++) {
			CorrelationData correlation = new CorrelationData(id);
			CorrelationData.Confirm confirm;
			try {
				this.template.convertAndSend(exchange, routingKey, message, identify, correlation);
				confirm = correlation.getFuture().get(this.confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AmqpException("Interrupted while publishing to RabbitMQ instance '" + name() + "'", ex);
			}
			catch (Exception ex) {
				last = ex;
				continue;
			}
			ReturnedMessage returned = correlation.getReturned();
			if (returned != null) {
				// unroutable: publishing it again would not route it either
				throw new AmqpException("RabbitMQ instance '" + name() + "' returned the message as unroutable: "
						+ returned.getReplyText() + " (exchange '" + returned.getExchange() + "', routing key '"
						+ returned.getRoutingKey() + "')");
			}
			if (confirm.ack()) {
				return;
			}
			last = new AmqpException("RabbitMQ instance '" + name() + "' refused the message: " + confirm.reason());
		}
		throw new AmqpException("No confirm from RabbitMQ instance '" + name() + "' (" + state() + ") after " + attempts
				+ ((attempts != 1) ? " attempts" : " attempt"), last);
	}

	/**
	 * Publish to the default exchange, which routes to the queue named by the routing key.
	 * @param routingKey the routing key (a queue name)
	 * @param message the {@link Message} or payload
	 * @see #publish(String, String, Object)
	 */
	public void publish(String routingKey, Object message) {
		publish("", routingKey, message);
	}

	/**
	 * Consume a queue with a handler, in a listener container made by the instance's container
	 * factory ({@code listener.simple.*}). With the default acknowledge mode the message is
	 * acknowledged when the handler returns and requeued when it throws (see
	 * {@code listener.simple.default-requeue-rejected}). Consumption starts with the
	 * application, or at once if the application runs already.
	 * @param queue the queue
	 * @param handler the handler
	 * @return the subscription, to cancel it
	 */
	public Subscription subscribe(String queue, Consumer<Message> handler) {
		SimpleMessageListenerContainer container = this.containerFactory.createListenerContainer();
		container.setQueueNames(queue);
		container.setMessageListener(handler::accept);
		Subscription subscription = new Subscription(queue, container);
		this.subscriptions.add(subscription);
		if (this.running) {
			container.start();
		}
		return subscription;
	}

	/**
	 * The active subscriptions.
	 * @return the subscriptions
	 */
	public List<Subscription> subscriptions() {
		return List.copyOf(this.subscriptions);
	}

	@Override
	public void start() {
		this.running = true;
		this.subscriptions.forEach((subscription) -> subscription.container.start());
	}

	@Override
	public void stop() {
		this.running = false;
		this.subscriptions.forEach((subscription) -> subscription.container.stop());
	}

	@Override
	public void stop(Runnable callback) {
		// every subscription drains at the same time, so that shutdown takes one
		// shutdown.timeout however many there are
		this.running = false;
		List<Subscription> active = List.copyOf(this.subscriptions);
		if (active.isEmpty()) {
			callback.run();
			return;
		}
		AtomicInteger remaining = new AtomicInteger(active.size());
		Runnable done = () -> {
			if (remaining.decrementAndGet() == 0) {
				callback.run();
			}
		};
		active.forEach((subscription) -> subscription.container.stop(done));
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PlugboardPhases.CONSUMERS;
	}

	/**
	 * A consumer of one queue, from {@link #subscribe(String, Consumer)}.
	 */
	public final class Subscription implements AutoCloseable {

		private final String queue;

		private final SimpleMessageListenerContainer container;

		Subscription(String queue, SimpleMessageListenerContainer container) {
			this.queue = queue;
			this.container = container;
		}

		/**
		 * The queue consumed.
		 * @return the queue name
		 */
		public String queue() {
			return this.queue;
		}

		/**
		 * Stop consuming: messages in hand finish within {@code shutdown.timeout}, prefetched
		 * ones go back to the queue.
		 */
		public void cancel() {
			RabbitInstance.this.subscriptions.remove(this);
			this.container.stop();
			this.container.destroy();
		}

		/**
		 * Whether the subscription consumes.
		 * @return {@code true} while it runs
		 */
		public boolean isActive() {
			return this.container.isRunning();
		}

		@Override
		public void close() {
			cancel();
		}

	}

}
