package dev.plugboard.core.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

import dev.plugboard.core.ManagedInstance;
import dev.plugboard.core.PlugboardRegistry;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/plugboard}: every instance with its state, flags, sanitized endpoint, bean
 * names and last error, and the installed Plugboard modules with their versions.
 *
 * @author Plugboard
 */
@Endpoint(id = "plugboard")
public class PlugboardEndpoint {

	/** Each Plugboard module ships this resource with its name and version. */
	public static final String MODULE_RESOURCE = "META-INF/plugboard-module.properties";

	private final PlugboardRegistry registry;

	private final List<ModuleDescriptor> modules;

	/**
	 * Create the endpoint.
	 * @param registry the registry
	 * @param classLoader the class loader to find installed modules with
	 */
	public PlugboardEndpoint(PlugboardRegistry registry, @Nullable ClassLoader classLoader) {
		this.registry = registry;
		this.modules = findModules(classLoader);
	}

	@ReadOperation
	public PlugboardDescriptor plugboard() {
		List<InstanceDescriptor> instances = this.registry.managedInstances()
			.stream()
			.map(PlugboardEndpoint::describe)
			.toList();
		return new PlugboardDescriptor(instances, this.modules);
	}

	private static InstanceDescriptor describe(ManagedInstance instance) {
		Long startupMs = (instance.startupDuration() != null) ? instance.startupDuration().toMillis() : null;
		Map<String, Object> details = new LinkedHashMap<>();
		instance.lastDetails().forEach((key, value) -> details.put(key, mask(instance, value)));
		Map<String, Object> attributes = new LinkedHashMap<>();
		instance.attributes().forEach((key, value) -> attributes.put(key, mask(instance, value)));
		return new InstanceDescriptor(instance.type(), instance.name(), instance.state().name(), instance.critical(),
				instance.primary(), instance.endpoint(), instance.beanNames(), instance.since(),
				instance.lastError(), startupMs, details, attributes);
	}

	private static Object mask(ManagedInstance instance, Object value) {
		return (value instanceof String text) ? instance.secrets().mask(text) : value;
	}

	private static List<ModuleDescriptor> findModules(@Nullable ClassLoader classLoader) {
		List<ModuleDescriptor> modules = new ArrayList<>();
		ClassLoader loader = (classLoader != null) ? classLoader : PlugboardEndpoint.class.getClassLoader();
		try {
			Enumeration<URL> resources = loader.getResources(MODULE_RESOURCE);
			while (resources.hasMoreElements()) {
				Properties properties = new Properties();
				try (InputStream input = resources.nextElement().openStream()) {
					properties.load(input);
				}
				modules.add(new ModuleDescriptor(properties.getProperty("name", "unknown"),
						properties.getProperty("version", "unknown")));
			}
		}
		catch (IOException ex) {
			// An unreadable descriptor leaves the module out of the list
		}
		modules.sort((a, b) -> a.name().compareTo(b.name()));
		return List.copyOf(modules);
	}

	/**
	 * The endpoint's response.
	 *
	 * @param instances the instances
	 * @param modules the installed Plugboard modules
	 */
	public record PlugboardDescriptor(List<InstanceDescriptor> instances,
			List<ModuleDescriptor> modules) implements OperationResponseBody {
	}

	/**
	 * One instance.
	 *
	 * @param type the type
	 * @param name the name
	 * @param state the state
	 * @param critical whether it is critical
	 * @param primary whether it is primary
	 * @param endpoint where it points, without credentials
	 * @param beans its bean names by role
	 * @param since when it entered its state
	 * @param lastError the last error, masked
	 * @param startupMs how long it took to answer at startup
	 * @param details details of its last successful check
	 * @param attributes further facts, such as the dev service that serves it
	 */
	public record InstanceDescriptor(String type, String name, String state, boolean critical, boolean primary,
			String endpoint, Map<String, String> beans, Instant since, @Nullable String lastError,
			@Nullable Long startupMs, Map<String, Object> details, Map<String, Object> attributes) {
	}

	/**
	 * One installed module.
	 *
	 * @param name the artifact name
	 * @param version the version
	 */
	public record ModuleDescriptor(String name, String version) {
	}

}
