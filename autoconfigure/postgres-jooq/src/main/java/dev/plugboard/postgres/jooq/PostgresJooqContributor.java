package dev.plugboard.postgres.jooq;

import java.util.Set;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultDSLContext;
import org.jooq.impl.DefaultExecuteListenerProvider;

import dev.plugboard.core.spi.InstanceBeans;
import dev.plugboard.core.spi.InstanceContext;
import dev.plugboard.core.spi.PlugAssignments;
import dev.plugboard.postgres.autoconfigure.PostgresContributor;
import dev.plugboard.postgres.autoconfigure.PostgresSettings;

import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
import org.springframework.boot.jooq.autoconfigure.ExceptionTranslatorExecuteListener;
import org.springframework.boot.jooq.autoconfigure.SpringTransactionProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A jOOQ {@link DSLContext} per PostgreSQL instance ({@code <instance>DslContext}, with
 * {@code @Plug("<instance>")}), configured as Spring Boot's jOOQ auto-configuration configures
 * its single one: the PostgreSQL dialect, connections through a transaction-aware proxy of the
 * instance's pool so that jOOQ joins the instance's Spring transactions, jOOQ's own
 * transactions run by the instance's transaction manager, and SQL exceptions translated as the
 * instance's {@code JdbcTemplate} translates them. {@link DefaultConfigurationCustomizer} beans
 * apply to the instance they are assigned to with {@code @Plug}, unassigned ones to the
 * primary. Boot's jOOQ auto-configuration is left out whenever an instance is declared.
 *
 * @author Plugboard
 */
public class PostgresJooqContributor implements PostgresContributor {

	static final String BOOT_JOOQ = "org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration";

	@Override
	public boolean registerBeans(InstanceBeans<PostgresSettings> beans) {
		beans.register("JooqConfiguration", DefaultConfiguration.class, PostgresJooqContributor::configuration)
			.primaryAlias("jooqConfiguration");
		beans.register("DslContext", DefaultDSLContext.class,
				(context) -> new DefaultDSLContext(context.bean("JooqConfiguration", DefaultConfiguration.class)))
			.primaryAlias("dslContext");
		return false;
	}

	private static DefaultConfiguration configuration(InstanceContext<PostgresSettings> context) {
		DefaultConfiguration configuration = new DefaultConfiguration();
		configuration.set(SQLDialect.POSTGRES);
		DataSource dataSource = context.bean("DataSource", DataSource.class);
		configuration.set(new DataSourceConnectionProvider(new TransactionAwareDataSourceProxy(dataSource)));
		configuration.set(new SpringTransactionProvider(context.bean("TransactionManager", PlatformTransactionManager.class)));
		JdbcTemplate jdbcTemplate = context.bean("JdbcTemplate", JdbcTemplate.class);
		configuration.set(new DefaultExecuteListenerProvider(
				ExceptionTranslatorExecuteListener.of((execution) -> jdbcTemplate.getExceptionTranslator())));
		PlugAssignments
			.ordered(context, DefaultConfigurationCustomizer.class,
					PlugAssignments.assigned(context, DefaultConfigurationCustomizer.class, "postgres"))
			.forEach((customizer) -> customizer.customize(configuration));
		return configuration;
	}

	@Override
	public Set<String> replacedAutoConfigurations() {
		return Set.of(BOOT_JOOQ);
	}

}
