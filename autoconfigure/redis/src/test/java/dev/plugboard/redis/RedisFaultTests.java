package dev.plugboard.redis;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.plugboard.InstanceState;
import dev.plugboard.PlugInstance;
import dev.plugboard.Plugboard;
import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.core.testing.FailureAnalyses;
import dev.plugboard.core.testing.TcpProxy;
import dev.plugboard.redis.autoconfigure.RedisAutoConfiguration;
import dev.plugboard.redis.testing.PrivateRedis;
import dev.plugboard.redis.testing.SharedRedis;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Faults against private {@code redis-server} processes started on random ports.
 */
class RedisFaultTests {

	// unique per run: other builds may run these tests against the same shared server at once
	private static final String RUN = java.util.UUID.randomUUID().toString().substring(0, 8);


	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, RedisAutoConfiguration.class));

	@Test
	void killedServerDegradesTheInstanceCallsFailFastTheOtherServesAndRecoveryIsPrompt() {
		try (PrivateRedis redis = PrivateRedis.start()) {
			this.contextRunner
				.withPropertyValues("plugboard.redis.cache.url=" + redis.url(),
						"plugboard.redis.cache.health.interval=200ms", "plugboard.redis.cache.startup.retry-interval=200ms",
						"plugboard.redis.sessions.url=" + SharedRedis.url(14), "plugboard.redis.sessions.primary=true")
				.run((context) -> {
					PlugInstance cache = context.getBean(Plugboard.class).find("redis", "cache").orElseThrow();
					StringRedisTemplate template = context.getBean("cacheStringRedisTemplate", StringRedisTemplate.class);
					StringRedisTemplate sessions = context.getBean("sessionsStringRedisTemplate", StringRedisTemplate.class);
					RedisInstance handle = context.getBean("cacheRedisInstance", RedisInstance.class);
					BlockingQueue<String> received = new LinkedBlockingQueue<>();
					handle.subscribe("plugboard-fault", (message, pattern) -> received.add(new String(message.getBody())));
					publishUntilHeard(handle, "before", received);
					template.opsForValue().set("k", "v");
					redis.kill();
					await().atMost(Duration.ofSeconds(10)).until(() -> cache.state() == InstanceState.DEGRADED);
					// calls during an outage of 6 s: each fails at once, and the other instance serves
					long slowest = 0;
					for (int i = 0; i < 20; i++) {
						long start = System.nanoTime();
						// what docs/redis.md promises: rejected, not queued, and saying so
						assertThatExceptionOfType(RedisSystemException.class)
							.isThrownBy(() -> template.opsForValue().get("k"))
							.withMessage("Redis instance 'cache' (127.0.0.1:" + redis.port()
									+ "/0): Currently not connected. Commands are rejected.");
						slowest = Math.max(slowest, System.nanoTime() - start);
						sessions.opsForValue().set("plugboard:fault:sessions:" + RUN, "served-" + i);
						assertThat(sessions.opsForValue().get("plugboard:fault:sessions:" + RUN)).isEqualTo("served-" + i);
						Thread.sleep(300);
					}
					sessions.delete("plugboard:fault:sessions:" + RUN);
					assertThat(Duration.ofNanos(slowest)).as("slowest failed call").isLessThan(Duration.ofMillis(250));
					// Lettuce's default backoff tries again 2 to 3 s after such an outage (attempts 4 and 8 s in)
					redis.startServer();
					long restarted = System.nanoTime();
					await().atMost(Duration.ofSeconds(10))
						.pollInterval(Duration.ofMillis(20))
						.ignoreExceptions()
						.until(() -> template.opsForValue().setIfAbsent("k", "again") != null);
					assertThat(Duration.ofNanos(System.nanoTime() - restarted)).as("client back after the restart")
						.isLessThan(Duration.ofMillis(1500));
					await().atMost(Duration.ofSeconds(3)).until(() -> cache.state() == InstanceState.RUNNING);
					assertThat(template.opsForValue().get("k")).isEqualTo("again");
					received.clear();
					publishUntilHeard(handle, "after", received);
				});
		}
	}

	private static void publishUntilHeard(RedisInstance handle, String message, BlockingQueue<String> received)
			throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			try {
				if (handle.publish("plugboard-fault", message) > 0) {
					break;
				}
			}
			catch (RuntimeException ex) {
				// not connected yet
			}
			Thread.sleep(50);
		}
		assertThat(received.poll(5, TimeUnit.SECONDS)).as("message on the subscribed channel").isEqualTo(message);
	}

	@Test
	void nonCriticalInstanceDownAtStartupLetsTheApplicationStart() {
		int nothing = TcpProxy.freePort();
		this.contextRunner
			.withPropertyValues("plugboard.redis.cache.url=redis://127.0.0.1:" + nothing,
					"plugboard.redis.cache.startup.timeout=300ms", "plugboard.redis.cache.startup.retry-interval=100ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				PlugInstance cache = context.getBean(Plugboard.class).find("redis", "cache").orElseThrow();
				assertThat(cache.state()).isEqualTo(InstanceState.DEGRADED);
				assertThat(cache.lastError()).contains("Unable to connect");
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				for (int i = 0; i < 3; i++) {
					long start = System.nanoTime();
					// never connected: each call tries to connect, and a refused connection fails at once
					assertThatExceptionOfType(RedisConnectionFailureException.class)
						.isThrownBy(() -> template.hasKey("k"))
						.withMessageStartingWith("Redis instance 'cache' (127.0.0.1:" + nothing + "/0): Unable to connect to ")
						.withRootCauseInstanceOf(ConnectException.class)
						.havingRootCause()
						.withMessageContaining("Connection refused");
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));
				}
			});
	}

	@Test
	void neverConnectedInstanceBehindAHostThatDropsPacketsMakesEachCallWaitTheConnectTimeout() throws Exception {
		try (SilentHost host = SilentHost.start()) {
			this.contextRunner
				.withPropertyValues("plugboard.redis.cache.url=redis://127.0.0.1:" + host.port(),
						"plugboard.redis.cache.connect-timeout=500ms", "plugboard.redis.cache.startup.timeout=300ms",
						"plugboard.redis.cache.startup.retry-interval=100ms")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					PlugInstance cache = context.getBean(Plugboard.class).find("redis", "cache").orElseThrow();
					assertThat(cache.state()).isEqualTo(InstanceState.DEGRADED);
					StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
					for (int i = 0; i < 2; i++) {
						long start = System.nanoTime();
						assertThatExceptionOfType(RedisConnectionFailureException.class)
							.isThrownBy(() -> template.hasKey("k"))
							.withMessageStartingWith("Redis instance 'cache' (127.0.0.1:" + host.port()
									+ "/0): Unable to connect to ")
							.havingRootCause()
							.withMessageContaining("connection timed out");
						// each call waits for its own connection attempt, bounded by connect-timeout
						assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(400),
								Duration.ofMillis(3000));
					}
				});
		}
	}

	/**
	 * A listening socket whose accept queue is full and never drained: the kernel drops further
	 * connection requests, as a firewalled or vanished host does, so a client's connect waits for
	 * its own timeout.
	 */
	private static final class SilentHost implements AutoCloseable {

		private final ServerSocket server;

		private final List<Socket> fillers = new ArrayList<>();

		private SilentHost(ServerSocket server) {
			this.server = server;
		}

		static SilentHost start() throws IOException {
			SilentHost host = new SilentHost(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
			// fill the queue until a connection request goes unanswered
			for (int i = 0; i < 16; i++) {
				Socket filler = new Socket();
				try {
					filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), host.port()), 300);
					host.fillers.add(filler);
				}
				catch (SocketTimeoutException ex) {
					filler.close();
					return host;
				}
			}
			host.close();
			throw new IllegalStateException("The accept queue never filled up");
		}

		int port() {
			return this.server.getLocalPort();
		}

		@Override
		public void close() throws IOException {
			for (Socket filler : this.fillers) {
				filler.close();
			}
			this.server.close();
		}

	}

	@Test
	void stalledServerHealthAnswersWithinItsTimeout() throws Exception {
		try (PrivateRedis redis = PrivateRedis.start(); TcpProxy proxy = new TcpProxy("127.0.0.1", redis.port())) {
			this.contextRunner
				.withPropertyValues("plugboard.redis.cache.url=redis://127.0.0.1:" + proxy.port(),
						"plugboard.redis.cache.health.timeout=400ms", "plugboard.redis.cache.health.interval=0s",
						"plugboard.redis.cache.timeout=600ms")
				.run((context) -> {
					HealthIndicator indicator = (HealthIndicator) context
						.getBean("redisHealthContributor", CompositeHealthContributor.class)
						.getContributor("cache");
					proxy.mode(TcpProxy.Mode.STALL);
					for (int i = 0; i < 3; i++) {
						long start = System.nanoTime();
						Health health = indicator.health();
						assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(400 + 300));
						assertThat(health.getStatus().getCode()).isEqualTo("DEGRADED");
					}
					// a caller waits no longer than the command timeout
					StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
					long start = System.nanoTime();
					assertThatExceptionOfType(QueryTimeoutException.class).isThrownBy(() -> template.opsForValue().get("k"))
						.withMessageStartingWith("Redis instance 'cache' (127.0.0.1:" + proxy.port() + "/0): ")
						.withMessageContaining("timed out after 600 millisecond(s)");
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(500),
							Duration.ofMillis(1500));
				});
		}
	}

	@Test
	void unreachableCriticalInstanceStopsTheApplicationNamingTheEndpointAndTheSettings() {
		int nothing = TcpProxy.freePort();
		this.contextRunner
			.withPropertyValues("plugboard.redis.cache.url=redis://:Hidden-9@127.0.0.1:" + nothing + "/3",
					"plugboard.redis.cache.critical=true", "plugboard.redis.cache.startup.timeout=300ms",
					"plugboard.redis.cache.startup.retry-interval=100ms")
			.run((context) -> {
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Critical redis instance 'cache'")
					.contains("127.0.0.1:" + nothing + "/3");
				assertThat(analysis.getAction()).contains("'plugboard.redis.cache.host'")
					.contains("PLUGBOARD_REDIS_CACHE_HOST")
					.contains("'plugboard.redis.cache.url'");
				assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("Hidden-9");
			});
	}

	@Test
	void unreachableClusterNamesTheNodesSetting() {
		int nothing = TcpProxy.freePort();
		this.contextRunner
			.withPropertyValues("plugboard.redis.big.cluster.nodes=127.0.0.1:" + nothing,
					"plugboard.redis.big.critical=true", "plugboard.redis.big.startup.timeout=300ms",
					"plugboard.redis.big.startup.retry-interval=100ms")
			.run((context) -> {
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getAction()).contains("'plugboard.redis.big.cluster.nodes'")
					.contains("PLUGBOARD_REDIS_BIG_CLUSTER_NODES");
			});
	}

	@Test
	void wrongPasswordOnACriticalInstanceNamesThePasswordSetting() {
		try (PrivateRedis redis = PrivateRedis.start("--requirepass", "R1ght-Pass")) {
			this.contextRunner
				.withPropertyValues("plugboard.redis.cache.url=redis://:Wr0ng-Pass@127.0.0.1:" + redis.port(),
						"plugboard.redis.cache.critical=true", "plugboard.redis.cache.startup.timeout=5s")
				.run((context) -> {
					FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
					assertThat(analysis.getDescription()).contains("Critical redis instance 'cache'")
						.doesNotContain("Wr0ng-Pass");
					assertThat(analysis.getAction()).contains("'plugboard.redis.cache.password'")
						.contains("PLUGBOARD_REDIS_CACHE_PASSWORD")
						.doesNotContain("Wr0ng-Pass");
				});
		}
	}

	@Test
	void databaseOutOfRangeNamesTheDatabaseSetting() {
		try (PrivateRedis redis = PrivateRedis.start("--requirepass", "Db-Pass-5")) {
			this.contextRunner
				.withPropertyValues("plugboard.redis.cache.url=redis://127.0.0.1:" + redis.port() + "/99",
						"plugboard.redis.cache.password=Db-Pass-5", "plugboard.redis.cache.critical=true",
						"plugboard.redis.cache.startup.timeout=5s")
				.run((context) -> {
					FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
					assertThat(analysis.getAction()).contains("no database 99")
						.contains("'plugboard.redis.cache.database'")
						.contains("PLUGBOARD_REDIS_CACHE_DATABASE")
						.contains("'plugboard.redis.cache.url'");
					assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("Db-Pass-5");
				});
		}
	}

	@Test
	void malformedUrlAndNegativeDatabaseAreRejected() {
		this.contextRunner.withPropertyValues("plugboard.redis.cache.url=redis://:S3cret@cache1:6379/two")
			.run((context) -> {
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'plugboard.redis.cache.url'")
					.contains("PLUGBOARD_REDIS_CACHE_URL")
					.contains("is not a number")
					.doesNotContain("S3cret");
			});
		this.contextRunner.withPropertyValues("plugboard.redis.cache.database=-1").run((context) -> {
			FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("'plugboard.redis.cache.database'").contains("negative");
		});
	}

}
