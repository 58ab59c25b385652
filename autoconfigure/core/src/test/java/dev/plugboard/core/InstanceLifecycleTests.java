package dev.plugboard.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.plugboard.core.testing.FailureAnalyses;
import dev.plugboard.InstanceState;
import dev.plugboard.InstanceStateChangedEvent;
import dev.plugboard.PlugInstance;
import dev.plugboard.Plugboard;
import dev.plugboard.PlugboardLifecycleListener;
import dev.plugboard.core.metrics.PlugboardMetrics;
import dev.plugboard.core.metrics.PlugboardMetricsAutoConfiguration;
import dev.plugboard.core.spi.PlugboardPhases;
import dev.plugboard.core.tcp.PingServer;
import dev.plugboard.core.tcp.TcpAutoConfiguration;
import dev.plugboard.core.tcp.TcpClient;
import dev.plugboard.core.testing.TcpProxy;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Startup, degradation, recovery and shutdown against real TCP servers the test controls.
 */
class InstanceLifecycleTests {

	private final List<AutoCloseable> servers = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, TcpAutoConfiguration.class));

	@AfterEach
	void stopServers() throws Exception {
		for (AutoCloseable server : this.servers) {
			server.close();
		}
	}

	private PingServer server() throws Exception {
		PingServer server = new PingServer().start();
		this.servers.add(server);
		return server;
	}

	private PingServer stoppedServer() {
		PingServer server = new PingServer();
		this.servers.add(server);
		return server;
	}

	@Test
	void criticalUnreachableInstanceFailsStartupWithAnalyzerText() {
		PingServer down = stoppedServer();
		this.contextRunner
			.withPropertyValues("plugboard.tcp.orders-db.url=tcp://app:s3cr3t-pw@127.0.0.1:" + down.port(),
					"plugboard.tcp.orders-db.startup.timeout=600ms", "plugboard.tcp.orders-db.startup.retry-interval=100ms")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription())
					.contains("Critical tcp instance 'orders-db' at 127.0.0.1:" + down.port())
					.contains("did not answer within 600 ms")
					.contains("Connection refused")
					.doesNotContain("s3cr3t-pw");
				assertThat(analysis.getAction()).contains("'plugboard.tcp.orders-db.url'")
					.contains("PLUGBOARD_TCP_ORDERS_DB_URL")
					.contains("plugboard.tcp.orders-db.critical=false");
			});
	}

	@Test
	void criticalInstanceThatAnswersLateIsWaitedFor() throws Exception {
		PingServer late = stoppedServer();
		Thread starter = new Thread(() -> {
			try {
				Thread.sleep(700);
				late.start();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		starter.start();
		this.contextRunner
			.withPropertyValues("plugboard.tcp.late.port=" + late.port(), "plugboard.tcp.late.startup.timeout=10s",
					"plugboard.tcp.late.startup.retry-interval=100ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				PlugInstance instance = context.getBean(Plugboard.class).find("tcp", "late").orElseThrow();
				assertThat(instance.state()).isEqualTo(InstanceState.RUNNING);
				assertThat(instance.startupDuration()).isGreaterThan(Duration.ofMillis(500));
			});
		starter.join();
	}

	@Test
	void nonCriticalUnreachableInstanceDegradesAndRecoversOnItsOwn() throws Exception {
		PingServer healthy = server();
		PingServer down = stoppedServer();
		this.contextRunner.withUserConfiguration(Events.class)
			.withPropertyValues("plugboard.tcp.main.port=" + healthy.port(),
					"plugboard.tcp.cache.url=tcp://u:hidden-pw@127.0.0.1:" + down.port(),
					"plugboard.tcp.cache.critical=false", "plugboard.tcp.cache.startup.timeout=300ms",
					"plugboard.tcp.cache.startup.retry-interval=100ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				PlugInstance cache = context.getBean(Plugboard.class).find("tcp", "cache").orElseThrow();
				assertThat(cache.state()).isEqualTo(InstanceState.DEGRADED);
				assertThat(cache.lastError()).contains("Connection refused").doesNotContain("hidden-pw");
				assertThat(context.getBean(Plugboard.class).find("tcp", "main").orElseThrow().state())
					.isEqualTo(InstanceState.RUNNING);
				down.start();
				await().atMost(Duration.ofSeconds(5)).until(() -> cache.state() == InstanceState.RUNNING);
				assertThat(cache.lastError()).isNull();
				Events events = context.getBean(Events.class);
				assertThat(events.transitions("cache")).containsSubsequence("CREATED->STARTING", "STARTING->DEGRADED",
						"DEGRADED->RUNNING");
				InstanceStateChangedEvent degraded = events.to("cache", InstanceState.DEGRADED);
				assertThat(degraded.getType()).isEqualTo("tcp");
				assertThat(degraded.getCause()).isNotNull();
				assertThat(degraded.getError()).contains("Connection refused").doesNotContain("hidden-pw");
				assertThat(events.to("cache", InstanceState.RUNNING).getError()).isNull();
			});
	}

	@Test
	void startupTimerRecordsAnInstanceThatStartedDegradedWhenItFirstRuns() throws Exception {
		PingServer down = stoppedServer();
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		this.contextRunner.withConfiguration(AutoConfigurations.of(PlugboardMetricsAutoConfiguration.class))
			.withPropertyValues("plugboard.tcp.cache.port=" + down.port(), "plugboard.tcp.cache.critical=false",
					"plugboard.tcp.cache.startup.timeout=200ms", "plugboard.tcp.cache.startup.retry-interval=100ms")
			.run((context) -> {
				context.getBean(PlugboardMetrics.class).bindTo(registry);
				PlugInstance cache = context.getBean(Plugboard.class).find("tcp", "cache").orElseThrow();
				assertThat(cache.state()).isEqualTo(InstanceState.DEGRADED);
				assertThat(registry.find(PlugboardMetrics.STARTUP).timer()).isNull();
				down.start();
				await().atMost(Duration.ofSeconds(5)).until(() -> cache.state() == InstanceState.RUNNING);
				await().atMost(Duration.ofSeconds(2))
					.until(() -> registry.find(PlugboardMetrics.STARTUP).tags("type", "tcp", "name", "cache").timer(),
							(timer) -> timer != null && timer.count() == 1);
				assertThat(registry.get(PlugboardMetrics.STATE).tags("name", "cache").gauge().value())
					.isEqualTo(InstanceState.RUNNING.ordinal());
			});
	}

	@Test
	void runningInstanceThatStopsAnsweringDegradesAndComesBack() throws Exception {
		PingServer server = server();
		TcpProxy proxy = new TcpProxy("127.0.0.1", server.port());
		this.servers.add(proxy);
		this.contextRunner.withBean(ApplicationAvailabilityBean.class)
			.withPropertyValues("plugboard.tcp.store.port=" + proxy.port(), "plugboard.tcp.store.health.interval=100ms",
					"plugboard.tcp.store.health.timeout=300ms", "plugboard.tcp.store.startup.retry-interval=100ms")
			.run((context) -> {
				PlugInstance store = context.getBean(Plugboard.class).find("tcp", "store").orElseThrow();
				ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
				assertThat(store.state()).isEqualTo(InstanceState.RUNNING);
				proxy.refuse();
				await().atMost(Duration.ofSeconds(5)).until(() -> store.state() == InstanceState.DEGRADED);
				assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
				proxy.restore();
				await().atMost(Duration.ofSeconds(5)).until(() -> store.state() == InstanceState.RUNNING);
				assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
			});
	}

	@Test
	void instancesStartConcurrently() throws Exception {
		// eight stalled instances, each retried until its 400 ms startup timeout: one after the
		// other they would take 3.2 s
		List<String> properties = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			TcpProxy stalled = new TcpProxy("127.0.0.1", 1);
			stalled.mode(TcpProxy.Mode.STALL);
			this.servers.add(stalled);
			properties.add("plugboard.tcp.slow" + i + ".port=" + stalled.port());
			properties.add("plugboard.tcp.slow" + i + ".critical=false");
			properties.add("plugboard.tcp.slow" + i + ".startup.timeout=400ms");
			properties.add("plugboard.tcp.slow" + i + ".startup.retry-interval=50ms");
			properties.add("plugboard.tcp.slow" + i + ".health.timeout=100ms");
			properties.add("plugboard.tcp.slow" + i + ".read-timeout=100ms");
		}
		long start = System.nanoTime();
		this.contextRunner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
			assertThat(context.getBean(Plugboard.class).instances()).hasSize(8)
				.allSatisfy((instance) -> assertThat(instance.state()).isEqualTo(InstanceState.DEGRADED));
		});
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2000));
	}

	@Test
	void onStartIsCalledOnAPlugboardThreadAndABlockedListenerDoesNotHoldStartup() throws Exception {
		PingServer server = server();
		CountDownLatch release = new CountDownLatch(1);
		List<String> threads = new CopyOnWriteArrayList<>();
		PlugboardLifecycleListener blocking = new PlugboardLifecycleListener() {

			@Override
			public void onStart(PlugInstance instance) {
				threads.add(Thread.currentThread().getName());
				awaitQuietly(release);
			}

		};
		this.contextRunner.withBean(PlugboardLifecycleListener.class, () -> blocking)
			.withPropertyValues("plugboard.tcp.store.port=" + server.port())
			.run((context) -> {
				// the context is up although onStart has not returned
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Plugboard.class).find("tcp", "store").orElseThrow().state())
					.isEqualTo(InstanceState.RUNNING);
				await().atMost(Duration.ofSeconds(2)).until(() -> !threads.isEmpty());
				assertThat(threads).singleElement().asString().startsWith("plugboard-");
				release.countDown();
			});
	}

	@Test
	void aHungOnStopListenerHoldsShutdownOnlyForTheShutdownTimeout() throws Exception {
		PingServer server = server();
		CountDownLatch never = new CountDownLatch(1);
		PlugboardLifecycleListener hung = new PlugboardLifecycleListener() {

			@Override
			public void onStop(PlugInstance instance) {
				awaitQuietly(never);
			}

		};
		this.contextRunner.withBean(PlugboardLifecycleListener.class, () -> hung)
			.withPropertyValues("plugboard.tcp.a.port=" + server.port(), "plugboard.tcp.b.port=" + server.port(),
					"plugboard.tcp.a.shutdown.timeout=400ms", "plugboard.tcp.b.shutdown.timeout=400ms")
			.run((context) -> {
				List<PlugInstance> instances = context.getBean(Plugboard.class).instances();
				long start = System.nanoTime();
				context.close();
				// both instances stop side by side: about 400 ms, not 800 ms and not forever
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500))
					.isGreaterThanOrEqualTo(Duration.ofMillis(400));
				assertThat(instances).hasSize(2)
					.allSatisfy((instance) -> assertThat(instance.state()).isEqualTo(InstanceState.STOPPED));
			});
		never.countDown();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void listenersAreCalledAndShutdownStopsConsumersBeforeStores() throws Exception {
		PingServer server = server();
		List<String> calls = new CopyOnWriteArrayList<>();
		this.contextRunner.withBean(RecordingListener.class, () -> new RecordingListener(calls))
			.withBean(Consumer.class, () -> new Consumer(calls))
			.withPropertyValues("plugboard.tcp.store.port=" + server.port())
			.run((context) -> {
				await().atMost(Duration.ofSeconds(2)).until(() -> calls.contains("onStart store"));
				assertThat(calls).containsSubsequence("preStart store", "consumer start");
				TcpClient client = context.getBean(TcpClient.class);
				context.close();
				assertThat(calls).containsSubsequence("consumer stop", "onStop store");
				assertThat(client.isClosed()).isTrue();
			});
	}

	static class RecordingListener implements PlugboardLifecycleListener {

		private final List<String> calls;

		RecordingListener(List<String> calls) {
			this.calls = calls;
		}

		@Override
		public void preStart(PlugInstance instance) {
			this.calls.add("preStart " + instance.name());
		}

		@Override
		public void onStart(PlugInstance instance) {
			this.calls.add("onStart " + instance.name());
		}

		@Override
		public void onStop(PlugInstance instance) {
			this.calls.add("onStop " + instance.name());
		}

	}

	static class Consumer implements SmartLifecycle {

		private final List<String> calls;

		private volatile boolean running;

		Consumer(List<String> calls) {
			this.calls = calls;
		}

		@Override
		public void start() {
			this.calls.add("consumer start");
			this.running = true;
		}

		@Override
		public void stop() {
			this.calls.add("consumer stop");
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return PlugboardPhases.CONSUMERS;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Events {

		private final List<InstanceStateChangedEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(InstanceStateChangedEvent event) {
			this.events.add(event);
		}

		InstanceStateChangedEvent to(String name, InstanceState state) {
			return this.events.stream()
				.filter((event) -> event.getName().equals(name) && event.getTo() == state)
				.findFirst()
				.orElseThrow();
		}

		List<String> transitions(String name) {
			return this.events.stream()
				.filter((event) -> event.getName().equals(name))
				.map((event) -> event.getFrom() + "->" + event.getTo())
				.toList();
		}

	}

}
