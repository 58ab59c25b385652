package dev.plugboard.core;

import java.util.List;

import dev.plugboard.PlugInstance;
import dev.plugboard.Plugboard;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The {@link Plugboard} bean: every instance of every type.
 *
 * @author Plugboard
 */
public final class PlugboardRegistry implements Plugboard {

	private final ObjectProvider<InstanceGroup> groups;

	/**
	 * Create the registry.
	 * @param groups the instance groups of every type
	 */
	public PlugboardRegistry(ObjectProvider<InstanceGroup> groups) {
		this.groups = groups;
	}

	@Override
	public List<PlugInstance> instances() {
		return this.groups.orderedStream().flatMap((group) -> group.instances().stream()).map(PlugInstance.class::cast)
			.toList();
	}

	/**
	 * Every managed instance.
	 * @return the instances
	 */
	public List<ManagedInstance> managedInstances() {
		return this.groups.orderedStream().flatMap((group) -> group.instances().stream()).toList();
	}

}
