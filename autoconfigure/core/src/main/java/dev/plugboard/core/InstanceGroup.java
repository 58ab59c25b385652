package dev.plugboard.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.plugboard.core.spi.InstanceContext;
import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.InstanceSettings;
import dev.plugboard.core.spi.InstanceType;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * The managed instances of one type; one bean per type, registered by the type's
 * {@link dev.plugboard.core.spi.InstanceRegistrar}.
 *
 * @author Plugboard
 */
public final class InstanceGroup {

	private final InstanceType<?> type;

	private final Map<String, ManagedInstance> instances = new LinkedHashMap<>();

	/**
	 * Create the group.
	 * @param type the type
	 * @param definitions the enabled instances
	 * @param beanNames bean names by role, per instance
	 * @param secrets secret values, per instance
	 * @param beanFactory the bean factory holding the instances' beans
	 */
	public InstanceGroup(InstanceType<?> type, List<? extends InstanceDefinition<?>> definitions,
			Map<String, Map<String, String>> beanNames, Map<String, Set<String>> secrets,
			ListableBeanFactory beanFactory) {
		this.type = type;
		for (InstanceDefinition<?> definition : definitions) {
			String name = definition.name();
			this.instances.put(name,
					new ManagedInstance(type, definition, beanNames.getOrDefault(name, Map.of()),
							new Secrets(secrets.getOrDefault(name, Set.of())),
							(instance) -> new InstanceContext<>(definition, beanFactory, () -> instance)));
		}
	}

	public String type() {
		return this.type.name();
	}

	/**
	 * The instances in declaration order.
	 * @return the instances
	 */
	public List<ManagedInstance> instances() {
		return Collections.unmodifiableList(new ArrayList<>(this.instances.values()));
	}

	/**
	 * One instance.
	 * @param name the name
	 * @return the instance
	 * @throws IllegalArgumentException if there is none of that name
	 */
	public ManagedInstance get(String name) {
		ManagedInstance instance = this.instances.get(name);
		if (instance == null) {
			throw new IllegalArgumentException(
					"No " + type() + " instance named '" + name + "'; known: " + this.instances.keySet());
		}
		return instance;
	}

	/**
	 * The runtime context of one instance.
	 * @param <S> the settings type
	 * @param name the instance name
	 * @return the context
	 */
	@SuppressWarnings("unchecked")
	public <S extends InstanceSettings> InstanceContext<S> context(String name) {
		return (InstanceContext<S>) get(name).context();
	}

}
