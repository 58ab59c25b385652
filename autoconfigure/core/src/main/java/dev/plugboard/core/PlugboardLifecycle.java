package dev.plugboard.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.plugboard.InstanceState;
import dev.plugboard.InstanceStateChangedEvent;
import dev.plugboard.PlugboardLifecycleListener;
import dev.plugboard.core.spi.PlugboardPhases;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Starts every instance concurrently in the {@link PlugboardPhases#STORES} phase, fails the
 * application if a critical one never answers, and stops them last. While a critical instance
 * is degraded after startup, the application's readiness state refuses traffic.
 *
 * @author Plugboard
 */
public final class PlugboardLifecycle implements SmartLifecycle, ManagedInstance.Runtime {

	private static final Log logger = LogFactory.getLog(PlugboardLifecycle.class);

	private final ObjectProvider<InstanceGroup> groups;

	private final ObjectProvider<PlugboardLifecycleListener> listenerBeans;

	private final PlugboardRuntime runtime;

	private final ApplicationEventPublisher publisher;

	private volatile @Nullable PlugboardLifecycleListeners listeners;

	private volatile List<ManagedInstance> instances = List.of();

	private volatile boolean running;

	private volatile boolean started;

	private volatile boolean refusingTraffic;

	/**
	 * Create the lifecycle.
	 * @param groups the instance groups of every type
	 * @param listenerBeans the application's listeners
	 * @param runtime the Plugboard threads
	 * @param publisher the event publisher
	 */
	public PlugboardLifecycle(ObjectProvider<InstanceGroup> groups,
			ObjectProvider<PlugboardLifecycleListener> listenerBeans, PlugboardRuntime runtime,
			ApplicationEventPublisher publisher) {
		this.groups = groups;
		this.listenerBeans = listenerBeans;
		this.runtime = runtime;
		this.publisher = publisher;
	}

	@Override
	public void start() {
		if (this.running) {
			return;
		}
		this.listeners = new PlugboardLifecycleListeners(this.listenerBeans.orderedStream().toList(),
				this.runtime::execute);
		List<ManagedInstance> all = new ArrayList<>();
		this.groups.orderedStream().forEach((group) -> all.addAll(group.instances()));
		this.instances = List.copyOf(all);
		this.running = true;
		if (all.isEmpty()) {
			return;
		}
		all.forEach((instance) -> instance.attach(this));
		List<CompletableFuture<Boolean>> startups = all.stream()
			.map((instance) -> this.runtime.supply(instance::startup))
			.toList();
		CompletableFuture.allOf(startups.toArray(CompletableFuture[]::new)).join();
		List<ManagedInstance> failed = all.stream()
			.filter((instance) -> instance.state() == InstanceState.FAILED)
			.toList();
		if (!failed.isEmpty()) {
			throw new InstanceStartupException(failed);
		}
		this.started = true;
	}

	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.started = false;
		// Consumers have stopped in an earlier phase; stores stop side by side, each bounded
		// by its own shutdown.timeout, so N instances cost about as much as one.
		List<CompletableFuture<Void>> stops = this.instances.stream()
			.map((instance) -> this.runtime.supply(() -> {
				instance.stop();
				return (Void) null;
			}))
			.toList();
		CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PlugboardPhases.STORES;
	}

	/**
	 * Every managed instance, once started.
	 * @return the instances
	 */
	public List<ManagedInstance> instances() {
		return this.instances;
	}

	@Override
	public PlugboardRuntime plugboard() {
		return this.runtime;
	}

	@Override
	public PlugboardLifecycleListeners listeners() {
		PlugboardLifecycleListeners listeners = this.listeners;
		return (listeners != null) ? listeners : new PlugboardLifecycleListeners(List.of(), this.runtime::execute);
	}

	@Override
	public void changed(ManagedInstance instance, InstanceState from, InstanceState to, @Nullable Throwable cause) {
		logger.debug(instance + ": " + from + " -> " + to);
		// every transition with a cause has just recorded it, masked, as the instance's last error
		String error = (cause != null) ? instance.lastError() : null;
		publish(new InstanceStateChangedEvent(instance, from, to, cause, error));
		if (to == InstanceState.RUNNING) {
			listeners().onStart(instance);
		}
		if (this.started && instance.critical()) {
			updateReadiness();
		}
	}

	private synchronized void updateReadiness() {
		boolean criticalDown = this.instances.stream()
			.anyMatch((instance) -> instance.critical() && instance.state() == InstanceState.DEGRADED);
		if (criticalDown && !this.refusingTraffic) {
			this.refusingTraffic = true;
			publish(new AvailabilityChangeEvent<>(this, ReadinessState.REFUSING_TRAFFIC));
		}
		else if (!criticalDown && this.refusingTraffic) {
			this.refusingTraffic = false;
			publish(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
		}
	}

	private void publish(Object event) {
		try {
			this.publisher.publishEvent(event);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not publish " + event + ": " + ex.getMessage());
		}
	}

}
