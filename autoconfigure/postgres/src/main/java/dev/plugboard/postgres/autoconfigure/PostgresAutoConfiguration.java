package dev.plugboard.postgres.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;

import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.core.spi.InstanceRegistrar;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Named PostgreSQL instances over JDBC. Ordered before Spring Boot's DataSource, JDBC,
 * transaction, Flyway and JPA auto-configurations so that they see the instances' beans and
 * back off.
 *
 * @author Plugboard
 */
@AutoConfiguration(after = PlugboardAutoConfiguration.class,
		// its @ServiceConnection beans are registered before the instances look for ConnectionDetails
		afterName = "org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration", beforeName = {
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
		"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
		"org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
		"org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration" })
@ConditionalOnClass({ HikariDataSource.class, JdbcTemplate.class })
@Import(PostgresAutoConfiguration.Registrar.class)
public final class PostgresAutoConfiguration {

	static class Registrar extends InstanceRegistrar<PostgresSettings> {

		Registrar(Environment environment) {
			super(environment, new PostgresType());
		}

	}

}
