package dev.plugboard.sentry;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.sentry.autoconfigure.SentryAutoConfiguration;
import dev.plugboard.sentry.testing.SentryIngestStandIn;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shutdown against a stand-in of Sentry's ingest API: what is captured right before the
 * context closes arrives (the close flushes it, nothing waits afterwards), and a stalled ingest
 * holds the close no longer than {@code shutdown.timeout}, both instances flushing at once.
 */
class SentryShutdownTests {

	private final SentryIngestStandIn ingest = SentryIngestStandIn.start();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, SentryAutoConfiguration.class))
		.withPropertyValues("plugboard.sentry.errors.url=" + this.ingest.dsn("42"),
				"plugboard.sentry.errors.primary=true", "plugboard.sentry.payments.url=" + this.ingest.dsn("77"));

	@AfterEach
	void stopIngest() {
		this.ingest.close();
	}

	@Test
	void everyEventCapturedRightBeforeCloseArrives() {
		int errors = 60;
		int payments = 25;
		this.contextRunner.withPropertyValues("plugboard.sentry.errors.shutdown.timeout=10s").run((context) -> {
			SentryInstance primary = context.getBean("errorsSentryInstance", SentryInstance.class);
			SentryInstance other = context.getBean("paymentsSentryInstance", SentryInstance.class);
			for (int i = 0; i < errors; i++) {
				primary.captureException(new IllegalStateException("error " + i));
			}
			for (int i = 0; i < payments; i++) {
				other.captureException(new IllegalStateException("payment " + i));
			}
		});
		// no waiting here: closing the context has sent them
		assertThat(this.ingest.events("42")).hasSize(errors);
		assertThat(this.ingest.events("77")).hasSize(payments);
		assertThat(this.ingest.events("42")).extracting((event) -> event.getExceptions().get(0).getValue())
			.doesNotHaveDuplicates();
	}

	@Test
	void aStalledIngestHoldsCloseNoLongerThanTheShutdownTimeout() {
		this.ingest.stall();
		long[] closing = new long[1];
		this.contextRunner
			.withPropertyValues("plugboard.sentry.errors.shutdown.timeout=1s",
					"plugboard.sentry.payments.shutdown.timeout=1s")
			.run((context) -> {
				for (int i = 0; i < 10; i++) {
					context.getBean("errorsSentryInstance", SentryInstance.class)
						.captureException(new IllegalStateException("stalled " + i));
					context.getBean("paymentsSentryInstance", SentryInstance.class)
						.captureException(new IllegalStateException("stalled " + i));
				}
				closing[0] = System.nanoTime();
			});
		Duration close = Duration.ofNanos(System.nanoTime() - closing[0]);
		assertThat(close).isLessThan(Duration.ofMillis(1500));
		// it did try: the flush waited for the stalled sends until the timeout
		assertThat(close).isGreaterThanOrEqualTo(Duration.ofMillis(900));
	}

}
