package dev.plugboard.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.InstanceBinder;
import dev.plugboard.core.spi.InstanceDefinition.Names;
import dev.plugboard.core.spi.InstanceType;
import dev.plugboard.core.spi.PlugboardException;
import dev.plugboard.core.spi.SettingsTree;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Maps environment variables onto declared instances:
 * {@code <PREFIX>_<INSTANCE>_<SETTING>} when {@code plugboard.env-prefix} is set, and
 * {@code PLUGBOARD_<TYPE>_<INSTANCE>_<SETTING>} for instance names with dashes, which Spring's
 * relaxed binding cannot express. Instance names match upper-cased with {@code -} as
 * {@code _}; settings match the instance's settings tree, nested ones included
 * ({@code HIKARI_MAXIMUM_POOL_SIZE} → {@code hikari.maximum-pool-size}). A variable that can mean
 * two settings is a startup error naming both.
 *
 * @author Plugboard
 */
public class PlugboardEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		ClassLoader classLoader = (application.getClassLoader() != null) ? application.getClassLoader()
				: getClass().getClassLoader();
		@SuppressWarnings("rawtypes")
		List<InstanceType> types = SpringFactoriesLoader.loadFactories(InstanceType.class, classLoader);
		MutablePropertySources sources = environment.getPropertySources();
		PropertySource<?> systemEnvironment = sources.get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		if (types.isEmpty() || !(systemEnvironment instanceof EnumerablePropertySource<?> variables)) {
			return;
		}
		InstanceBinder binder = new InstanceBinder(environment);
		List<TypeInstances> declared = new ArrayList<>();
		for (InstanceType<?> type : types) {
			SettingsTree tree = SettingsTree.of(type.settingsClass());
			declared.add(new TypeInstances(type.name(), tree, List.copyOf(binder.declaredInstances(type.name(), tree, true))));
		}
		Map<String, Object> mapped = map(variables, binder.environmentPrefix(), declared);
		if (!mapped.isEmpty()) {
			sources.remove(InstanceBinder.MAPPED_VARIABLES_SOURCE);
			sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new MapPropertySource(InstanceBinder.MAPPED_VARIABLES_SOURCE, mapped));
		}
	}

	/**
	 * Map environment variables to instance properties.
	 * @param variables the environment variables
	 * @param prefix the {@code plugboard.env-prefix}, upper-cased, or {@code null}
	 * @param declared the declared instances of each type
	 * @return property values by property name
	 * @throws PlugboardException if a variable is ambiguous
	 */
	static Map<String, Object> map(EnumerablePropertySource<?> variables, @Nullable String prefix,
			List<TypeInstances> declared) {
		Map<String, Object> mapped = new LinkedHashMap<>();
		for (String variable : variables.getPropertyNames()) {
			List<String> candidates = new ArrayList<>();
			String upper = variable.toUpperCase(java.util.Locale.ROOT);
			for (TypeInstances type : declared) {
				if (prefix != null && upper.startsWith(prefix + "_")) {
					candidates.addAll(type.match(upper.substring(prefix.length() + 1), false));
				}
				String typePrefix = "PLUGBOARD_" + Names.environmentForm(type.type()) + "_";
				if (upper.startsWith(typePrefix)) {
					candidates.addAll(type.match(upper.substring(typePrefix.length()), true));
				}
			}
			List<String> distinct = candidates.stream().distinct().toList();
			if (distinct.size() > 1) {
				throw new PlugboardException(
						"The environment variable " + variable + " is ambiguous: it can set '" + distinct.get(0)
								+ "' or '" + distinct.get(1) + "'.",
						"Rename one of the instances so that their environment forms differ, or set the property in "
								+ "application.yml instead of the environment variable.");
			}
			if (distinct.size() == 1) {
				mapped.put(distinct.get(0), variables.getProperty(variable));
			}
		}
		return mapped;
	}

	/**
	 * The declared instances of one type and the shape of their settings.
	 *
	 * @param type the type name
	 * @param tree the settings tree
	 * @param instances the declared instance names
	 */
	record TypeInstances(String type, SettingsTree tree, List<String> instances) {

		List<String> match(String rest, boolean dashedOnly) {
			List<String> matches = new ArrayList<>();
			for (String instance : this.instances) {
				if (dashedOnly && !instance.contains("-")) {
					continue;
				}
				String head = Names.environmentForm(instance) + "_";
				if (rest.startsWith(head) && rest.length() > head.length()) {
					List<String> words = List.of(rest.substring(head.length()).split("_"));
					for (String setting : this.tree.resolve(words)) {
						matches.add("plugboard." + this.type + "." + instance + "." + setting);
					}
				}
			}
			return matches;
		}

	}

}
