package dev.plugboard.core.spi;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What an integration supplies to the core: its type name, its settings class, how to resolve
 * the settings of one instance, how to register that instance's beans, and how to prove that it
 * answers. Binding, environment variables, qualifiers, primary selection, lifecycle, health,
 * metrics, the endpoint and failure analysis come from the core.
 * <p>
 * Implementations need a public no-argument constructor and are listed in
 * {@code META-INF/spring.factories} under this interface's name so that the core can map
 * environment variables before the application context exists.
 *
 * @param <S> the settings of one instance, an {@link InstanceSettings} subclass bound from
 * {@code plugboard.<type>.<instance>.*}
 * @author Plugboard
 */
public interface InstanceType<S extends InstanceSettings> {

	/**
	 * The type name, the second segment of {@code plugboard.<type>.<instance>}.
	 * @return the type name, for example {@code postgres}
	 */
	String name();

	/**
	 * The class that holds the type settings; it needs a public no-argument constructor.
	 * @return the settings class
	 */
	Class<S> settingsClass();

	/**
	 * Whether instances of this type are critical unless configured otherwise.
	 * @return the default for {@code critical}
	 */
	default boolean criticalByDefault() {
		return true;
	}

	/**
	 * Whether the instance is given a server to talk to (a URL, a host, a port, cluster
	 * nodes…) rather than relying on defaults. Instances without one may be served by dev
	 * services; a port alone counts, since it points the instance at {@code localhost:<port>}.
	 * @param definition the instance
	 * @return {@code true} if a connection is configured
	 */
	default boolean hasConnection(InstanceDefinition<S> definition) {
		return definition.common().getUrl() != null || definition.isSet("host") || definition.isSet("port");
	}

	/**
	 * Resolve and validate the settings of one instance before its beans are registered: apply
	 * the parts of its URL that no discrete setting overrides, reject values that cannot work.
	 * @param definition the instance
	 * @return where the instance points, without credentials, for example {@code db1:5432/users}
	 * @throws InvalidSettingException if a setting is wrong
	 */
	String prepare(InstanceDefinition<S> definition);

	/**
	 * Register the beans of one instance.
	 * @param beans the registration for the instance
	 */
	void registerBeans(InstanceBeans<S> beans);

	/**
	 * Prove that the instance answers with a real round trip and describe it. Used at startup,
	 * while the instance is degraded and for health; the core bounds it by
	 * {@code health.timeout}, but implementations should also bound their own waits.
	 * @param context the instance
	 * @return details for health and the endpoint, such as the server version
	 * @throws Exception if the instance does not answer
	 */
	Map<String, Object> check(InstanceContext<S> context) throws Exception;

	/**
	 * Called each time the instance starts answering, before it becomes {@code RUNNING}: at
	 * startup and when it recovers. A place for work that needs the server, such as migrations.
	 * @param context the instance
	 * @throws Exception if the work fails; the instance is then treated as not answering
	 */
	default void onAvailable(InstanceContext<S> context) throws Exception {
	}

	/**
	 * Turn an error from {@link #check} at startup into advice naming the setting to fix, for
	 * example the password setting for an authentication failure.
	 * @param definition the instance
	 * @param error the error
	 * @return the advice, or {@code null} for the generic one
	 */
	default @Nullable String advice(InstanceDefinition<S> definition, Throwable error) {
		return null;
	}

	/**
	 * Names of Spring Boot health contributor beans that this type replaces, so that Boot's
	 * own indicator for the same technology backs off (for example {@code dbHealthContributor}).
	 * @return bean names
	 */
	default Set<String> replacedHealthContributors() {
		return Set.of();
	}

	/**
	 * Spring Boot auto-configurations, by class name, that cannot work beside this type's
	 * instances and are left out when at least one is declared (for example one that would
	 * replace what the instances publish).
	 * @return auto-configuration class names
	 */
	default Set<String> replacedAutoConfigurations() {
		return Set.of();
	}

	/**
	 * Spring Boot auto-configurations, by class name, that need "the" client of this type: left
	 * out when instances are declared and none is primary, since they would fail on several
	 * candidates; with a primary instance they run on it.
	 * @return auto-configuration class names
	 */
	default Set<String> autoConfigurationsNeedingPrimary() {
		return Set.of();
	}

	/**
	 * Secret values of an instance beyond those Plugboard finds itself (settings whose name
	 * contains {@code password} or {@code secret}, and passwords in URLs). They are masked in every
	 * message Plugboard shows.
	 * @param definition the instance
	 * @return extra secret values (not setting names)
	 */
	default Set<String> secrets(InstanceDefinition<S> definition) {
		return Set.of();
	}

}
