package dev.plugboard.core.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import dev.plugboard.InstanceState;
import dev.plugboard.core.InstanceGroup;
import dev.plugboard.core.ManagedInstance;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;

/**
 * The health of every instance of one type, one child per instance
 * ({@code /actuator/health/redis/session-cache}).
 * <p>
 * Spring Boot asks the children one after the other. So that a hung server costs one timeout
 * and not one per instance, listing the children first starts the checks of every instance of
 * every type at once; each child then waits for its own check, at most until its
 * {@code health.timeout} after that check started.
 *
 * @author Plugboard
 */
public final class TypeHealthContributor implements CompositeHealthContributor {

	private final InstanceGroup group;

	private final ObjectProvider<InstanceGroup> allGroups;

	private volatile @Nullable Map<String, InstanceHealthIndicator> indicators;

	/**
	 * Create a contributor.
	 * @param group the instances of the type
	 * @param allGroups the instances of every type, to check them concurrently
	 */
	public TypeHealthContributor(InstanceGroup group, ObjectProvider<InstanceGroup> allGroups) {
		this.group = group;
		this.allGroups = allGroups;
	}

	private Map<String, InstanceHealthIndicator> indicators() {
		Map<String, InstanceHealthIndicator> indicators = this.indicators;
		if (indicators == null) {
			Map<String, InstanceHealthIndicator> created = new LinkedHashMap<>();
			for (ManagedInstance instance : this.group.instances()) {
				if (instance.definition().common().getHealth().isEnabled()) {
					created.put(instance.name(), new InstanceHealthIndicator(instance));
				}
			}
			indicators = created;
			this.indicators = indicators;
		}
		return indicators;
	}

	@Override
	public @Nullable HealthContributor getContributor(String name) {
		return indicators().get(name);
	}

	@Override
	public Stream<Entry> stream() {
		startAllChecks();
		return indicators().entrySet().stream().map((entry) -> new Entry(entry.getKey(), entry.getValue()));
	}

	private void startAllChecks() {
		this.allGroups.orderedStream()
			.flatMap((group) -> group.instances().stream())
			.filter((instance) -> instance.definition().common().getHealth().isEnabled())
			.filter((instance) -> instance.state() == InstanceState.RUNNING
					|| instance.state() == InstanceState.DEGRADED)
			.forEach(ManagedInstance::prefetch);
	}

}
