package dev.plugboard.sentry.autoconfigure;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.plugboard.core.spi.InstanceBeans;

/**
 * The sends of an instance as Micrometer meters, tagged {@code name=<instance>}:
 * {@code plugboard.sentry.events} by {@code outcome} (sent, failed, dropped) and
 * {@code plugboard.sentry.queued}. Spring Boot binds the {@link MeterBinder} bean to its
 * registries; kept apart so that Micrometer is only loaded when present.
 *
 * @author Plugboard
 */
final class SentryMetrics {

	private SentryMetrics() {
	}

	static void register(InstanceBeans<SentrySettings> beans) {
		beans.register("SentryMetrics", MeterBinder.class, (context) -> {
			InstanceSentry sentry = SentryType.sentry(context);
			String name = context.name();
			return (registry) -> bind(registry, name, sentry.transport());
		}).customize((bean) -> bean.setDestroyMethodName(null));
	}

	private static void bind(MeterRegistry registry, String name, InstanceTransport transport) {
		FunctionCounter.builder("plugboard.sentry.events", transport, InstanceTransport::sent)
			.description("Events sent to Sentry, by outcome")
			.tags("name", name, "outcome", "sent")
			.register(registry);
		FunctionCounter.builder("plugboard.sentry.events", transport, InstanceTransport::failed)
			.description("Events sent to Sentry, by outcome")
			.tags("name", name, "outcome", "failed")
			.register(registry);
		FunctionCounter.builder("plugboard.sentry.events", transport, InstanceTransport::dropped)
			.description("Events sent to Sentry, by outcome")
			.tags("name", name, "outcome", "dropped")
			.register(registry);
		Gauge.builder("plugboard.sentry.queued", transport, InstanceTransport::queued)
			.description("Events waiting to be sent to Sentry")
			.tags("name", name)
			.register(registry);
	}

}
