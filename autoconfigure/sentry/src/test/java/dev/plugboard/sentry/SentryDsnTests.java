package dev.plugboard.sentry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.core.endpoint.PlugboardEndpoint;
import dev.plugboard.core.endpoint.PlugboardEndpointAutoConfiguration;
import dev.plugboard.core.testing.FailureAnalyses;
import dev.plugboard.sentry.autoconfigure.SentryAutoConfiguration;
import dev.plugboard.sentry.autoconfigure.SentrySettings;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DSN is validated at startup (Sentry has no ping) with a failure analysis that names the
 * property, its environment variable, what is wrong and how to fix it; its key is a secret,
 * never in messages, logs, the Plugboard endpoint or {@code toString()}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SentryDsnTests {

	private static final String KEY = "5ecr3tPublicKey77";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, SentryAutoConfiguration.class,
				PlugboardEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=plugboard");

	@Test
	void aDsnWithoutKeyFailsStartupNamingThePropertyAndItsVariable() {
		this.contextRunner.withPropertyValues("plugboard.sentry.errors.url=https://o1.ingest.example/42")
			.run((context) -> {
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'plugboard.sentry.errors.url'")
					.contains("PLUGBOARD_SENTRY_ERRORS_URL")
					.contains("no public key");
				assertThat(analysis.getAction()).contains("Client Keys").contains("https://PUBLIC_KEY@");
			});
	}

	@Test
	void aMalformedDsnNeverShowsItsKey(CapturedOutput output) {
		this.contextRunner.withPropertyValues("plugboard.sentry.payments.dsn=ftp://" + KEY + "@o1.ingest.example/77")
			.run((context) -> {
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'plugboard.sentry.payments.dsn'")
					.contains("PLUGBOARD_SENTRY_PAYMENTS_DSN")
					.contains("scheme must be https://")
					.contains("ftp://******@o1.ingest.example/77")
					.doesNotContain(KEY);
				assertThat(context.getStartupFailure()).hasStackTraceContaining("not a Sentry DSN");
				assertThat(stackTrace(context.getStartupFailure())).doesNotContain(KEY);
			});
		assertThat(output).doesNotContain(KEY);
	}

	@Test
	void anInstanceWithoutDsnSaysHowToSetOne() {
		this.contextRunner.withPropertyValues("plugboard.sentry.errors.environment=prod").run((context) -> {
			FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("'plugboard.sentry.errors.url'").contains("no DSN is set");
			assertThat(analysis.getAction()).contains("plugboard.sentry.errors.enabled=false");
		});
	}

	@Test
	void anEmptyDsnSwitchesTheInstanceOffAsItSwitchesSentryOff() {
		this.contextRunner.withPropertyValues("plugboard.sentry.errors.url=", "plugboard.sentry.errors.environment=prod")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean("errorsSentryClient").doesNotHaveBean(SentryInstance.class);
				assertThat(io.sentry.Sentry.isEnabled()).isFalse();
			});
	}

	@Test
	void urlAndDsnMustAgree() {
		this.contextRunner
			.withPropertyValues("plugboard.sentry.errors.url=https://" + KEY + "@o1.ingest.example/1",
					"plugboard.sentry.errors.dsn=https://" + KEY + "@o1.ingest.example/2")
			.run((context) -> {
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'plugboard.sentry.errors.dsn'").doesNotContain(KEY);
			});
	}

	@Test
	void anOutOfRangeSampleRateIsRejected() {
		this.contextRunner
			.withPropertyValues("plugboard.sentry.errors.url=https://" + KEY + "@o1.ingest.example/1",
					"plugboard.sentry.errors.sample-rate=1.5")
			.run((context) -> {
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'plugboard.sentry.errors.sample-rate'")
					.contains("PLUGBOARD_SENTRY_ERRORS_SAMPLE_RATE")
					.contains("from 0.0 to 1.0");
			});
	}

	@Test
	void anUnknownSettingFailsStartup() {
		this.contextRunner
			.withPropertyValues("plugboard.sentry.errors.url=https://" + KEY + "@o1.ingest.example/1",
					"plugboard.sentry.errors.sample-rates=0.5")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining("sample-rates")
					.hasStackTraceContaining("sample-rate");
			});
	}

	@Test
	void theKeyIsInNoEndpointOutputNorToString(CapturedOutput output) {
		this.contextRunner.withPropertyValues("plugboard.sentry.errors.url=https://" + KEY + "@127.0.0.1:9/42")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				PlugboardEndpoint.PlugboardDescriptor plugboard = context.getBean(PlugboardEndpoint.class).plugboard();
				assertThat(plugboard.toString()).contains("127.0.0.1:9/42").doesNotContain(KEY);
				assertThat(context.getBean(SentryInstance.class).toString()).doesNotContain(KEY);
				SentrySettings settings = new SentrySettings();
				settings.setUrl("https://" + KEY + "@o1.ingest.example/42");
				assertThat(settings.toString()).contains("https://******@o1.ingest.example/42").doesNotContain(KEY);
			});
		assertThat(output).doesNotContain(KEY);
	}

	@Test
	void sentrysOwnPropertiesAreNamedAsIgnoredWithTheirReplacement(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("plugboard.sentry.errors.url=https://" + KEY + "@127.0.0.1:9/42",
					"sentry.environment=staging")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				// Sentry's own default, not the ignored property
				assertThat(context.getBean(SentryInstance.class).options().getEnvironment()).isEqualTo("production");
			});
		assertThat(output).contains("sentry.environment").contains("plugboard.sentry.errors.environment")
			.doesNotContain(KEY);
	}

	private static String stackTrace(Throwable failure) {
		java.io.StringWriter text = new java.io.StringWriter();
		failure.printStackTrace(new java.io.PrintWriter(text));
		return text.toString();
	}

}
