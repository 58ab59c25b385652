package dev.plugboard.core.spi;

import org.springframework.core.env.Environment;

/**
 * Gives a connection to instances that have none configured, before their settings are
 * prepared and their beans registered. Dev services implement it to start a server per
 * instance. Implementations are listed in {@code META-INF/spring.factories} under this
 * interface's name and need a public no-argument constructor.
 *
 * @author Plugboard
 */
public interface InstanceConnectionProvider {

	/**
	 * Provide a connection to one instance if it has none, or if its configured connection is
	 * to be replaced ({@link InstanceDefinition#connectionReplacement()}).
	 * @param <S> the settings type
	 * @param type the instance's type
	 * @param definition the instance, whose settings may be changed (typically its {@code url})
	 * @param environment the environment
	 * @return {@code true} if this provider now serves the instance
	 */
	<S extends InstanceSettings> boolean provide(InstanceType<S> type, InstanceDefinition<S> definition,
			Environment environment);

}
