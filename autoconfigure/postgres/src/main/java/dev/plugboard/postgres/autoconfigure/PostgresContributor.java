package dev.plugboard.postgres.autoconfigure;

import dev.plugboard.core.spi.InstanceBeans;
import dev.plugboard.core.spi.InstanceContext;

/**
 * Adds beans to PostgreSQL instances; how the JPA module gives each instance an
 * EntityManagerFactory without the JDBC module knowing JPA. Implementations are listed in
 * {@code META-INF/spring.factories} under this interface's name.
 *
 * @author Plugboard
 */
public interface PostgresContributor {

	/**
	 * Register beans for one instance.
	 * @param beans the instance's registration
	 * @return {@code true} if the contributor registered the instance's
	 * {@code TransactionManager} role, so the JDBC one is left out
	 */
	boolean registerBeans(InstanceBeans<PostgresSettings> beans);

	/**
	 * Called each time the instance starts answering, after its Flyway migrations.
	 * @param context the instance
	 * @throws Exception if the work fails
	 */
	default void onAvailable(InstanceContext<PostgresSettings> context) throws Exception {
	}

}
