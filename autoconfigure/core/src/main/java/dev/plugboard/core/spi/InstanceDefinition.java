package dev.plugboard.core.spi;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * One declared instance as bound from the environment: its name, its common and type settings,
 * and the resolved primary and critical flags.
 *
 * @param <S> the type settings
 * @author Plugboard
 */
public final class InstanceDefinition<S extends InstanceSettings> {

	private final String type;

	private final String name;

	private final S settings;

	private final @Nullable String environmentPrefix;

	private final Predicate<String> bound;

	private boolean primary;

	private boolean critical;

	private String endpoint = "";

	private final Map<String, Object> attributes = new LinkedHashMap<>();

	private Set<String> replacedSettings = Set.of();

	private @Nullable String connectionReplacement;

	private boolean connectionProvided;

	private @Nullable String discoveredService;

	/**
	 * Create a definition.
	 * @param type the type name
	 * @param name the instance name
	 * @param settings the settings
	 * @param environmentPrefix the {@code plugboard.env-prefix}, if set
	 * @param bound tells whether a setting (relative name) was given explicitly
	 */
	public InstanceDefinition(String type, String name, S settings,
			@Nullable String environmentPrefix, Predicate<String> bound) {
		this.type = type;
		this.name = name;
		this.settings = settings;
		this.environmentPrefix = environmentPrefix;
		this.bound = bound;
	}

	public String type() {
		return this.type;
	}

	public String name() {
		return this.name;
	}

	/**
	 * The instance name in camel case, the prefix of its bean names ({@code primary-db} →
	 * {@code primaryDb}).
	 * @return the camel-case name
	 */
	public String camelName() {
		return Names.camelCase(this.name);
	}

	/**
	 * The bean name of a role: {@code primaryDb} + {@code DataSource}.
	 * @param role the role, capitalized
	 * @return the bean name
	 */
	public String beanName(String role) {
		return camelName() + role;
	}

	/**
	 * The settings every instance has.
	 * @return the common settings (the same object as {@link #settings()})
	 */
	public InstanceSettings common() {
		return this.settings;
	}

	public S settings() {
		return this.settings;
	}

	public boolean primary() {
		return this.primary;
	}

	public boolean critical() {
		return this.critical;
	}

	/**
	 * Where the instance points, without credentials.
	 * @return the endpoint
	 */
	public String endpoint() {
		return this.endpoint;
	}

	/**
	 * Facts about the instance that the endpoint shows, such as the dev service that serves it.
	 * @return the mutable attributes
	 */
	public Map<String, Object> attributes() {
		return this.attributes;
	}

	void resolve(boolean primary, boolean critical) {
		this.primary = primary;
		this.critical = critical;
	}

	void endpoint(String endpoint) {
		this.endpoint = endpoint;
	}

	/**
	 * Whether a setting was given explicitly (in any property source), so that it wins over
	 * the matching part of the URL.
	 * @param setting the setting relative to the instance, for example {@code port}
	 * @return {@code true} if bound
	 */
	public boolean isSet(String setting) {
		return !this.replacedSettings.contains(setting) && this.bound.test(setting);
	}

	/**
	 * Mark the configured connection of this instance as replaced (by a test server or by a
	 * Spring Boot {@code ConnectionDetails} bean): the given settings then count as not set, so
	 * that the URL that replaces the connection wins over them.
	 * @param reason what replaces the connection, for messages
	 * @param connectionSettings the settings that point the instance at its server
	 */
	public void replaceConnection(String reason, Set<String> connectionSettings) {
		this.connectionReplacement = reason;
		this.replacedSettings = Set.copyOf(connectionSettings);
	}

	/**
	 * What replaces the configured connection of this instance, if anything does.
	 * @return the reason given to {@link #replaceConnection}, or {@code null}
	 */
	public @Nullable String connectionReplacement() {
		return this.connectionReplacement;
	}

	/**
	 * Record that an {@link InstanceConnectionProvider} serves this instance (a dev service or
	 * a test server), rather than a connection of its own configuration.
	 */
	void connectionProvided() {
		this.connectionProvided = true;
	}

	/**
	 * The service that the instance finds through discovery ({@code url: discovery://<service>/…}),
	 * or {@code null} if its URL names its server, or its connection was replaced by a test server
	 * or a {@code ConnectionDetails} bean.
	 * @return the service name or {@code null}
	 */
	public @Nullable String discoveredService() {
		return (this.connectionReplacement != null) ? null : this.discoveredService;
	}

	void discoveredService(String service) {
		this.discoveredService = service;
	}

	/**
	 * Whether an {@link InstanceConnectionProvider} serves this instance, or
	 * {@link #connectionReplacement() something replaces} its configured connection: its server
	 * is then one the application did not configure, a dev or test server, or the server of a
	 * {@code ConnectionDetails} bean.
	 * @return {@code true} if the instance does not run on its configured connection
	 */
	public boolean servedElsewhere() {
		return this.connectionProvided || this.connectionReplacement != null;
	}

	/**
	 * Apply a part of the URL to a setting unless the setting was given explicitly: discrete
	 * settings win over the parts of the URL.
	 * @param <T> the type of the setting
	 * @param setting the setting relative to the instance, for example {@code port}
	 * @param fromUrl the value the URL gives, or {@code null} if it gives none
	 * @param setter sets the setting
	 */
	public <T> void applyUnlessSet(String setting, @Nullable T fromUrl, Consumer<T> setter) {
		if (fromUrl != null && !isSet(setting)) {
			setter.accept(fromUrl);
		}
	}

	/**
	 * The full property name of a setting.
	 * @param setting the setting relative to the instance
	 * @return for example {@code plugboard.postgres.primary-db.url}
	 */
	public String property(String setting) {
		return "plugboard." + this.type + "." + this.name + "." + setting;
	}

	/**
	 * The environment variable that sets a setting: {@code <PREFIX>_<INSTANCE>_<SETTING>} when
	 * {@code plugboard.env-prefix} is set, {@code PLUGBOARD_<TYPE>_<INSTANCE>_<SETTING>} otherwise.
	 * @param setting the setting relative to the instance
	 * @return the environment variable name
	 */
	public String environmentVariable(String setting) {
		String head = (this.environmentPrefix != null) ? this.environmentPrefix : "PLUGBOARD_" + this.type;
		return Names.environmentForm(head + "_" + this.name + "_" + setting);
	}

	@Override
	public String toString() {
		return this.type + "/" + this.name;
	}

	/**
	 * Naming conventions shared by bean names and environment variables.
	 */
	public static final class Names {

		private Names() {
		}

		/**
		 * {@code primary-db} → {@code primaryDb}.
		 * @param name a kebab-case name
		 * @return the camel-case name
		 */
		public static String camelCase(String name) {
			StringBuilder result = new StringBuilder(name.length());
			boolean upper = false;
			for (char c : name.toCharArray()) {
				if (c == '-' || c == '_' || c == '.') {
					upper = result.length() > 0;
				}
				else {
					result.append(upper ? Character.toUpperCase(c) : c);
					upper = false;
				}
			}
			return result.toString();
		}

		/**
		 * {@code myservice_primary-db_hikari.maximum-pool-size} →
		 * {@code MYSERVICE_PRIMARY_DB_HIKARI_MAXIMUM_POOL_SIZE}.
		 * @param name the name
		 * @return the environment variable form
		 */
		public static String environmentForm(String name) {
			return name.replaceAll("[^A-Za-z0-9]+", "_").toUpperCase(Locale.ROOT);
		}

	}

}
