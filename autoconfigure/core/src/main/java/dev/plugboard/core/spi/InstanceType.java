package dev.plugboard.core.spi;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.core.env.Environment;

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
	 * The settings that point an instance at its server, beyond {@code url}: a connection that
	 * replaces the configured one (a test server, a {@code ConnectionDetails} bean) overrides them.
	 * @return setting names relative to the instance
	 */
	default Set<String> connectionSettings() {
		return Set.of("host", "port");
	}

	/**
	 * The URL scheme that stands in for {@code discovery://} in an instance's URL, or
	 * {@code null} if the type cannot follow a service through discovery. An instance with
	 * {@code url: discovery://users-db/users} is prepared as {@code <scheme>://users-db/users};
	 * the integration then connects through {@link InstanceContext#discovery()} instead of to the
	 * host named in the URL.
	 * @return the scheme, such as {@code postgres}
	 */
	default @Nullable String discoveryScheme() {
		return null;
	}

	/**
	 * Why the configured connection of the primary instance must be replaced by a throwaway
	 * test server in this application context (for example {@code @AutoConfigureTestDatabase} in
	 * a test slice), or {@code null} if it is used as configured. A connection provider (dev
	 * services) then serves the instance; without one, startup fails with this reason.
	 * @param definition the instance, primary and with a connection configured
	 * @param environment the environment
	 * @param registry the registry, with the bean definitions registered so far
	 * @return the reason, or {@code null}
	 */
	default @Nullable String testServerReason(InstanceDefinition<S> definition, Environment environment,
			BeanDefinitionRegistry registry) {
		return null;
	}

	/**
	 * The Spring Boot {@code ConnectionDetails} type of this technology
	 * ({@code JdbcConnectionDetails}…). A single bean of that type points the primary instance at
	 * its server, as it points Boot's own single client.
	 * @return the type, or {@code null} if there is none
	 */
	default @Nullable Class<?> connectionDetailsType() {
		return null;
	}

	/**
	 * Point the primary instance at the server that a {@code ConnectionDetails} bean describes,
	 * before any of the instance's beans are created; {@link #prepare} runs again afterwards. The
	 * instance's {@link #connectionSettings()} count as not set by then.
	 * @param details the bean, of {@link #connectionDetailsType()}
	 * @param definition the instance
	 */
	default void applyConnectionDetails(Object details, InstanceDefinition<S> definition) {
	}

	/**
	 * Spring Boot's properties for the technology that this type replaces, by prefix, each
	 * with the setting of an instance that takes its place: {@code spring.jpa.properties} →
	 * {@code jpa.properties}, or the empty string for the instance itself
	 * ({@code spring.datasource.url} → {@code url}). Once instances are declared, Boot's
	 * auto-configuration backs off and these properties are ignored; Plugboard says so at
	 * startup, naming the replacement. Longer prefixes win over shorter ones; a prefix mapped to
	 * {@code null} has no replacement.
	 * @return the prefixes and their replacements
	 */
	default Map<String, @Nullable String> replacedBootProperties() {
		return Map.of();
	}

	/**
	 * Prefixes under {@link #replacedBootProperties()} whose properties keep working beside the
	 * instances (for example those of a Boot auto-configuration that runs on the primary
	 * instance), so that nothing is said of them.
	 * @return property name prefixes
	 */
	default Set<String> appliedBootProperties() {
		return Set.of();
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
	 * Check the enabled instances of this type together, once each is prepared and has its
	 * final connection (after {@code ConnectionDetails} and test servers are applied), before
	 * any of their beans is created: for example two instances that would share one database
	 * without saying so. May adjust the settings that follow from what is shared.
	 * @param definitions the enabled instances, in declaration order
	 * @throws PlugboardException if the instances cannot work side by side
	 */
	default void checkTogether(List<InstanceDefinition<S>> definitions) {
	}

	/**
	 * Register the beans of one instance.
	 * @param beans the registration for the instance
	 */
	void registerBeans(InstanceBeans<S> beans);

	/**
	 * A detail of {@link #check} (its value says why) that keeps the instance {@code RUNNING}
	 * but shows its health node as {@code DEGRADED}: the instance serves, part of it does not
	 * (a read replica that is down or lagging).
	 */
	String DEGRADED_DETAIL = "degraded";

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
	 * Whether an error from {@link #check} is one that retrying cannot fix: the server answered
	 * and refused (authentication, an unknown database or virtual host), as opposed to not
	 * answering. Startup then gives up at once and says what happened instead of waiting out
	 * {@code startup.timeout}. Errors from {@link #onAvailable} are never retried at startup.
	 * @param definition the instance
	 * @param error the error
	 * @return {@code true} if retrying cannot help
	 */
	default boolean isPermanent(InstanceDefinition<S> definition, Throwable error) {
		return false;
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
