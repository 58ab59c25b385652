package dev.plugboard.samples.service.faults;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.InstanceState;
import dev.plugboard.PlugInstance;
import dev.plugboard.Plugboard;
import dev.plugboard.postgres.testing.PrivatePostgres;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The analytics database (a private PostgreSQL cluster) crashes and restarts under load on
 * {@code GET /audit}: errors happen only inside the outage window, the pool recovers by itself.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "plugboard.postgres.analytics-db.health.interval=200ms",
				"plugboard.postgres.analytics-db.startup.retry-interval=200ms",
				"plugboard.postgres.analytics-db.hikari.connection-timeout=1000" })
class AnalyticsOutageTests {

	private static final PrivatePostgres postgres = PrivatePostgres.start("An4lytics-Pw");

	@LocalServerPort
	int port;

	@Autowired
	Plugboard plugboard;

	@DynamicPropertySource
	static void analytics(DynamicPropertyRegistry registry) {
		registry.add("plugboard.postgres.analytics-db.url", () -> postgres.url("postgres"));
	}

	@AfterAll
	static void stop() {
		postgres.close();
	}

	@Test
	void errorsOnlyInsideTheOutageWindowAndThePoolRecovers() throws Exception {
		PlugInstance analytics = this.plugboard.find("postgres", "analytics-db").orElseThrow();
		long crashed;
		long restarted;
		long recovered;
		List<Load.Outcome> outcomes;
		try (Load load = new Load("http://127.0.0.1:" + this.port + "/audit", Duration.ofMillis(20), 5_000)) {
			// wait for calls in each phase rather than for fixed times: a busy machine answers slower
			await().atMost(Duration.ofSeconds(10)).until(() -> load.outcomes().size() >= 20);
			crashed = System.nanoTime();
			postgres.crash();
			await().atMost(Duration.ofSeconds(10)).until(() -> analytics.state() == InstanceState.DEGRADED);
			long degraded = System.nanoTime();
			await().atMost(Duration.ofSeconds(10)).until(() -> load.sentSince(degraded) >= 3);
			restarted = System.nanoTime();
			postgres.startServer();
			await().atMost(Duration.ofSeconds(20)).until(() -> analytics.state() == InstanceState.RUNNING);
			recovered = System.nanoTime();
			await().atMost(Duration.ofSeconds(10)).until(() -> load.sentSince(recovered) >= 20);
			load.close();
			outcomes = load.outcomes();
		}
		List<Load.Outcome> errors = outcomes.stream().filter((outcome) -> outcome.status() != 200).toList();
		// the outage was felt: calls made while the database was down failed (fast, as a 503)
		assertThat(errors).as("calls that failed during the outage").isNotEmpty();
		assertThat(outcomes.stream().filter((outcome) -> outcome.atNanos() < crashed))
			.allSatisfy((outcome) -> assertThat(outcome.status()).isEqualTo(200));
		// a call inside the outage may wait for a connection and answer just after recovery
		assertThat(errors).allSatisfy((error) -> {
			assertThat(error.atNanos()).isGreaterThanOrEqualTo(crashed);
			assertThat(error.startedNanos()).isLessThanOrEqualTo(recovered);
		});
		assertThat(outcomes.stream().filter((outcome) -> outcome.startedNanos() > recovered).toList()).isNotEmpty()
			.allSatisfy((outcome) -> assertThat(outcome.status()).isEqualTo(200));
		System.out.println("Analytics outage under load: " + errors.size() + " errors, all inside the outage of "
				+ (recovered - crashed) / 1_000_000 + " ms (RUNNING again " + (recovered - restarted) / 1_000_000
				+ " ms after the restart began); " + outcomes.size() + " calls");
	}

}
