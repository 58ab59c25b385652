package dev.plugboard.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.InstanceBinder;
import dev.plugboard.core.spi.InstanceDefinition.Names;
import dev.plugboard.core.spi.InstanceType;
import dev.plugboard.core.spi.PlugboardException;
import dev.plugboard.core.spi.SettingsTree;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
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

	private final Log logger;

	public PlugboardEnvironmentPostProcessor() {
		this.logger = LogFactory.getLog(PlugboardEnvironmentPostProcessor.class);
	}

	/**
	 * Create the post-processor with Spring Boot's deferred log, which is written once logging is
	 * set up.
	 * @param logFactory the log factory
	 */
	public PlugboardEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(PlugboardEnvironmentPostProcessor.class);
	}

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
		Map<String, Object> mapped = map(variables, binder.environmentPrefix(), declared, this.logger::warn);
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
		return map(variables, prefix, declared, (warning) -> {
		});
	}

	/**
	 * Map environment variables to instance properties, telling of each variable that has the
	 * shape of an instance setting but matches no declared instance.
	 * @param variables the environment variables
	 * @param prefix the {@code plugboard.env-prefix}, upper-cased, or {@code null}
	 * @param declared the declared instances of each type
	 * @param warnings receives one warning per unmatched variable
	 * @return property values by property name
	 * @throws PlugboardException if a variable is ambiguous
	 */
	static Map<String, Object> map(EnumerablePropertySource<?> variables, @Nullable String prefix,
			List<TypeInstances> declared, Consumer<String> warnings) {
		Map<String, Object> mapped = new LinkedHashMap<>();
		for (String variable : variables.getPropertyNames()) {
			List<String> candidates = new ArrayList<>();
			String upper = variable.toUpperCase(Locale.ROOT);
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
			else {
				String warning = unmatched(variable, upper, prefix, declared);
				if (warning != null) {
					warnings.accept(warning);
				}
			}
		}
		return mapped;
	}

	/**
	 * Why a variable that mapped to nothing looks like it was meant for an instance, or
	 * {@code null}: {@code <PREFIX>_<INSTANCE>_<SETTING>} or
	 * {@code PLUGBOARD_<TYPE>_<INSTANCE>_<SETTING>} whose setting part is a setting of a type but
	 * whose instance part names no declared instance. A variable alone never declares an
	 * instance in the toolkit form, which names no type; in Spring's form it declares a dash-free
	 * one ({@code PLUGBOARD_REDIS_DATACACHE_HOST}), as relaxed binding does for any property.
	 */
	private static @Nullable String unmatched(String variable, String upper, @Nullable String prefix,
			List<TypeInstances> declared) {
		for (TypeInstances type : declared) {
			String typePrefix = "PLUGBOARD_" + Names.environmentForm(type.type()) + "_";
			if (upper.startsWith(typePrefix)) {
				String rest = upper.substring(typePrefix.length());
				boolean declaredByName = type.instances()
					.stream()
					.anyMatch((instance) -> rest.startsWith(Names.environmentForm(instance) + "_"));
				String instance = declaredByName ? null : type.instancePart(rest);
				return (instance != null) ? warning(variable, type.type(), instance, declared) : null;
			}
		}
		if (prefix == null || !upper.startsWith(prefix + "_")) {
			return null;
		}
		String rest = upper.substring(prefix.length() + 1);
		for (TypeInstances type : declared) {
			String instance = type.instancePart(rest);
			if (instance != null) {
				return warning(variable, "<type>", instance, declared);
			}
		}
		return null;
	}

	private static String warning(String variable, String type, String instance, List<TypeInstances> declared) {
		String instances = declared.stream()
			.flatMap((candidate) -> candidate.instances().stream().map((name) -> candidate.type() + " '" + name + "'"))
			.reduce((a, b) -> a + ", " + b)
			.orElse("none");
		return "The environment variable " + variable + " matches no declared instance: it reads as a setting of an "
				+ "instance '" + instance + "', and the declared instances are: " + instances + ". It is ignored. "
				+ "A variable configures an instance but does not declare one: declare it with 'plugboard." + type
				+ "." + instance + ".enabled=true' in application.yml (or PLUGBOARD_"
				+ Names.environmentForm(type.equals("<type>") ? "TYPE" : type) + "_"
				+ Names.environmentForm(instance) + "_ENABLED=true), or fix the instance part of the variable's name.";
	}

	/**
	 * The declared instances of one type and the shape of their settings.
	 *
	 * @param type the type name
	 * @param tree the settings tree
	 * @param instances the declared instance names
	 */
	record TypeInstances(String type, SettingsTree tree, List<String> instances) {

		/**
		 * The instance part of {@code <INSTANCE>_<SETTING>} when what follows it is a setting of
		 * this type, the longest that leaves a setting ({@code MAIN_DB_URL} → {@code main-db}).
		 * @param rest the variable's name without its prefix
		 * @return the instance name in kebab case, or {@code null}
		 */
		@Nullable String instancePart(String rest) {
			List<String> words = List.of(rest.split("_"));
			for (int split = words.size() - 1; split >= 1; split--) {
				if (!this.tree.resolve(words.subList(split, words.size())).isEmpty()) {
					return String.join("-", words.subList(0, split)).toLowerCase(Locale.ROOT);
				}
			}
			return null;
		}

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
