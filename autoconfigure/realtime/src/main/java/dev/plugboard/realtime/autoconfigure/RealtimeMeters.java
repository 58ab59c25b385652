package dev.plugboard.realtime.autoconfigure;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;

/**
 * A node's meters, tagged {@code instance=<name>}: {@code plugboard.realtime.connections} and
 * {@code plugboard.realtime.subscriptions} (gauges of this application node),
 * {@code plugboard.realtime.publications} ({@code direction=in}: published by clients here;
 * {@code out}: written to clients here) and {@code plugboard.realtime.recoveries}
 * ({@code result=recovered|failed}).
 *
 * @author Plugboard
 */
class RealtimeMeters {

	static final RealtimeMeters NONE = new RealtimeMeters();

	void bind(Engine engine) {
	}

	void publicationIn() {
	}

	void publicationsOut(int count) {
	}

	void recovery(boolean recovered) {
	}

	static RealtimeMeters of(@Nullable Object registry, String instance) {
		return (registry != null) ? new Micrometer((MeterRegistry) registry, instance) : NONE;
	}

	private static final class Micrometer extends RealtimeMeters {

		private final MeterRegistry registry;

		private final Tags tags;

		private final Counter in;

		private final Counter out;

		private final Counter recovered;

		private final Counter failed;

		Micrometer(MeterRegistry registry, String instance) {
			this.registry = registry;
			this.tags = Tags.of("instance", instance);
			this.in = Counter.builder("plugboard.realtime.publications")
				.description("Publications made by clients of this node")
				.tags(this.tags)
				.tag("direction", "in")
				.register(registry);
			this.out = Counter.builder("plugboard.realtime.publications")
				.description("Publications written to clients of this node")
				.tags(this.tags)
				.tag("direction", "out")
				.register(registry);
			this.recovered = Counter.builder("plugboard.realtime.recoveries")
				.description("Resubscriptions that recovered every missed publication, or could not")
				.tags(this.tags)
				.tag("result", "recovered")
				.register(registry);
			this.failed = Counter.builder("plugboard.realtime.recoveries")
				.description("Resubscriptions that recovered every missed publication, or could not")
				.tags(this.tags)
				.tag("result", "failed")
				.register(registry);
		}

		@Override
		void bind(Engine engine) {
			Gauge.builder("plugboard.realtime.connections", engine, Engine::connections)
				.description("Clients connected to this application node")
				.tags(this.tags)
				.register(this.registry);
			Gauge.builder("plugboard.realtime.subscriptions", engine, Engine::subscriptions)
				.description("Channel subscriptions of this application node's clients")
				.tags(this.tags)
				.register(this.registry);
		}

		@Override
		void publicationIn() {
			this.in.increment();
		}

		@Override
		void publicationsOut(int count) {
			this.out.increment(count);
		}

		@Override
		void recovery(boolean success) {
			(success ? this.recovered : this.failed).increment();
		}

	}

}
