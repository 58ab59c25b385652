package dev.plugboard.rabbitmq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.InstanceState;
import dev.plugboard.PlugInstance;
import dev.plugboard.Plugboard;
import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.core.testing.FailureAnalyses;
import dev.plugboard.core.testing.TcpProxy;
import dev.plugboard.rabbitmq.autoconfigure.RabbitAutoConfiguration;
import dev.plugboard.rabbitmq.testing.RabbitBroker;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Lossless shutdown, connection cuts, outages, stalls and bad credentials. The shared broker is
 * reached directly or through proxies the test controls, and is never stopped. Waits ignore
 * uncaught exceptions of other threads: Spring AMQP's own threads report a refused connection
 * that way while the broker is away, which is what these tests cause.
 */
class RabbitFaultTests {

	private static final String VHOST = RabbitBroker.uniqueName("plugboard-faults");

	private static final int STREAM = 200;

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, RabbitAutoConfiguration.class,
				org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration.class));

	@BeforeAll
	static void createVirtualHost() {
		RabbitBroker.createVirtualHost(VHOST);
	}

	@AfterAll
	static void deleteVirtualHost() {
		RabbitBroker.deleteVirtualHost(VHOST);
	}

	@Test
	void shutdownInTheMiddleOfAStreamOfASubscriptionLosesNothingAndProcessesNothingTwice() {
		String queue = "plugboard.shutdown.subscribe";
		RabbitBroker.fill(VHOST, queue, "m-", STREAM);
		SlowConsumer consumer = new SlowConsumer();
		Shutdown shutdown = runAndCloseMidStream(consumer,
				(context) -> context.getBean(RabbitInstance.class).subscribe(queue, consumer::handle));
		assertLosslessShutdown(queue, consumer, shutdown);
	}

	@Test
	void shutdownInTheMiddleOfAStreamOfARabbitListenerLosesNothingAndProcessesNothingTwice() {
		String queue = SlowListener.QUEUE;
		RabbitBroker.fill(VHOST, queue, "l-", STREAM);
		SlowListener.consumer = new SlowConsumer();
		Shutdown shutdown = runAndCloseMidStream(SlowListener.consumer, (context) -> {
		}, SlowListener.class);
		assertLosslessShutdown(queue, SlowListener.consumer, shutdown);
	}

	/**
	 * Start a context, let the consumer work through part of the stream, and close the context
	 * while a message is in the handler.
	 */
	private Shutdown runAndCloseMidStream(SlowConsumer consumer, Consumer<ConfigurableApplicationContext> subscribe,
			Class<?>... configurations) {
		Shutdown[] shutdown = new Shutdown[1];
		this.contextRunner.withUserConfiguration(configurations)
			.withPropertyValues("plugboard.rabbitmq.events.url=" + RabbitBroker.url(VHOST),
					"plugboard.rabbitmq.events.shutdown.timeout=" + SHUTDOWN_TIMEOUT.toSeconds() + "s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				subscribe.accept(context);
				await().dontCatchUncaughtExceptions()
					.atMost(Duration.ofSeconds(20))
					.until(() -> consumer.processed.size() >= 20 && !consumer.inFlight().isEmpty());
				Set<String> inFlight = consumer.inFlight();
				long start = System.nanoTime();
				context.close();
				shutdown[0] = new Shutdown(inFlight, Duration.ofNanos(System.nanoTime() - start));
			});
		return shutdown[0];
	}

	private static void assertLosslessShutdown(String queue, SlowConsumer consumer, Shutdown shutdown) {
		List<String> processed = List.copyOf(consumer.processed);
		Set<String> distinct = new HashSet<>(processed);
		List<String> remaining = RabbitBroker.drain(VHOST, queue);
		System.out.println("[shutdown] " + queue + ": processed " + processed.size() + " (" + distinct.size()
				+ " distinct), still queued " + remaining.size() + ", of " + STREAM + "; in the handler at close "
				+ shutdown.inFlight() + "; close took " + shutdown.took().toMillis() + " ms");
		assertThat(consumer.interrupted).as("handlers cut off").isEmpty();
		assertThat(distinct).as("no message processed twice").hasSameSizeAs(processed);
		assertThat(processed).as("the stream was cut short").hasSizeLessThan(STREAM);
		assertThat(distinct).as("messages in the handler at close finished").containsAll(shutdown.inFlight());
		assertThat(remaining).as("nothing both processed and still queued").doesNotContainAnyElementsOf(distinct);
		assertThat(distinct.size() + remaining.size()).as("processed + still queued").isEqualTo(STREAM);
		assertThat(new HashSet<>(remaining)).as("no message queued twice").hasSameSizeAs(remaining);
		// prefetched messages went back at once rather than being worked through first
		assertThat(shutdown.took()).isLessThan(SHUTDOWN_TIMEOUT);
	}

	@Test
	void connectionCutsDuringAConfirmedBurstLoseNoMessage() throws Exception {
		int total = 500;
		String queue = "plugboard.burst";
		AtomicInteger confirmed = new AtomicInteger();
		AtomicInteger cuts = new AtomicInteger();
		try (TcpProxy proxy = new TcpProxy(RabbitBroker.HOST, RabbitBroker.PORT)) {
			this.contextRunner.withBean(Queue.class, () -> new Queue(queue, true, false, false))
				.withPropertyValues("plugboard.rabbitmq.events.url=amqp://guest:guest@127.0.0.1:" + proxy.port() + "/" + VHOST,
						"plugboard.rabbitmq.events.template.confirm-timeout=2s",
						"plugboard.rabbitmq.events.template.publish-attempts=10")
				.run((context) -> {
					RabbitInstance events = context.getBean(RabbitInstance.class);
					// cuts land at any moment: between publishes, or while a confirm is awaited
					ScheduledExecutorService cutter = Executors.newSingleThreadScheduledExecutor();
					cutter.scheduleWithFixedDelay(() -> {
						proxy.cut();
						cuts.incrementAndGet();
					}, 100, 150, TimeUnit.MILLISECONDS);
					try {
						for (int i = 0; i < total; i++) {
							events.publish(queue, "burst-" + i);
							confirmed.incrementAndGet();
						}
					}
					finally {
						cutter.shutdownNow();
					}
				});
		}
		List<String> consumed = RabbitBroker.drain(VHOST, queue);
		Set<String> distinct = new HashSet<>(consumed);
		System.out.println("[burst] published " + total + ", confirmed " + confirmed + ", consumed " + consumed.size()
				+ " (" + distinct.size() + " distinct) across " + cuts + " connection cuts");
		assertThat(cuts).as("connection cuts").hasValueGreaterThanOrEqualTo(2);
		assertThat(confirmed).as("confirmed").hasValue(total);
		assertThat(distinct).as("distinct messages consumed").hasSize(total);
		for (int i = 0; i < total; i++) {
			assertThat(distinct).contains("burst-" + i);
		}
		// a message whose confirm was lost in a cut is published again (at least once), so a
		// few may arrive twice, never more than once per cut
		assertThat(consumed.size() - distinct.size()).as("duplicates").isLessThanOrEqualTo(cuts.get());
	}

	@Test
	void nonCriticalInstanceDegradesFailsFastAndRecoversOnItsOwn() throws Exception {
		String queue = "plugboard.recovery";
		try (TcpProxy proxy = new TcpProxy(RabbitBroker.HOST, RabbitBroker.PORT)) {
			this.contextRunner.withBean(Queue.class, () -> new Queue(queue, true, false, false))
				.withPropertyValues("plugboard.rabbitmq.events.url=amqp://guest:guest@127.0.0.1:" + proxy.port() + "/" + VHOST,
						"plugboard.rabbitmq.events.critical=false", "plugboard.rabbitmq.events.health.interval=200ms",
						"plugboard.rabbitmq.events.startup.retry-interval=200ms")
				.run((context) -> {
					PlugInstance events = context.getBean(Plugboard.class).find("rabbitmq", "events").orElseThrow();
					RabbitInstance rabbit = context.getBean(RabbitInstance.class);
					BlockingQueue<String> received = new LinkedBlockingQueue<>();
					rabbit.subscribe(queue, (message) -> received.add(new String(message.getBody())));
					assertThat(events.state()).isEqualTo(InstanceState.RUNNING);
					rabbit.publish(queue, "before");
					assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("before");
					proxy.refuse();
					await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).until(() -> events.state() == InstanceState.DEGRADED);
					long start = System.nanoTime();
					assertThatExceptionOfType(AmqpException.class).isThrownBy(() -> rabbit.publish(queue, "while-down"))
						.withMessageContaining("'events' (DEGRADED) after 1 attempt");
					assertThat(Duration.ofNanos(System.nanoTime() - start)).as("fails fast").isLessThan(Duration.ofSeconds(3));
					proxy.restore();
					await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).until(() -> events.state() == InstanceState.RUNNING);
					// the subscription reconnected by itself
					rabbit.publish(queue, "after");
					// at least once: the acknowledgement of "before" may have been lost with the
					// connection, and the broker then delivers it again before "after"
					List<String> afterRecovery = new ArrayList<>();
					String next;
					do {
						next = received.poll(15, TimeUnit.SECONDS);
						afterRecovery.add(next);
					}
					while (next != null && !next.equals("after"));
					assertThat(afterRecovery).endsWith("after");
					assertThat(afterRecovery.subList(0, afterRecovery.size() - 1)).as("redelivered")
						.allMatch("before"::equals);
				});
		}
		assertThat(RabbitBroker.drain(VHOST, queue)).isEmpty();
	}

	@Test
	void stalledBrokerHealthAnswersWithinItsTimeout() throws Exception {
		try (TcpProxy proxy = new TcpProxy(RabbitBroker.HOST, RabbitBroker.PORT)) {
			this.contextRunner
				.withPropertyValues("plugboard.rabbitmq.events.url=amqp://guest:guest@127.0.0.1:" + proxy.port() + "/" + VHOST,
						"plugboard.rabbitmq.events.health.timeout=500ms", "plugboard.rabbitmq.events.health.interval=0s")
				.run((context) -> {
					HealthIndicator indicator = (HealthIndicator) context
						.getBean("rabbitmqHealthContributor", CompositeHealthContributor.class)
						.getContributor("events");
					assertThat(indicator.health().getStatus().getCode()).isEqualTo("UP");
					proxy.mode(TcpProxy.Mode.STALL);
					proxy.cut();
					for (int i = 0; i < 3; i++) {
						long start = System.nanoTime();
						Health health = indicator.health();
						assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500 + 300));
						assertThat(health.getStatus().getCode()).isEqualTo("DOWN");
					}
					proxy.mode(TcpProxy.Mode.FORWARD);
					await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10))
						.until(() -> indicator.health().getStatus().getCode().equals("UP"));
				});
		}
	}

	@Test
	void wrongCredentialsNameThePasswordSettingWithoutShowingIt() {
		this.contextRunner
			.withPropertyValues("plugboard.env-prefix=shop", "plugboard.rabbitmq.events.url=amqp://guest:Wr0ng-Rabbit@"
					+ RabbitBroker.HOST + ":" + RabbitBroker.PORT + "/" + VHOST, "plugboard.rabbitmq.events.startup.timeout=300ms")
			.run((context) -> {
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Critical rabbitmq instance 'events'")
					.contains(RabbitBroker.HOST + ":" + RabbitBroker.PORT + "/" + VHOST)
					.doesNotContain("Wr0ng-Rabbit");
				assertThat(analysis.getAction()).contains("'plugboard.rabbitmq.events.password'")
					.contains("SHOP_EVENTS_PASSWORD")
					.doesNotContain("Wr0ng-Rabbit");
			});
	}

	@Test
	void missingVirtualHostNamesTheVirtualHostSetting() {
		this.contextRunner
			.withPropertyValues("plugboard.rabbitmq.events.url=" + RabbitBroker.url("plugboard-no-such-vhost"),
					"plugboard.rabbitmq.events.startup.timeout=300ms")
			.run((context) -> {
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getAction()).contains("no virtual host 'plugboard-no-such-vhost'")
					.contains("'plugboard.rabbitmq.events.virtual-host'")
					.contains("PLUGBOARD_RABBITMQ_EVENTS_VIRTUAL_HOST");
			});
	}

	@Test
	void unreachableBrokerNamesTheHostSettingWithoutThePassword() throws Exception {
		try (TcpProxy proxy = new TcpProxy(RabbitBroker.HOST, RabbitBroker.PORT)) {
			proxy.refuse();
			this.contextRunner
				.withPropertyValues("plugboard.rabbitmq.events.url=amqp://guest:Unseen-Pw@127.0.0.1:" + proxy.port() + "/",
						"plugboard.rabbitmq.events.startup.timeout=300ms")
				.run((context) -> {
					FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
					// the endpoint and the cause, as the client reported it
					assertThat(analysis.getDescription()).contains("127.0.0.1:" + proxy.port() + "/")
						.contains("Connection refused")
						.doesNotContain("Unseen-Pw");
					assertThat(analysis.getAction()).contains("'plugboard.rabbitmq.events.host'")
						.contains("PLUGBOARD_RABBITMQ_EVENTS_HOST")
						.doesNotContain("Unseen-Pw");
				});
		}
	}

	@Test
	void unreachableClusterNamesTheAddressesSetting() {
		int first = TcpProxy.freePort();
		int second = TcpProxy.freePort();
		this.contextRunner
			.withPropertyValues("plugboard.rabbitmq.events.addresses=127.0.0.1:" + first + ",127.0.0.1:" + second,
					"plugboard.rabbitmq.events.password=Unseen-Pw", "plugboard.rabbitmq.events.startup.timeout=300ms")
			.run((context) -> {
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getAction()).contains("'plugboard.rabbitmq.events.addresses'")
					.contains("PLUGBOARD_RABBITMQ_EVENTS_ADDRESSES")
					.doesNotContain("Unseen-Pw");
				assertThat(analysis.getDescription())
					.contains("127.0.0.1:" + first + ",127.0.0.1:" + second + "/")
					.contains("Connection refused")
					.doesNotContain("Unseen-Pw");
			});
	}

	@Test
	void malformedUrlIsRejectedWithThePasswordMasked() {
		this.contextRunner.withPropertyValues("plugboard.rabbitmq.events.url=amqp://app:Zecret@mq1:56x2/orders")
			.run((context) -> {
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'plugboard.rabbitmq.events.url'")
					.contains("PLUGBOARD_RABBITMQ_EVENTS_URL")
					.contains("amqp://app:******@mq1:56x2/orders")
					.doesNotContain("Zecret");
			});
	}

	@Test
	void amqpsUrlConnectsWithTls() throws Exception {
		try (TcpProxy proxy = new TcpProxy(RabbitBroker.HOST, RabbitBroker.PORT)) {
			proxy.refuse();
			this.contextRunner
				.withPropertyValues("plugboard.rabbitmq.events.url=amqps://127.0.0.1:" + proxy.port() + "/",
						"plugboard.rabbitmq.events.ssl.validate-server-certificate=false",
						"plugboard.rabbitmq.events.critical=false", "plugboard.rabbitmq.events.startup.timeout=300ms")
				.run((context) -> {
					RabbitInstance events = context.getBean(RabbitInstance.class);
					assertThat(events.connectionFactory().getRabbitConnectionFactory().isSSL()).isTrue();
					assertThat(events.state()).isEqualTo(InstanceState.DEGRADED);
				});
		}
	}

	@Test
	void sslBundleIsLookedUpAndAnUnknownOneIsAStartupError() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration.class))
			.withPropertyValues("plugboard.rabbitmq.events.url=amqp://guest:guest@127.0.0.1:1/",
					"plugboard.rabbitmq.events.ssl.bundle=no-such-bundle", "plugboard.rabbitmq.events.critical=false")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("no-such-bundle"));
	}

	private record Shutdown(Set<String> inFlight, Duration took) {
	}

	/**
	 * A consumer that takes 50 ms a message and records what it started, finished, and had cut
	 * off by an interrupt. A cut-off message returns normally and is acknowledged without being
	 * processed, so the count would find it missing.
	 */
	static final class SlowConsumer {

		final Set<String> started = ConcurrentHashMap.newKeySet();

		final List<String> processed = Collections.synchronizedList(new ArrayList<>());

		final List<String> interrupted = Collections.synchronizedList(new ArrayList<>());

		void handle(Message message) {
			String body = new String(message.getBody());
			this.started.add(body);
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.interrupted.add(body);
				return;
			}
			this.processed.add(body);
		}

		Set<String> inFlight() {
			Set<String> inFlight = new HashSet<>(this.started);
			synchronized (this.processed) {
				this.processed.forEach(inFlight::remove);
			}
			return inFlight;
		}

	}

	@Component
	static class SlowListener {

		static final String QUEUE = "plugboard.shutdown.listener";

		// set by the test, read after the context (and this bean) is gone
		static volatile SlowConsumer consumer = new SlowConsumer();

		@RabbitListener(queues = QUEUE)
		void listen(Message message) {
			consumer.handle(message);
		}

	}

}
