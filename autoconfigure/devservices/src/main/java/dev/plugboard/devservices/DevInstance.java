package dev.plugboard.devservices;

import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.InstanceDefinition;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.util.StringUtils;

/**
 * One instance to serve, with the discrete settings that the server must match: the instance's
 * type prefers them over the parts of the URL that dev services give it, so the database,
 * user or virtual host they name has to exist on the server. {@link #toString()} never shows
 * the password.
 *
 * @param type the type name, such as {@code postgres}
 * @param name the instance name
 * @param database the {@code database} setting (a name, or an index for Redis), if set
 * @param username the {@code username} setting, if set
 * @param password the {@code password} setting, if set
 * @param virtualHost the {@code virtual-host} setting, if set
 * @author Plugboard
 */
record DevInstance(String type, String name, @Nullable String database, @Nullable String username,
		@Nullable String password, @Nullable String virtualHost) {

	/**
	 * An instance with none of the discrete settings.
	 * @param type the type name
	 * @param name the instance name
	 * @return the instance
	 */
	static DevInstance named(String type, String name) {
		return new DevInstance(type, name, null, null, null, null);
	}

	/**
	 * Read the discrete settings of an instance from the environment. They are read by name
	 * rather than from the type's settings class, which dev services do not know.
	 * @param definition the instance
	 * @param binder a binder of the environment, with Plugboard's mapped environment variables
	 * @return the instance
	 */
	static DevInstance of(InstanceDefinition<?> definition, Binder binder) {
		return new DevInstance(definition.type(), definition.name(), setting(binder, definition, "database"),
				setting(binder, definition, "username"), setting(binder, definition, "password"),
				setting(binder, definition, "virtual-host"));
	}

	private static @Nullable String setting(Binder binder, InstanceDefinition<?> definition, String setting) {
		// blank counts as unset here: the type rejects or ignores it with its own message
		String value = binder.bind(definition.property(setting), String.class).orElse(null);
		return StringUtils.hasText(value) ? value : null;
	}

	@Override
	public String toString() {
		return "DevInstance[type=" + this.type + ", name=" + this.name + ", database=" + this.database + ", username="
				+ this.username + ", password=" + ((this.password != null) ? "******" : null) + ", virtualHost="
				+ this.virtualHost + "]";
	}

}
