package dev.plugboard.postgres.autoconfigure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plugboard.core.spi.InstanceBinder;
import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.SettingsTree;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.core.type.filter.TypeFilter;

/**
 * Decides which classes under an instance's packages are the instance's own: a class belongs to
 * the instance that names the most specific package holding it. A primary instance that scans
 * the application's packages by default claims nothing explicitly, so it leaves out every
 * package that another instance names in the same setting ({@code jpa.packages},
 * {@code data-jdbc.packages}). For the modules that map classes to instances by package.
 *
 * @author Plugboard
 */
public final class PackageOwnership {

	/** The instance's packages, trimmed and ending with a dot. */
	private final List<String> own;

	private final boolean implicit;

	/** The packages of the other instances, trimmed and ending with a dot. */
	private final List<String> others;

	private PackageOwnership(List<String> own, boolean implicit, List<String> others) {
		this.own = own;
		this.implicit = implicit;
		this.others = others;
	}

	/**
	 * The ownership of an instance's packages against a packages setting of every other
	 * declared PostgreSQL instance.
	 * @param definition the instance
	 * @param packages the packages the instance scans
	 * @param implicit whether the packages are the application's, not the instance's setting
	 * @param environment the environment the instances are bound from
	 * @param setting the packages setting, for example {@code jpa.packages}
	 * @return the ownership
	 */
	public static PackageOwnership of(InstanceDefinition<PostgresSettings> definition, List<String> packages,
			boolean implicit, Environment environment, String setting) {
		return of(definition, packages, implicit, declaredPackages(definition.type(), environment, setting));
	}

	/**
	 * The ownership of an instance's packages against a packages setting of every other
	 * declared instance.
	 * @param definition the instance
	 * @param packages the packages the instance scans
	 * @param implicit whether the packages are the application's, not the instance's setting
	 * @param declaredPackages the packages setting of every declared instance, by name, as
	 * {@link #declaredPackages} gives them
	 * @return the ownership
	 */
	public static PackageOwnership of(InstanceDefinition<PostgresSettings> definition, List<String> packages, boolean implicit,
			Map<String, List<String>> declaredPackages) {
		List<String> others = new ArrayList<>();
		declaredPackages.forEach((name, names) -> {
			if (!name.equals(definition.name())) {
				others.addAll(names);
			}
		});
		return new PackageOwnership(prefixes(packages), implicit, prefixes(others));
	}

	/**
	 * A packages setting of every declared instance of a type, whether enabled or not, in
	 * declaration order; bound once for all the instances of a registration.
	 * @param type the type name
	 * @param environment the environment the instances are bound from
	 * @param setting the packages setting, for example {@code jpa.packages}
	 * @return the packages by instance name, empty for an instance without the setting
	 */
	public static Map<String, List<String>> declaredPackages(String type, Environment environment, String setting) {
		Binder binder = Binder.get(environment);
		Map<String, List<String>> packages = new LinkedHashMap<>();
		for (String name : new InstanceBinder(environment).declaredInstances(type, SettingsTree.of(PostgresSettings.class),
				true)) {
			packages.put(name, binder
				.bind("plugboard." + type + "." + name + "." + setting, Bindable.listOf(String.class))
				.orElse(List.of()));
		}
		return Collections.unmodifiableMap(packages);
	}

	/**
	 * Whether a class found under the instance's packages is the instance's own.
	 * @param className the fully qualified class name
	 * @return {@code true} unless another instance names a more specific package for it
	 */
	public boolean owns(String className) {
		int other = longestHolding(this.others, className);
		if (this.implicit) {
			return other < 0;
		}
		return longestHolding(this.own, className) >= other;
	}

	/**
	 * A filter for classpath scans that leaves out the classes that are not the instance's own.
	 * @return the filter
	 */
	public TypeFilter excludeFilter() {
		return (reader, readerFactory) -> !owns(reader.getClassMetadata().getClassName());
	}

	private static List<String> prefixes(List<String> packages) {
		return packages.stream().map((name) -> name.trim() + ".").toList();
	}

	private static int longestHolding(List<String> prefixes, String className) {
		int longest = -1;
		for (String prefix : prefixes) {
			if (className.startsWith(prefix) && prefix.length() > longest) {
				longest = prefix.length();
			}
		}
		return longest;
	}

}
