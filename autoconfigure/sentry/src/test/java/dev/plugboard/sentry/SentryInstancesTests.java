package dev.plugboard.sentry;

import java.time.Duration;
import io.sentry.EventProcessor;
import io.sentry.Hint;
import io.sentry.IScopes;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.plugboard.InstanceState;
import dev.plugboard.Plug;
import dev.plugboard.PlugInstance;
import dev.plugboard.Plugboard;
import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.sentry.autoconfigure.SentryAutoConfiguration;
import dev.plugboard.sentry.routed.payments.PaymentsService;
import dev.plugboard.sentry.routed.shop.ShopService;
import dev.plugboard.sentry.testing.SentryIngestStandIn;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Sentry instances, {@code errors} (primary, Sentry's global) and {@code payments}
 * (claiming {@code dev.plugboard.sentry.routed.payments}), running the real SDK against a
 * stand-in of Sentry's ingest API: what arrives, at which project, with which tags,
 * environment and release, routed by package for logged and thrown errors, with per-instance
 * callbacks assigned by {@code @Plug}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SentryInstancesTests {

	private final SentryIngestStandIn ingest = SentryIngestStandIn.start();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, SentryAutoConfiguration.class))
		.withPropertyValues("plugboard.sentry.errors.url=" + this.ingest.dsn("42"),
				"plugboard.sentry.errors.primary=true", "plugboard.sentry.errors.environment=prod",
				"plugboard.sentry.errors.release=shop@1.2.3", "plugboard.sentry.errors.tags.team=core",
				"plugboard.sentry.payments.dsn=" + this.ingest.dsn("77"),
				"plugboard.sentry.payments.environment=prod-eu", "plugboard.sentry.payments.release=payments@9",
				"plugboard.sentry.payments.tags.team=payments",
				"plugboard.sentry.payments.packages=dev.plugboard.sentry.routed.payments");

	@AfterEach
	void stopIngest() {
		this.ingest.close();
	}

	@Test
	void eachInstanceReportsToItsOwnProjectWithItsTagsEnvironmentAndRelease() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			SentryInstance errors = context.getBean("errorsSentryInstance", SentryInstance.class);
			SentryInstance payments = context.getBean("paymentsSentryInstance", SentryInstance.class);
			errors.captureException(new IllegalStateException("primary failure"));
			payments.captureException(new IllegalArgumentException("payments failure"));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.ingest.events("42").size() == 1 && this.ingest.events("77").size() == 1);
			SentryEvent primary = this.ingest.events("42").get(0);
			assertThat(primary.getExceptions()).last().satisfies((exception) -> {
				assertThat(exception.getType()).isEqualTo("IllegalStateException");
				assertThat(exception.getValue()).isEqualTo("primary failure");
			});
			assertThat(primary.getEnvironment()).isEqualTo("prod");
			assertThat(primary.getRelease()).isEqualTo("shop@1.2.3");
			assertThat(primary.getTags()).containsEntry("team", "core");
			SentryEvent other = this.ingest.events("77").get(0);
			assertThat(other.getExceptions()).last().satisfies((exception) -> {
				assertThat(exception.getType()).isEqualTo("IllegalArgumentException");
				assertThat(exception.getValue()).isEqualTo("payments failure");
			});
			assertThat(other.getEnvironment()).isEqualTo("prod-eu");
			assertThat(other.getRelease()).isEqualTo("payments@9");
			assertThat(other.getTags()).containsEntry("team", "payments");
		});
	}

	@Test
	void noPersonalDataAndNoKeyInWhatArrives() {
		this.contextRunner.run((context) -> {
			Sentry.configureScope((scope) -> scope.setUser(null));
			Sentry.captureException(new IllegalStateException("no pii"));
			await().atMost(Duration.ofSeconds(10)).until(() -> this.ingest.events("42").size() == 1);
			SentryEvent event = this.ingest.events("42").get(0);
			// Sentry identifies the installation, never the person: no IP address, name or e-mail
			if (event.getUser() != null) {
				assertThat(event.getUser().getIpAddress()).isNull();
				assertThat(event.getUser().getUsername()).isNull();
				assertThat(event.getUser().getEmail()).isNull();
			}
			assertThat(event.getRequest()).isNull();
			SentryIngestStandIn.Received received = this.ingest.received().get(0);
			// the key authenticates the request (X-Sentry-Auth), and Sentry's protocol repeats it as
			// the trace's public_key in the envelope header, for the same server: nowhere else
			assertThat(received.auth()).contains("sentry_key=" + SentryIngestStandIn.KEY);
			String header = received.body().substring(0, received.body().indexOf('\n'));
			String items = received.body().substring(header.length());
			assertThat(header.replace("\"public_key\":\"" + SentryIngestStandIn.KEY + "\"", ""))
				.doesNotContain(SentryIngestStandIn.KEY);
			assertThat(items).contains("no pii").doesNotContain(SentryIngestStandIn.KEY).doesNotContain("{{auto}}");
		});
	}

	@Test
	void beansAreQualifiedByInstanceAndThePrimaryIsSentrysGlobal() {
		this.contextRunner.withUserConfiguration(InjectedConfiguration.class).run((context) -> {
			assertThat(context).hasBean("errorsSentryClient").hasBean("paymentsSentryClient");
			assertThat(context).hasBean("errorsSentryScopes").hasBean("paymentsSentryScopes");
			IScopes primary = context.getBean(IScopes.class);
			assertThat(primary).isSameAs(context.getBean("errorsSentryScopes"));
			assertThat(primary.getOptions().getDsn()).isEqualTo(this.ingest.dsn("42"));
			assertThat(Sentry.isEnabled()).isTrue();
			IScopes payments = context.getBean("paymentsSentryScopes", IScopes.class);
			assertThat(payments.getOptions().getDsn()).isEqualTo(this.ingest.dsn("77"));
			assertThat(context.getBean(Injected.class).payments).isSameAs(payments);
			PlugInstance instance = context.getBean(Plugboard.class).find("sentry", "payments").orElseThrow();
			assertThat(instance.state()).isEqualTo(InstanceState.RUNNING);
			assertThat(instance.critical()).isFalse();
			assertThat(instance.endpoint()).isEqualTo("127.0.0.1:" + this.ingest.port() + "/77");
			assertThat(context.getBean("paymentsSentryInstance").toString()).doesNotContain(SentryIngestStandIn.KEY);
		});
	}

	@Test
	void loggedErrorsGoToTheInstanceThatClaimsTheLoggersPackage() {
		this.contextRunner.run((context) -> {
			new PaymentsService().logFailure("order-1");
			new ShopService().logFailure("order-2");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.ingest.events("77").size() == 1 && this.ingest.events("42").size() == 1);
			SentryEvent payments = this.ingest.events("77").get(0);
			assertThat(payments.getLogger()).isEqualTo(PaymentsService.class.getName());
			assertThat(payments.getMessage().getFormatted()).isEqualTo("charging order-1 failed");
			assertThat(payments.getEnvironment()).isEqualTo("prod-eu");
			assertThat(payments.getTags()).containsEntry("team", "payments");
			assertThat(payments.getExceptions()).last()
				.satisfies((exception) -> assertThat(exception.getValue()).isEqualTo("no such card"));
			SentryEvent shop = this.ingest.events("42").get(0);
			assertThat(shop.getLogger()).isEqualTo(ShopService.class.getName());
			assertThat(shop.getEnvironment()).isEqualTo("prod");
		});
	}

	@Test
	void thrownErrorsGoToTheInstanceWhoseCodeRaisedThem() {
		this.contextRunner.run((context) -> {
			ShopService shop = new ShopService();
			Sentry.captureException(thrown(() -> shop.checkoutAndPay("order-3")));
			Sentry.captureException(thrown(() -> shop.checkout("order-4")));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.ingest.events("77").size() == 1 && this.ingest.events("42").size() == 1);
			// the root cause was raised in payments code: the wrapping exception goes with it
			assertThat(this.ingest.events("77").get(0).getExceptions()).extracting((exception) -> exception.getValue())
				.contains("card declined for order-3", "checkout of order-3 failed");
			assertThat(this.ingest.events("42").get(0).getExceptions()).last()
				.satisfies((exception) -> assertThat(exception.getValue()).isEqualTo("basket empty for order-4"));
		});
	}

	@Test
	void callbacksAssignedWithPlugApplyToTheirInstanceAndUnassignedOnesToThePrimary() {
		this.contextRunner.withUserConfiguration(Callbacks.class).run((context) -> {
			context.getBean("errorsSentryInstance", SentryInstance.class).captureMessage("to errors");
			context.getBean("paymentsSentryInstance", SentryInstance.class).captureMessage("to payments");
			context.getBean("paymentsSentryInstance", SentryInstance.class).captureMessage("drop me");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.ingest.events("42").size() == 1 && this.ingest.events("77").size() == 1);
			SentryEvent errors = this.ingest.events("42").get(0);
			assertThat(errors.getTags()).containsEntry("before-send", "unassigned")
				.containsEntry("processor", "unassigned")
				.doesNotContainKey("payments-only");
			SentryEvent payments = this.ingest.events("77").get(0);
			assertThat(payments.getMessage().getFormatted()).isEqualTo("to payments");
			assertThat(payments.getTags()).containsEntry("payments-only", "yes")
				.containsEntry("processor", "payments")
				.doesNotContainKey("before-send");
			context.getBean("paymentsSentryInstance", SentryInstance.class).flush(Duration.ofSeconds(5));
			assertThat(this.ingest.events("77")).hasSize(1);
		});
	}

	@Test
	void aCallbackForAnUnknownInstanceFailsStartupListingTheKnownOnes() {
		this.contextRunner.withUserConfiguration(UnknownInstanceCallback.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("@Plug(\"refunds\")")
				.hasMessageContaining("[errors, payments]");
		});
	}

	@Test
	void packagesOnThePrimaryInstanceAreRejected() {
		this.contextRunner.withPropertyValues("plugboard.sentry.errors.packages=dev.plugboard.sentry.routed.shop")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
					.hasMessageContaining("'plugboard.sentry.errors.packages'")
					.hasMessageContaining("PLUGBOARD_SENTRY_ERRORS_PACKAGES")
					.hasMessageContaining("primary");
			});
	}

	@Test
	void packagesWithoutAPrimaryInstanceAreRejected() {
		this.contextRunner.withPropertyValues("plugboard.sentry.errors.primary=false").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("no Sentry instance is primary")
				.hasStackTraceContaining("'plugboard.sentry.payments.packages'");
		});
	}

	@Test
	void aPackageClaimedTwiceIsRejected() {
		this.contextRunner
			.withPropertyValues("plugboard.sentry.refunds.url=" + this.ingest.dsn("78"),
					"plugboard.sentry.refunds.packages=dev.plugboard.sentry.routed.payments")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasStackTraceContaining("'dev.plugboard.sentry.routed.payments' is claimed by the Sentry instances 'payments' and 'refunds'");
			});
	}

	@Test
	void closingTheContextHandsSentryBack(CapturedOutput output) {
		this.contextRunner.run((context) -> assertThat(Sentry.isEnabled()).isTrue());
		assertThat(Sentry.isEnabled()).isFalse();
		assertThat(output).doesNotContain(SentryIngestStandIn.KEY);
	}

	private static Throwable thrown(Runnable code) {
		try {
			code.run();
		}
		catch (RuntimeException ex) {
			return ex;
		}
		throw new AssertionError("nothing thrown");
	}

	static class Injected {

		final IScopes payments;

		Injected(IScopes payments) {
			this.payments = payments;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InjectedConfiguration {

		@Bean
		Injected injected(@Plug("payments") IScopes payments) {
			return new Injected(payments);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Callbacks {

		@Bean
		SentryOptions.BeforeSendCallback unassignedBeforeSend() {
			return (event, hint) -> {
				event.setTag("before-send", "unassigned");
				return event;
			};
		}

		@Bean
		@Plug("payments")
		SentryOptions.BeforeSendCallback paymentsBeforeSend() {
			return (event, hint) -> {
				if (event.getMessage() != null && "drop me".equals(event.getMessage().getFormatted())) {
					return null;
				}
				event.setTag("payments-only", "yes");
				return event;
			};
		}

		@Bean
		EventProcessor unassignedProcessor() {
			return new EventProcessor() {
				@Override
				public SentryEvent process(SentryEvent event, Hint hint) {
					event.setTag("processor", "unassigned");
					return event;
				}
			};
		}

		@Bean
		@Plug("payments")
		EventProcessor paymentsProcessor() {
			return new EventProcessor() {
				@Override
				public SentryEvent process(SentryEvent event, Hint hint) {
					event.setTag("processor", "payments");
					return event;
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnknownInstanceCallback {

		@Bean
		@Plug("refunds")
		SentryOptions.BeforeSendCallback refundsBeforeSend() {
			return (event, hint) -> event;
		}

	}

}
