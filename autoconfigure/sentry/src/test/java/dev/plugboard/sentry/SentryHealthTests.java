package dev.plugboard.sentry;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.sentry.autoconfigure.SentryAutoConfiguration;
import dev.plugboard.sentry.testing.SentryIngestStandIn;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health from real sends to a stand-in of Sentry's ingest API: UP while sends succeed,
 * DEGRADED with the reason while they fail, DEGRADED and rate-limited until a time after a 429
 * with {@code Retry-After}; never a password or key in the details.
 */
class SentryHealthTests {

	private static final Status DEGRADED = new Status("DEGRADED");

	private final SentryIngestStandIn ingest = SentryIngestStandIn.start();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, SentryAutoConfiguration.class))
		.withPropertyValues("plugboard.sentry.errors.url=" + this.ingest.dsn("42"),
				"plugboard.sentry.errors.shutdown.timeout=1s");

	@AfterEach
	void stopIngest() {
		this.ingest.close();
	}

	@Test
	void upWhileSendsSucceed() {
		this.contextRunner.run((context) -> {
			context.getBean(SentryInstance.class).captureMessage("hello");
			await().atMost(Duration.ofSeconds(10)).until(() -> this.ingest.events("42").size() == 1);
			await().atMost(Duration.ofSeconds(5)).until(() -> "1".equals(String.valueOf(health(context).getDetails().get("sent"))));
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsKey("lastSuccess").containsEntry("queued", 0)
				.containsEntry("endpoint", "127.0.0.1:" + this.ingest.port() + "/42");
			assertThat(health.getDetails().toString()).doesNotContain(SentryIngestStandIn.KEY);
		});
	}

	@Test
	void aRateLimitWithRetryAfterShowsAsDegradedUntilThen() {
		this.ingest.rateLimit(120);
		this.contextRunner.run((context) -> {
			Instant before = Instant.now();
			context.getBean(SentryInstance.class).captureException(new IllegalStateException("limited"));
			await().atMost(Duration.ofSeconds(10)).until(() -> health(context).getDetails().containsKey("rateLimitedUntil"));
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(DEGRADED);
			Instant until = Instant.parse((String) health.getDetails().get("rateLimitedUntil"));
			assertThat(until).isBetween(before.plusSeconds(119), Instant.now().plusSeconds(121));
			assertThat((String) health.getDetails().get("degraded")).startsWith("rate-limited by Sentry until");
			assertThat(health.getDetails().get("lastError")).isEqualTo("the ingest API answered HTTP 429");
			// while limited, the SDK's rate limiter drops errors instead of sending them
			context.getBean(SentryInstance.class).captureException(new IllegalStateException("dropped"));
			context.getBean(SentryInstance.class).flush(Duration.ofSeconds(2));
			assertThat(this.ingest.received()).hasSize(1);
		});
	}

	@Test
	void failingSendsShowAsDegradedAndRecover() {
		this.ingest.fail();
		this.contextRunner.run((context) -> {
			SentryInstance sentry = context.getBean(SentryInstance.class);
			sentry.captureMessage("fails");
			await().atMost(Duration.ofSeconds(10)).until(() -> health(context).getStatus().equals(DEGRADED));
			assertThat(health(context).getDetails()).containsEntry("degraded",
					"sends to Sentry fail: the ingest API answered HTTP 500");
			this.ingest.answer();
			sentry.captureMessage("works again");
			await().atMost(Duration.ofSeconds(10)).until(() -> health(context).getStatus().equals(Status.UP));
			assertThat(this.ingest.received()).hasSize(2);
		});
	}

	@Test
	void theSendsAreMetersTaggedWithTheInstance() {
		this.ingest.fail();
		this.contextRunner.withPropertyValues("plugboard.sentry.errors.max-queue-size=1").run((context) -> {
			io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
			context.getBean("errorsSentryMetrics", io.micrometer.core.instrument.binder.MeterBinder.class).bindTo(registry);
			SentryInstance sentry = context.getBean(SentryInstance.class);
			sentry.captureMessage("one");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> registry.get("plugboard.sentry.events").tags("name", "errors", "outcome", "failed").functionCounter().count() == 1);
			this.ingest.answer();
			sentry.captureMessage("two");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> registry.get("plugboard.sentry.events").tags("name", "errors", "outcome", "sent").functionCounter().count() == 1);
			assertThat(registry.get("plugboard.sentry.queued").tags("name", "errors").gauge().value()).isZero();
		});
	}

	private static Health health(ApplicationContext context) {
		return ((HealthIndicator) context.getBean("sentryHealthContributor", CompositeHealthContributor.class)
			.getContributor("errors")).health();
	}

}
