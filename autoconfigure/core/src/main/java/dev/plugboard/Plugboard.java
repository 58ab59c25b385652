package dev.plugboard;

import java.util.List;
import java.util.Optional;

/**
 * The registry of every named instance in the application, across all integration types.
 *
 * @author Plugboard
 */
public interface Plugboard {

	/**
	 * All instances, grouped by type in registration order.
	 * @return the instances
	 */
	List<PlugInstance> instances();

	/**
	 * The instances of one type.
	 * @param type the type, for example {@code redis}
	 * @return the instances of that type
	 */
	default List<PlugInstance> instances(String type) {
		return instances().stream().filter((instance) -> instance.type().equals(type)).toList();
	}

	/**
	 * Find one instance.
	 * @param type the type, for example {@code redis}
	 * @param name the instance name
	 * @return the instance, if it exists
	 */
	default Optional<PlugInstance> find(String type, String name) {
		return instances(type).stream().filter((instance) -> instance.name().equals(name)).findFirst();
	}

}
