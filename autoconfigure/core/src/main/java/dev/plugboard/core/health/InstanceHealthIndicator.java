package dev.plugboard.core.health;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.plugboard.InstanceState;
import dev.plugboard.core.CheckResult;
import dev.plugboard.core.ManagedInstance;
import dev.plugboard.core.spi.InstanceType;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of one instance: a real round trip bounded by its {@code health.timeout}. A critical
 * instance that does not answer is {@code DOWN}; a non-critical one is {@code DEGRADED}, a status
 * that leaves the overall health {@code UP}.
 *
 * @author Plugboard
 */
public final class InstanceHealthIndicator implements HealthIndicator {

	/** Status of a non-critical instance that does not answer. */
	public static final Status DEGRADED = new Status("DEGRADED", "A non-critical instance, or part of an instance, does not serve");

	private final ManagedInstance instance;

	/**
	 * Create an indicator.
	 * @param instance the instance
	 */
	public InstanceHealthIndicator(ManagedInstance instance) {
		this.instance = instance;
	}

	@Override
	public Health health() {
		InstanceState state = this.instance.state();
		return switch (state) {
			case CREATED, STARTING -> describe(Health.unknown()).build();
			case STOPPING, STOPPED -> describe(Health.outOfService()).build();
			case FAILED -> describe(Health.down()).withDetail("error", String.valueOf(this.instance.lastError()))
				.build();
			case RUNNING, DEGRADED -> check();
		};
	}

	private Health check() {
		CheckResult result = this.instance.checkForHealth();
		this.instance.observe(result);
		if (result.up()) {
			Map<String, Object> details = new LinkedHashMap<>(result.details());
			details.put("latencyMs", result.latency().toNanos() / 1_000_000.0);
			boolean partly = details.get(InstanceType.DEGRADED_DETAIL) != null;
			return describe(partly ? Health.status(DEGRADED) : Health.up()).withDetails(details).build();
		}
		Health.Builder builder = this.instance.critical() ? Health.down() : Health.status(DEGRADED);
		String error = (result.error() != null) ? this.instance.secrets().describe(result.error()) : "did not answer";
		return describe(builder).withDetail("error", error).build();
	}

	private Health.Builder describe(Health.Builder builder) {
		builder.withDetail("endpoint", this.instance.endpoint())
			.withDetail("state", this.instance.state().name())
			.withDetail("critical", this.instance.critical())
			.withDetail("primary", this.instance.primary());
		Map<String, Object> discovery = this.instance.discoveryDetails();
		if (discovery != null) {
			builder.withDetail("discovery", discovery);
		}
		return builder;
	}

}
