package dev.plugboard.core.spi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.unit.DataSize;

/**
 * Finds the declared instances of each type in the environment and binds their settings.
 * <p>
 * An instance exists when any property names it: {@code plugboard.<type>.<instance>.<anything>}.
 * Spring's relaxed environment variables ({@code PLUGBOARD_REDIS_DATACACHE_HOST}) declare an
 * instance only when the rest of the variable is a known setting, so that
 * {@code PLUGBOARD_POSTGRES_PRIMARY_DB_HOST} does not invent an instance called {@code primary}.
 *
 * @author Plugboard
 */
public final class InstanceBinder {

	/** The property that enables {@code <PREFIX>_<INSTANCE>_<SETTING>} environment variables. */
	public static final String ENV_PREFIX_PROPERTY = "plugboard.env-prefix";

	/** Name of the property source that holds mapped environment variables. */
	public static final String MAPPED_VARIABLES_SOURCE = "plugboardEnvironmentVariables";

	private static final Log logger = LogFactory.getLog(InstanceBinder.class);

	private static final Pattern INSTANCE_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("plugboard");

	private final Environment environment;

	private final Binder binder;

	private final boolean warn;

	/**
	 * Create a binder over an environment.
	 * @param environment the environment
	 */
	public InstanceBinder(Environment environment) {
		this(environment, true);
	}

	/**
	 * Create a binder over an environment.
	 * @param environment the environment
	 * @param warn whether unknown settings are logged when they are let through
	 * ({@code plugboard.unknown-settings=warn}); a binder that only looks ahead says nothing
	 */
	public InstanceBinder(Environment environment, boolean warn) {
		this.environment = environment;
		this.binder = Binder.get(environment);
		this.warn = warn;
	}

	/**
	 * The {@code plugboard.env-prefix}, upper-cased, if set.
	 * @return the prefix or {@code null}
	 */
	public @Nullable String environmentPrefix() {
		String prefix = this.binder.bind(ENV_PREFIX_PROPERTY, String.class)
			.map((value) -> InstanceDefinition.Names.environmentForm(value).replaceAll("_+$", ""))
			.orElse("");
		return prefix.isEmpty() ? null : prefix;
	}

	/**
	 * The names of the declared instances of one type, in the order the property sources give
	 * them.
	 * @param type the type name
	 * @param tree the settings tree of the type, to vet relaxed environment variables
	 * @param includeSystemEnvironment whether Spring-style environment variables count
	 * @return the instance names as written
	 */
	public Set<String> declaredInstances(String type, SettingsTree tree, boolean includeSystemEnvironment) {
		Set<String> names = new LinkedHashSet<>();
		if (!(this.environment instanceof ConfigurableEnvironment configurable)) {
			return names;
		}
		ConfigurationPropertyName typeName = ROOT.append(type);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(configurable)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable)
					|| source.containsDescendantOf(typeName) == ConfigurationPropertyState.ABSENT) {
				continue;
			}
			boolean systemEnvironment = isSystemEnvironment(source);
			if (systemEnvironment && !includeSystemEnvironment) {
				continue;
			}
			iterable.stream().filter(typeName::isAncestorOf).forEach((name) -> {
				if (name.getNumberOfElements() < 4) {
					return;
				}
				String instance = name.getElement(2, Form.ORIGINAL);
				if (systemEnvironment) {
					List<String> rest = new ArrayList<>();
					for (int i = 3; i < name.getNumberOfElements(); i++) {
						rest.addAll(List.of(name.getElement(i, Form.DASHED).split("-")));
					}
					if (tree.resolve(rest).isEmpty()) {
						return;
					}
				}
				names.add(instance);
			});
		}
		return names;
	}

	private static boolean isSystemEnvironment(ConfigurationPropertySource source) {
		Object underlying = source.getUnderlyingSource();
		return underlying instanceof org.springframework.core.env.PropertySource<?> propertySource
				&& StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(propertySource.getName());
	}

	/**
	 * Bind every enabled declared instance of a type, resolving primary and critical.
	 * @param <S> the type settings
	 * @param type the type
	 * @return the definitions, in declaration order
	 * @throws PlugboardException if a name is not kebab-case or two instances are primary
	 */
	public <S extends InstanceSettings> List<InstanceDefinition<S>> bind(InstanceType<S> type) {
		SettingsTree tree = SettingsTree.of(type.settingsClass());
		String prefix = environmentPrefix();
		Map<String, InstanceDefinition<S>> definitions = new LinkedHashMap<>();
		for (String name : declaredInstances(type.name(), tree, true)) {
			if (!INSTANCE_NAME.matcher(name).matches()) {
				String suggestion = name.replaceAll("([a-z0-9])([A-Z])", "$1-$2")
					.replaceAll("[^A-Za-z0-9]+", "-")
					.replaceAll("^-|-$", "")
					.toLowerCase(Locale.ROOT);
				throw new PlugboardException(
						"The " + type.name() + " instance name '" + name + "' in 'plugboard." + type.name() + "." + name
								+ ".*' is not kebab-case.",
						"Name instances with lower-case letters, digits and dashes: 'plugboard." + type.name() + "."
								+ suggestion + ".*' (environment variables then use " + InstanceDefinition.Names
									.environmentForm(suggestion) + ").");
			}
			String base = "plugboard." + type.name() + "." + name;
			S settings = bindSettings(type, base, prefix, tree);
			InstanceDefinition<S> definition = new InstanceDefinition<>(type.name(), name, settings, prefix,
					(setting) -> isBound(base + "." + setting));
			if (settings.isEnabled()) {
				definitions.put(name, definition);
			}
		}
		resolveFlags(type, new ArrayList<>(definitions.values()));
		return new ArrayList<>(definitions.values());
	}

	private <S extends InstanceSettings> S bindSettings(InstanceType<S> type, String base, @Nullable String prefix,
			SettingsTree tree) {
		Bindable<S> bindable = Bindable.of(type.settingsClass());
		try {
			// maps (jpa.properties, parameters…) take any key; every other key must be a setting
			return this.binder.bindOrCreate(base, bindable, new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
		}
		catch (BindException ex) {
			if (!(ex.getCause() instanceof UnboundConfigurationPropertiesException unbound)) {
				throw invalid(type, base, prefix, ex);
			}
			List<UnknownSettingException> unknown = unbound.getUnboundProperties()
				.stream()
				.map((property) -> unknownSetting(type, base, prefix, tree, property))
				.toList();
			if (unknownSettings() == UnknownSettings.FAIL) {
				throw unknown.get(0);
			}
			if (this.warn) {
				unknown.forEach((failure) -> logger.warn(failure.getDescription() + " It is ignored ("
					+ UnknownSettings.PROPERTY + "=warn). " + failure.getAction()));
			}
			try {
				return this.binder.bindOrCreate(base, bindable);
			}
			catch (BindException again) {
				throw invalid(type, base, prefix, again);
			}
		}
	}

	/**
	 * What unknown settings and types do: {@code plugboard.unknown-settings}.
	 * @return fail (the default) or warn
	 */
	public UnknownSettings unknownSettings() {
		return this.binder.bind(UnknownSettings.PROPERTY, UnknownSettings.class).orElse(UnknownSettings.FAIL);
	}

	private static UnknownSettingException unknownSetting(InstanceType<?> type, String base, @Nullable String prefix,
			SettingsTree tree, ConfigurationProperty property) {
		String name = property.getName().toString();
		String setting = name.substring(base.length() + 1);
		String environmentVariable = environmentVariable(type, base, prefix, setting);
		String origin = (property.getOrigin() != null) ? " (" + property.getOrigin() + ")" : "";
		java.util.Optional<String> nearest = Suggestions.nearest(setting, tree.paths());
		String problem = "'" + setting + "' is not a setting of " + type.name() + " instances" + origin
				+ nearest.map((known) -> "; did you mean '" + known + "'?").orElse(".");
		String action = nearest
			.map((known) -> "Rename it to '" + base + "." + known + "' (environment variable "
					+ environmentVariable(type, base, prefix, known) + ")")
			.orElse("Remove it, or use one of the settings listed in the " + type.name() + " starter's documentation")
				+ ". To let startup go on past unknown settings (configuration shared between versions), set '"
				+ UnknownSettings.PROPERTY + "=warn' (environment variable PLUGBOARD_UNKNOWN_SETTINGS=warn).";
		return new UnknownSettingException(name, environmentVariable, problem, action);
	}

	private static String environmentVariable(InstanceType<?> type, String base, @Nullable String prefix,
			String setting) {
		String head = (prefix != null) ? prefix : "PLUGBOARD_" + type.name();
		return InstanceDefinition.Names.environmentForm(head + "_" + base.substring(base.lastIndexOf('.') + 1) + "_"
				+ setting);
	}

	private static InvalidSettingException invalid(InstanceType<?> type, String base, @Nullable String prefix,
			BindException ex) {
		String property = (ex.getProperty() != null) ? ex.getProperty().getName().toString() : ex.getName().toString();
		String setting = property.startsWith(base + ".") ? property.substring(base.length() + 1) : property;
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		boolean secret = setting.toLowerCase(Locale.ROOT).contains("password");
		String environmentVariable = environmentVariable(type, base, prefix, setting);
		return new InvalidSettingException(property, environmentVariable,
				"it cannot be bound: " + (secret ? cause.getClass().getSimpleName() : cause.getMessage()),
				"Set '" + property + "' (environment variable " + environmentVariable + ") to "
						+ expected((ex.getTarget() != null) ? ex.getTarget().getType().resolve() : null) + ".");
	}

	/** What a value of a setting's type looks like, for the action of a failure to bind it. */
	private static String expected(@Nullable Class<?> type) {
		if (type == null) {
			return "a valid value";
		}
		if (type == Duration.class) {
			return "a duration such as 500ms, 30s or 2m";
		}
		if (type == DataSize.class) {
			return "a size such as 512KB or 16MB";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type.isEnum()) {
			return "one of " + Arrays.stream(type.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.collect(Collectors.joining(", "));
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "a whole number that the message above allows";
		}
		return "a valid value";
	}

	private <S extends InstanceSettings> void resolveFlags(InstanceType<S> type, List<InstanceDefinition<S>> definitions) {
		List<InstanceDefinition<S>> primaries = definitions.stream()
			.filter((definition) -> Boolean.TRUE.equals(definition.common().getPrimary()))
			.toList();
		if (primaries.size() > 1) {
			InstanceDefinition<S> first = primaries.get(0);
			InstanceDefinition<S> second = primaries.get(1);
			throw new PlugboardException(
					"Two " + type.name() + " instances are primary: '" + first.name() + "' ('"
							+ first.property("primary") + "', environment variable "
							+ first.environmentVariable("primary") + ") and '" + second.name() + "' ('"
							+ second.property("primary") + "', environment variable "
							+ second.environmentVariable("primary") + ").",
					"Keep 'primary: true' on one " + type.name() + " instance only.");
		}
		boolean lone = definitions.size() == 1 && definitions.get(0).common().getPrimary() == null;
		for (InstanceDefinition<S> definition : definitions) {
			boolean primary = Boolean.TRUE.equals(definition.common().getPrimary()) || lone;
			Boolean critical = definition.common().getCritical();
			definition.resolve(primary, (critical != null) ? critical : type.criticalByDefault());
		}
	}

	private boolean isBound(String property) {
		if (!(this.environment instanceof ConfigurableEnvironment configurable)) {
			return false;
		}
		ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(configurable)) {
			ConfigurationProperty value = source.getConfigurationProperty(name);
			if (value != null || source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
				return true;
			}
		}
		return false;
	}

}
