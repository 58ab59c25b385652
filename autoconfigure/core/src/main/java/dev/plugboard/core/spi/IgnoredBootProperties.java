package dev.plugboard.core.spi;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Tells, once per key, which of Spring Boot's properties for a type's technology are set but
 * ignored because the type's instances replace Boot's auto-configuration, and which instance
 * setting takes their place.
 *
 * @author Plugboard
 */
final class IgnoredBootProperties {

	private static final Log logger = LogFactory.getLog(IgnoredBootProperties.class);

	/** The defaults that Boot's test slices put in the environment ({@code @DataJpaTest(showSql)}). */
	private static final String SLICE_DEFAULTS = "org.springframework.boot.test.autoconfigure.properties.AnnotationsPropertySource";

	private IgnoredBootProperties() {
	}

	static <S extends InstanceSettings> void warn(InstanceType<S> type, List<InstanceDefinition<S>> instances,
			Environment environment) {
		if (!logger.isWarnEnabled() || type.replacedBootProperties().isEmpty()) {
			return;
		}
		found(type, instances, environment).forEach((key, message) -> logger.warn(message));
	}

	/**
	 * The ignored keys that are set, each with its message.
	 * @param <S> the settings type
	 * @param type the type
	 * @param instances the declared instances
	 * @param environment the environment
	 * @return messages by key, in the order of the property sources
	 */
	static <S extends InstanceSettings> Map<String, String> found(InstanceType<S> type,
			List<InstanceDefinition<S>> instances, Environment environment) {
		List<Prefix> prefixes = type.replacedBootProperties()
			.entrySet()
			.stream()
			.map((entry) -> new Prefix(ConfigurationPropertyName.of(entry.getKey()), entry.getValue()))
			.sorted(Comparator.comparingInt((Prefix prefix) -> prefix.name().getNumberOfElements()).reversed())
			.toList();
		List<ConfigurationPropertyName> applied = type.appliedBootProperties()
			.stream()
			.map(ConfigurationPropertyName::of)
			.toList();
		InstanceDefinition<S> target = instances.stream()
			.filter(InstanceDefinition::primary)
			.findFirst()
			.orElse(null);
		String instance = (target != null) ? target.name() : "<instance>";
		Map<String, String> messages = new LinkedHashMap<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable) || isSliceDefaults(source)) {
				continue;
			}
			iterable.stream().forEach((name) -> {
				String key = name.toString();
				if (messages.containsKey(key)
						|| applied.stream().anyMatch((prefix) -> prefix.equals(name) || prefix.isAncestorOf(name))) {
					return;
				}
				for (Prefix prefix : prefixes) {
					if (prefix.name().equals(name) || prefix.name().isAncestorOf(name)) {
						messages.put(key, message(type, instance, name, prefix.name(), prefix.replacement(),
								source.getConfigurationProperty(name)));
						return;
					}
				}
			});
		}
		return messages;
	}

	private static boolean isSliceDefaults(ConfigurationPropertySource source) {
		return source.getUnderlyingSource() instanceof PropertySource<?> propertySource
				&& SLICE_DEFAULTS.equals(propertySource.getClass().getName());
	}

	private static String message(InstanceType<?> type, String instance, ConfigurationPropertyName name,
			ConfigurationPropertyName prefix, @Nullable String replacement, @Nullable ConfigurationProperty property) {
		String setting = (replacement != null) ? setting(name, prefix, replacement) : null;
		String origin = (property != null && property.getOrigin() != null) ? " [" + property.getOrigin() + "]" : "";
		String head = "'" + original(name, 0) + "' is ignored: Plugboard's " + type.name()
				+ " instances replace Spring Boot's auto-configuration for it";
		if (setting == null || !isSetting(type.settingsClass(), setting, (property != null) ? property.getValue() : "")) {
			return head + ", and they have no setting of that name; remove it." + origin;
		}
		return head + "; set 'plugboard." + type.name() + "." + instance + "." + setting + "' instead." + origin;
	}

	/** Whether the settings class binds the setting: the binder, not a guess, decides. */
	private static boolean isSetting(Class<?> settingsClass, String setting, @Nullable Object value) {
		MapConfigurationPropertySource source = new MapConfigurationPropertySource(
				Map.of("instance." + setting, (value != null) ? value : ""));
		try {
			new Binder(source).bind("instance", Bindable.of(settingsClass), new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
			return true;
		}
		catch (BindException ex) {
			// a value that does not convert still names a setting that exists
			return !(ex.getCause() instanceof UnboundConfigurationPropertiesException);
		}
	}

	private static @Nullable String setting(ConfigurationPropertyName name, ConfigurationPropertyName prefix,
			String replacement) {
		String rest = original(name, prefix.getNumberOfElements());
		String setting = (replacement.isEmpty() || rest.isEmpty()) ? replacement + rest : replacement + "." + rest;
		return setting.isEmpty() ? null : setting;
	}

	/** The name as written from its element {@code from} on ({@code format_sql}, not {@code formatsql}). */
	private static String original(ConfigurationPropertyName name, int from) {
		StringBuilder result = new StringBuilder();
		for (int i = from; i < name.getNumberOfElements(); i++) {
			result.append((result.isEmpty()) ? "" : ".").append(name.getElement(i, Form.ORIGINAL));
		}
		return result.toString();
	}

	private record Prefix(ConfigurationPropertyName name, @Nullable String replacement) {
	}

}
