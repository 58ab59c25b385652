package dev.plugboard.samples.service;

import java.time.Duration;

import io.sentry.SentryEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import dev.plugboard.Plug;
import dev.plugboard.sentry.SentryInstance;
import dev.plugboard.sentry.testing.SentryIngestStandIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service with its {@code errors} instance pointed at a stand-in of Sentry's ingest API
 * (as {@code SERVICE_ERRORS_URL} points it at Sentry): what the service logs at ERROR arrives
 * there, tagged as configured. Every other test runs without a URL, the instance switched off.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ServiceErrorReportingTests {

	private static final SentryIngestStandIn ingest = SentryIngestStandIn.start();

	@Autowired
	@Plug("errors")
	SentryInstance errors;

	@DynamicPropertySource
	static void sentry(DynamicPropertyRegistry registry) {
		registry.add("plugboard.sentry.errors.url", () -> ingest.dsn("1"));
	}

	@AfterAll
	static void stopIngest() {
		ingest.close();
	}

	@Test
	void loggedErrorsArriveAtTheErrorsInstance() {
		LoggerFactory.getLogger(ServiceApplication.class)
			.error("nightly export failed", new IllegalStateException("disk full"));
		await().atMost(Duration.ofSeconds(10)).until(() -> !ingest.events("1").isEmpty());
		SentryEvent event = ingest.events("1").get(0);
		assertThat(event.getMessage().getFormatted()).isEqualTo("nightly export failed");
		assertThat(event.getExceptions()).last().satisfies((exception) -> {
			assertThat(exception.getType()).isEqualTo("IllegalStateException");
			assertThat(exception.getValue()).isEqualTo("disk full");
		});
		assertThat(event.getEnvironment()).isEqualTo("dev");
		assertThat(event.getTags()).containsEntry("service", "service");
		assertThat(this.errors.state().name()).isEqualTo("RUNNING");
	}

}
