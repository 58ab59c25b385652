package dev.plugboard.core;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.plugboard.core.spi.InstanceBinder;
import dev.plugboard.core.spi.InstanceDefinition.Names;
import dev.plugboard.core.spi.InstanceType;
import dev.plugboard.core.spi.Suggestions;
import dev.plugboard.core.spi.UnknownSettingException;
import dev.plugboard.core.spi.UnknownSettings;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.StreamUtils;

/**
 * Finds properties under {@code plugboard.} whose second part is neither an installed type
 * ({@code plugboard.postgress.x.url}) nor a setting of a Plugboard module ({@code env-prefix},
 * {@code devservices}…), before any instance is registered: such an instance would otherwise be
 * silently absent. Fails startup naming the nearest installed type, or warns with
 * {@code plugboard.unknown-settings=warn}. The modules' own names come from their configuration
 * metadata, read only when a candidate turns up.
 *
 * @author Plugboard
 */
class UnknownTypes implements ImportBeanDefinitionRegistrar {

	private static final Log logger = LogFactory.getLog(UnknownTypes.class);

	private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("plugboard");

	private static final Pattern METADATA_NAME = Pattern.compile("\"name\"\\s*:\\s*\"plugboard\\.([a-z0-9-]+)");

	private final Environment environment;

	UnknownTypes(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		if (!(this.environment instanceof ConfigurableEnvironment configurable)) {
			return;
		}
		ClassLoader classLoader = getClass().getClassLoader();
		Set<String> types = new TreeSet<>();
		for (InstanceType<?> type : SpringFactoriesLoader.loadFactories(InstanceType.class, classLoader)) {
			types.add(type.name());
		}
		Map<String, String> unknown = candidates(configurable, types);
		if (unknown.isEmpty()) {
			return;
		}
		Set<String> settings = moduleSettings(classLoader);
		unknown.keySet().removeIf((property) -> settings.contains(secondPart(property)));
		if (unknown.isEmpty()) {
			return;
		}
		List<UnknownSettingException> failures = new ArrayList<>();
		unknown.forEach((property, variable) -> failures.add(failure(property, variable, types)));
		if (new InstanceBinder(this.environment, false).unknownSettings() == UnknownSettings.FAIL) {
			throw failures.get(0);
		}
		failures.forEach((failure) -> logger.warn(failure.getDescription() + " It is ignored ("
				+ UnknownSettings.PROPERTY + "=warn)."));
	}

	/** Properties whose second part is no installed type, each with its environment variable. */
	private static Map<String, String> candidates(ConfigurableEnvironment environment, Set<String> types) {
		Map<String, String> candidates = new LinkedHashMap<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable)) {
				continue;
			}
			boolean variables = isSystemEnvironment(source);
			iterable.stream().filter(ROOT::isAncestorOf).forEach((name) -> {
				if (variables) {
					// PLUGBOARD_ENV_PREFIX arrives as plugboard.env.prefix: the dashes are lost
					String words = name.toString().substring(ROOT.toString().length() + 1);
					if (types.stream().noneMatch((type) -> startsWithWords(words, type))) {
						candidates.putIfAbsent(name.toString(), Names.environmentForm(name.toString()));
					}
				}
				else if (name.getNumberOfElements() > 1 && !types.contains(name.getElement(1, Form.DASHED))) {
					candidates.putIfAbsent(name.toString(), Names.environmentForm(name.toString()));
				}
			});
		}
		return candidates;
	}

	private static boolean startsWithWords(String words, String name) {
		String joined = words.replace('.', '-');
		return joined.equals(name) || joined.startsWith(name + "-")
				|| words.replace(".", "").startsWith(name.replace("-", ""));
	}

	private static boolean isSystemEnvironment(ConfigurationPropertySource source) {
		return source.getUnderlyingSource() instanceof PropertySource<?> propertySource
				&& StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(propertySource.getName());
	}

	private static String secondPart(String property) {
		String rest = property.substring(ROOT.toString().length() + 1);
		int dot = rest.indexOf('.');
		return (dot < 0) ? rest : rest.substring(0, dot);
	}

	/** The second parts that Plugboard's modules describe in their configuration metadata. */
	private static Set<String> moduleSettings(ClassLoader classLoader) {
		Set<String> names = new TreeSet<>();
		try {
			Enumeration<URL> resources = classLoader.getResources("META-INF/spring-configuration-metadata.json");
			for (URL resource : Collections.list(resources)) {
				try (InputStream input = resource.openStream()) {
					Matcher matcher = METADATA_NAME.matcher(StreamUtils.copyToString(input, StandardCharsets.UTF_8));
					while (matcher.find()) {
						names.add(matcher.group(1));
						// plugboard.env-prefix: relaxed environment variables reach it as env.prefix
						names.add(matcher.group(1).replace("-", "."));
					}
				}
			}
		}
		catch (IOException ex) {
			logger.debug("Could not read configuration metadata", ex);
		}
		return names;
	}

	private static UnknownSettingException failure(String property, String variable, Set<String> types) {
		String written = secondPart(property);
		String nearest = Suggestions.nearest(written, types).orElse(null);
		String problem = "'" + written + "' is not a Plugboard type installed here"
				+ ((nearest != null) ? "; did you mean '" + nearest + "'?" : ".");
		String installed = types.isEmpty() ? "none" : String.join(", ", types);
		String action = "The installed types are: " + installed + " (the modules /actuator/plugboard lists). "
				+ ((nearest != null) ? "Rename it to '" + property.replaceFirst("^plugboard\\." + Pattern.quote(written),
						"plugboard." + nearest) + "', or add" : "Fix the type, or add")
				+ " the starter that provides '" + written + "'. To let startup go on past unknown settings, set '"
				+ UnknownSettings.PROPERTY + "=warn' (environment variable PLUGBOARD_UNKNOWN_SETTINGS=warn).";
		return new UnknownSettingException(property, variable, problem, action);
	}

}
