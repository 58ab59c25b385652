package dev.plugboard.rabbitmq;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.InstanceState;
import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.core.spi.PlugboardPhases;
import dev.plugboard.core.testing.TcpProxy;
import dev.plugboard.rabbitmq.autoconfigure.RabbitAutoConfiguration;
import dev.plugboard.rabbitmq.autoconfigure.RabbitListenerAutoConfiguration;
import dev.plugboard.rabbitmq.testing.RabbitBroker;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When consumers start and how they stop, watched from the broker with a plain client:
 * subscriptions and {@code @RabbitListener}s consume nothing while their instance is still
 * starting, and a listener that outlasts {@code shutdown.timeout} neither holds up the shutdown
 * nor loses its message. Waits ignore uncaught exceptions of other threads: Spring AMQP's own
 * threads report a refused connection that way while the broker is away.
 */
class RabbitLifecycleTests {

	private static final String VHOST = RabbitBroker.uniqueName("plugboard-lifecycle");

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofMillis(500);

	// Spring AMQP's own shutdown timeout is 5 s: a close that took longer than this bound
	// would not prove that shutdown.timeout applies
	private static final Duration CLOSE_BOUND = SHUTDOWN_TIMEOUT.plusSeconds(3);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, RabbitAutoConfiguration.class,
				RabbitListenerAutoConfiguration.class));

	@BeforeAll
	static void createVirtualHost() {
		RabbitBroker.createVirtualHost(VHOST);
	}

	@AfterAll
	static void deleteVirtualHost() {
		RabbitBroker.deleteVirtualHost(VHOST);
	}

	@Test
	void consumersTakeNothingWhileTheirInstanceIsStarting() throws Exception {
		int count = 5;
		RabbitBroker.fill(VHOST, EarlySubscriber.QUEUE, "s-", count);
		RabbitBroker.fill(VHOST, EarlyListener.QUEUE, "l-", count);
		Deliveries deliveries = new Deliveries();
		EarlySubscriber.deliveries = deliveries;
		EarlyListener.deliveries = deliveries;
		EarlySubscriber.subscriber = null;
		EarlyListener.registry = null;
		List<String> whileStarting = new CopyOnWriteArrayList<>();
		try (TcpProxy proxy = new TcpProxy(RabbitBroker.HOST, RabbitBroker.PORT)) {
			proxy.refuse();
			long[] restoredAt = new long[1];
			Thread restorer = new Thread(() -> {
				try {
					EarlySubscriber subscriber = await().dontCatchUncaughtExceptions()
						.atMost(Duration.ofSeconds(20))
						.until(() -> EarlySubscriber.subscriber, (found) -> found != null
								&& found.rabbit.state() == InstanceState.STARTING);
					// let the instance retry against the refusing proxy a few times
					Thread.sleep(1500);
					RabbitInstance rabbit = subscriber.rabbit;
					whileStarting.add("state=" + rabbit.state());
					whileStarting.add("handle running=" + rabbit.isRunning());
					whileStarting.add("subscription active=" + subscriber.subscription.isActive());
					RabbitListenerEndpointRegistry registry = EarlyListener.registry;
					whileStarting.add("listener containers running=" + ((registry != null)
							? registry.getListenerContainers().stream().map((container) -> container.isRunning()).toList()
							: "no registry"));
					for (String queue : List.of(EarlySubscriber.QUEUE, EarlyListener.QUEUE)) {
						whileStarting.add(queue + " consumers=" + RabbitBroker.consumerCount(VHOST, queue));
						whileStarting.add(queue + " ready=" + RabbitBroker.messageCount(VHOST, queue));
					}
					whileStarting.add("delivered=" + deliveries.states.size());
					restoredAt[0] = System.nanoTime();
					proxy.restore();
				}
				catch (Exception ex) {
					whileStarting.add("restorer failed: " + ex);
				}
			}, "restorer");
			restorer.start();
			this.contextRunner.withUserConfiguration(EarlySubscriber.class, EarlyListener.class)
				.withPropertyValues(
						"plugboard.rabbitmq.events.url=amqp://guest:guest@127.0.0.1:" + proxy.port() + "/" + VHOST,
						"plugboard.rabbitmq.events.startup.retry-interval=200ms",
						"plugboard.rabbitmq.events.startup.timeout=30s")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					restorer.join(TimeUnit.SECONDS.toMillis(10));
					assertThat(whileStarting).containsExactly("state=STARTING", "handle running=false",
							"subscription active=false", "listener containers running=[false]", EarlySubscriber.QUEUE + " consumers=0",
							EarlySubscriber.QUEUE + " ready=" + count, EarlyListener.QUEUE + " consumers=0",
							EarlyListener.QUEUE + " ready=" + count, "delivered=0");
					RabbitInstance rabbit = context.getBean(RabbitInstance.class);
					// the consumers' phase comes after the stores' and starts with the application
					assertThat(rabbit.getPhase()).isEqualTo(PlugboardPhases.CONSUMERS)
						.isGreaterThan(PlugboardPhases.STORES);
					assertThat(rabbit.isAutoStartup()).isTrue();
					assertThat(rabbit.isRunning()).isTrue();
					assertThat(context.getBean(RabbitListenerEndpointRegistry.class).getPhase())
						.isEqualTo(PlugboardPhases.CONSUMERS);
					await().dontCatchUncaughtExceptions()
						.atMost(Duration.ofSeconds(15))
						.until(() -> deliveries.states.size() == 2 * count);
					assertThat(deliveries.states).as("the instance's state as each message arrived")
						.containsOnly(InstanceState.RUNNING);
					assertThat(deliveries.times).as("every delivery came after the broker could be reached")
						.allMatch((time) -> time > restoredAt[0]);
					assertThat(deliveries.bodies).hasSize(2 * count);
				});
		}
		assertThat(RabbitBroker.messageCount(VHOST, EarlySubscriber.QUEUE)).isZero();
		assertThat(RabbitBroker.messageCount(VHOST, EarlyListener.QUEUE)).isZero();
	}

	@Test
	void aSubscriptionThatEndsOnTheInterruptAtTheShutdownTimeoutHasItsMessageRequeued() throws Exception {
		String queue = "plugboard.lifecycle.stuck-subscription";
		Stuck stuck = new Stuck(true);
		closeWhileStuck(queue, stuck, (context) -> context.getBean(RabbitInstance.class).subscribe(queue, stuck::handle));
	}

	@Test
	void aRabbitListenerThatIgnoresTheInterruptLosesItsChannelAndItsMessageIsRequeued() throws Exception {
		Stuck stuck = new Stuck(false);
		StuckListener.stuck = stuck;
		closeWhileStuck(StuckListener.QUEUE, stuck, (context) -> {
		}, StuckListener.class);
	}

	/**
	 * Fill a queue, let a listener take the first message and block on it, close the context,
	 * and see what the broker holds while the listener is still busy and after it returned.
	 */
	private void closeWhileStuck(String queue, Stuck stuck, Consumer<ConfigurableApplicationContext> subscribe,
			Class<?>... configurations) throws Exception {
		int count = 3;
		RabbitBroker.fill(VHOST, queue, "m-", count);
		Duration[] took = new Duration[1];
		try {
			this.contextRunner.withUserConfiguration(configurations)
				.withPropertyValues("plugboard.rabbitmq.events.url=" + RabbitBroker.url(VHOST),
						"plugboard.rabbitmq.events.shutdown.timeout=" + SHUTDOWN_TIMEOUT.toMillis() + "ms")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					subscribe.accept(context);
					assertThat(stuck.started.poll(15, TimeUnit.SECONDS)).isEqualTo("m-0");
					long start = System.nanoTime();
					context.close();
					took[0] = Duration.ofNanos(System.nanoTime() - start);
				});
			System.out.println("[stuck] " + queue + ": close took " + took[0].toMillis() + " ms with shutdown.timeout "
					+ SHUTDOWN_TIMEOUT.toMillis() + " ms");
			// it waited for the listener, but only for shutdown.timeout
			assertThat(took[0]).isGreaterThanOrEqualTo(SHUTDOWN_TIMEOUT.minusMillis(50)).isLessThan(CLOSE_BOUND);
			// at the timeout the container interrupts the listener and closes its channel
			assertThat(stuck.interrupted).as("listener interrupted").isTrue();
			assertThat(stuck.returned.getCount()).as("listener still busy").isEqualTo(stuck.endsOnInterrupt ? 0 : 1);
			// so its message, unacknowledged, is back in the queue with the prefetched ones,
			// even while a listener that ignores the interrupt still holds it
			await().atMost(Duration.ofSeconds(10)).until(() -> RabbitBroker.messageCount(VHOST, queue) == count);
		}
		finally {
			stuck.release.countDown();
		}
		assertThat(stuck.returned.await(10, TimeUnit.SECONDS)).as("listener returned").isTrue();
		// returning later acknowledges nothing: the channel the message came on is gone
		Thread.sleep(500);
		Map<String, Boolean> remaining = RabbitBroker.drainWithRedeliveredFlags(VHOST, queue);
		assertThat(remaining).containsOnlyKeys("m-0", "m-1", "m-2").containsEntry("m-0", true);
		assertThat(stuck.started).as("nothing else was delivered to the listener").isEmpty();
	}

	/**
	 * A listener that takes its first message and holds it until the test lets go. On an
	 * interrupt it either ends with an exception, as a listener blocked in an interruptible call
	 * does, or keeps waiting, as one blocked in a call that ignores interrupts does.
	 */
	static final class Stuck {

		final boolean endsOnInterrupt;

		final BlockingQueue<String> started = new LinkedBlockingQueue<>();

		final CountDownLatch release = new CountDownLatch(1);

		final CountDownLatch returned = new CountDownLatch(1);

		volatile boolean interrupted;

		Stuck(boolean endsOnInterrupt) {
			this.endsOnInterrupt = endsOnInterrupt;
		}

		void handle(Message message) {
			this.started.add(new String(message.getBody()));
			try {
				awaitRelease();
			}
			finally {
				this.returned.countDown();
			}
		}

		private void awaitRelease() {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (System.nanoTime() < deadline) {
				try {
					if (this.release.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
						break;
					}
				}
				catch (InterruptedException ex) {
					this.interrupted = true;
					if (this.endsOnInterrupt) {
						Thread.currentThread().interrupt();
						throw new IllegalStateException("Interrupted while handling a message", ex);
					}
				}
			}
			if (this.interrupted) {
				Thread.currentThread().interrupt();
			}
		}

	}

	/**
	 * What arrived, when, and in which state the instance was at that moment.
	 */
	static final class Deliveries {

		final List<String> bodies = new CopyOnWriteArrayList<>();

		final List<InstanceState> states = new CopyOnWriteArrayList<>();

		final List<Long> times = new CopyOnWriteArrayList<>();

		void record(Message message, RabbitInstance rabbit) {
			this.times.add(System.nanoTime());
			this.bodies.add(new String(message.getBody()));
			this.states.add(rabbit.state());
		}

	}

	/**
	 * Subscribes in its constructor, long before the instance answers, as an application bean
	 * may.
	 */
	@Component
	static class EarlySubscriber {

		static final String QUEUE = "plugboard.lifecycle.early-subscription";

		// set by the test, read by the test's restorer thread
		static volatile @Nullable EarlySubscriber subscriber;

		static volatile Deliveries deliveries = new Deliveries();

		final RabbitInstance rabbit;

		final RabbitInstance.Subscription subscription;

		EarlySubscriber(RabbitInstance rabbit) {
			this.rabbit = rabbit;
			Deliveries recorder = deliveries;
			this.subscription = rabbit.subscribe(QUEUE, (message) -> recorder.record(message, rabbit));
			subscriber = this;
		}

	}

	@Component
	static class EarlyListener {

		static final String QUEUE = "plugboard.lifecycle.early-listener";

		static volatile Deliveries deliveries = new Deliveries();

		// read by the test's restorer thread
		static volatile @Nullable RabbitListenerEndpointRegistry registry;

		private final RabbitInstance rabbit;

		EarlyListener(RabbitInstance rabbit, RabbitListenerEndpointRegistry registry) {
			this.rabbit = rabbit;
			EarlyListener.registry = registry;
		}

		@RabbitListener(queues = QUEUE)
		void listen(Message message) {
			deliveries.record(message, this.rabbit);
		}

	}

	@Component
	static class StuckListener {

		static final String QUEUE = "plugboard.lifecycle.stuck-listener";

		// set by the test, read after the context (and this bean) is gone
		static volatile Stuck stuck = new Stuck(true);

		@RabbitListener(queues = QUEUE)
		void listen(Message message) {
			stuck.handle(message);
		}

	}

}
