package dev.plugboard.redis.autoconfigure;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * A pub/sub listener container that, when stopped, lets the listeners already handling a message
 * finish (within the instance's {@code shutdown.timeout}) before it reports itself stopped: the
 * connection factory closes after the consumers, so a listener that still talks to Redis would
 * otherwise fail half-way.
 *
 * @author Plugboard
 */
final class DrainingListenerContainer extends RedisMessageListenerContainer {

	private static final Log logger = LogFactory.getLog(DrainingListenerContainer.class);

	private final InFlight inFlight;

	private final Duration shutdownTimeout;

	private final String instance;

	DrainingListenerContainer(String instance, Duration shutdownTimeout) {
		this.instance = instance;
		this.shutdownTimeout = shutdownTimeout;
		this.inFlight = new InFlight(new SimpleAsyncTaskExecutor(instance + "-redis-listener-"));
		setTaskExecutor(this.inFlight);
		// subscribing is not handling: it must not hold up the drain
		setSubscriptionExecutor(new SimpleAsyncTaskExecutor(instance + "-redis-subscription-"));
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
