package dev.plugboard.core.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.plugboard.InstanceState;
import dev.plugboard.InstanceStateChangedEvent;
import dev.plugboard.PlugInstance;
import dev.plugboard.Plugboard;

import org.springframework.context.ApplicationListener;

/**
 * {@code plugboard.instance.state{type,name}}: the ordinal of the instance's
 * {@link InstanceState} (0 CREATED, 1 STARTING, 2 RUNNING, 3 DEGRADED, 4 FAILED, 5 STOPPING,
 * 6 STOPPED); and {@code plugboard.instance.startup{type,name}}: how long the instance took to
 * answer when it first became RUNNING (at startup, or on recovering from DEGRADED).
 *
 * @author Plugboard
 */
public final class PlugboardMetrics implements MeterBinder, ApplicationListener<InstanceStateChangedEvent> {

	/** Name of the state gauge. */
	public static final String STATE = "plugboard.instance.state";

	/** Name of the startup timer. */
	public static final String STARTUP = "plugboard.instance.startup";

	private final Plugboard plugboard;

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	private final Set<PlugInstance> started = ConcurrentHashMap.newKeySet();

	/**
	 * Create the binder.
	 * @param plugboard the registry of instances
	 */
	public PlugboardMetrics(Plugboard plugboard) {
		this.plugboard = plugboard;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registries.add(registry);
		for (PlugInstance instance : this.plugboard.instances()) {
			Gauge.builder(STATE, instance, (i) -> i.state().ordinal())
				.tag("type", instance.type())
				.tag("name", instance.name())
				.description("State of the instance: 0 CREATED, 1 STARTING, 2 RUNNING, 3 DEGRADED, 4 FAILED, "
						+ "5 STOPPING, 6 STOPPED")
				.register(registry);
			if (instance.state() == InstanceState.RUNNING && instance.startupDuration() != null) {
				this.started.add(instance);
				recordStartup(registry, instance, instance.startupDuration());
			}
		}
	}

	@Override
	public void onApplicationEvent(InstanceStateChangedEvent event) {
		PlugInstance instance = event.getInstance();
		Duration startup = instance.startupDuration();
		// The first RUNNING counts, whether it came at startup or after starting DEGRADED.
		boolean firstStart = event.getTo() == InstanceState.RUNNING
				&& this.started.add(instance);
		if (firstStart && startup != null) {
			this.registries.forEach((registry) -> recordStartup(registry, instance, startup));
		}
	}

	private static void recordStartup(MeterRegistry registry, PlugInstance instance, Duration startup) {
		Timer.builder(STARTUP)
			.tag("type", instance.type())
			.tag("name", instance.name())
			.description("Time the instance took to answer at startup")
			.register(registry)
			.record(startup);
	}

}
