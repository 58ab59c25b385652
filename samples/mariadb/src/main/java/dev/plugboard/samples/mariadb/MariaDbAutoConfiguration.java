package dev.plugboard.samples.mariadb;

import com.zaxxer.hikari.HikariDataSource;

import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.core.spi.InstanceRegistrar;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Named MariaDB instances. Ordered before Spring Boot's DataSource auto-configuration, so that
 * Boot sees the instances' pools and backs off.
 *
 * @author Plugboard
 */
@AutoConfiguration(after = PlugboardAutoConfiguration.class,
		beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({ HikariDataSource.class, org.mariadb.jdbc.Driver.class })
@Import(MariaDbAutoConfiguration.Registrar.class)
public final class MariaDbAutoConfiguration {

	static class Registrar extends InstanceRegistrar<MariaDbSettings> {

		Registrar(Environment environment) {
			super(environment, new MariaDbType());
		}

	}

}
