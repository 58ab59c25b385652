package dev.plugboard.postgres.autoconfigure;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.InstanceBeans;
import dev.plugboard.core.spi.InstanceContext;
import dev.plugboard.core.spi.InstanceDefinition;

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

	/**
	 * Turn an error of {@link #onAvailable} at startup into advice naming the setting to fix.
	 * @param definition the instance
	 * @param error the error
	 * @return the advice, or {@code null} if the error is not the contributor's
	 */
	default @Nullable String advice(InstanceDefinition<PostgresSettings> definition, Throwable error) {
		return null;
	}

	/**
	 * Spring Boot auto-configurations, by class name, that the contributor's beans replace and
	 * that are left out whenever a PostgreSQL instance is declared.
	 * @return auto-configuration class names
	 */
	default Set<String> replacedAutoConfigurations() {
		return Set.of();
	}

}
