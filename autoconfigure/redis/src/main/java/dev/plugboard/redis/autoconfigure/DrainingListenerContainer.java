package dev.plugboard.redis.autoconfigure;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.listener.Topic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * A pub/sub listener container that, when stopped, lets the listeners already handling a message
 * finish (within the instance's {@code shutdown.timeout}) before it reports itself stopped: the
 * connection factory closes after the consumers, so a listener that still talks to Redis would
 * otherwise fail half-way. On an instance without pub/sub (static master/replica) it refuses
 * listeners at once rather than retrying a subscription that can never succeed.
 *
 * @author Plugboard
 */
final class DrainingListenerContainer extends RedisMessageListenerContainer {

	private static final Log logger = LogFactory.getLog(DrainingListenerContainer.class);

	private final InFlight inFlight;

	private final Duration shutdownTimeout;

	private final String instance;

	private final @Nullable String noPubSub;

	/**
	 * Create a container.
	 * @param instance the instance name
	 * @param shutdownTimeout how long to wait for listeners on stop
	 * @param noPubSub why the instance has no pub/sub, or {@code null} if it has
	 */
	DrainingListenerContainer(String instance, Duration shutdownTimeout, @Nullable String noPubSub) {
		this.instance = instance;
		this.shutdownTimeout = shutdownTimeout;
		this.noPubSub = noPubSub;
		this.inFlight = new InFlight(new SimpleAsyncTaskExecutor(instance + "-redis-listener-"));
		setTaskExecutor(this.inFlight);
		// subscribing is not handling: it must not hold up the drain
		setSubscriptionExecutor(new SimpleAsyncTaskExecutor(instance + "-redis-subscription-"));
	}

	@Override
	public void addMessageListener(MessageListener listener, Collection<? extends Topic> topics) {
		// Spring Data Redis would retry the subscription forever, holding up the caller
		requirePubSub();
		super.addMessageListener(listener, topics);
	}

	@Override
	public void setMessageListeners(Map<? extends MessageListener, Collection<? extends Topic>> listeners) {
		if (!listeners.isEmpty()) {
			requirePubSub();
		}
		super.setMessageListeners(listeners);
	}

	private void requirePubSub() {
		if (this.noPubSub != null) {
			throw new InvalidDataAccessApiUsageException(this.noPubSub);
		}
	}

	@Override
	public void stop(Runnable callback) {
		super.stop(() -> {
			if (!this.inFlight.awaitIdle(this.shutdownTimeout)) {
				logger.warn("Redis listeners of instance '" + this.instance + "' still run after "
						+ this.shutdownTimeout.toMillis() + " ms (shutdown.timeout); the connection closes under them");
			}
			callback.run();
		});
	}

	/**
	 * Counts the tasks it runs so that the container can wait for them.
	 */
	private static final class InFlight implements Executor {

		private final Executor delegate;

		private final ReentrantLock lock = new ReentrantLock();

		private final Condition idle = this.lock.newCondition();

		private int running;

		InFlight(Executor delegate) {
			this.delegate = delegate;
		}

		@Override
		public void execute(Runnable task) {
			change(1);
			try {
				this.delegate.execute(() -> {
					try {
						task.run();
					}
					finally {
						change(-1);
					}
				});
			}
			catch (RuntimeException ex) {
				change(-1);
				throw ex;
			}
		}

		private void change(int delta) {
			this.lock.lock();
			try {
				this.running += delta;
				if (this.running == 0) {
					this.idle.signalAll();
				}
			}
			finally {
				this.lock.unlock();
			}
		}

		boolean awaitIdle(Duration timeout) {
			long remaining = timeout.toNanos();
			this.lock.lock();
			try {
				while (this.running > 0) {
					if (remaining <= 0) {
						return false;
					}
					remaining = this.idle.awaitNanos(remaining);
				}
				return true;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			finally {
				this.lock.unlock();
			}
		}

	}

}
