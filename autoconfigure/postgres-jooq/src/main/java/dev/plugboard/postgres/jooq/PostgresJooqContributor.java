package dev.plugboard.postgres.jooq;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultDSLContext;
import org.jooq.impl.DefaultExecuteListenerProvider;

import dev.plugboard.PlugInstance;
import dev.plugboard.Plugboard;
import dev.plugboard.core.spi.InstanceBeans;
import dev.plugboard.core.spi.InstanceContext;
import dev.plugboard.core.spi.PlugAssignments;
import dev.plugboard.core.spi.PlugboardException;
import dev.plugboard.postgres.autoconfigure.PostgresContributor;
import dev.plugboard.postgres.autoconfigure.PostgresSettings;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
import org.springframework.boot.jooq.autoconfigure.ExceptionTranslatorExecuteListener;
import org.springframework.boot.jooq.autoconfigure.SpringTransactionProvider;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
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
		assignedCustomizers(context).forEach((customizer) -> customizer.customize(configuration));
		return configuration;
	}

	/**
	 * The {@link DefaultConfigurationCustomizer} beans of the instance, in order: those with
	 * {@code @Plug("<instance>")} and, on the primary instance, unqualified ones.
	 */
	private static List<DefaultConfigurationCustomizer> assignedCustomizers(
			InstanceContext<PostgresSettings> context) {
		ListableBeanFactory beanFactory = context.beanFactory();
		Map<String, DefaultConfigurationCustomizer> all = beanFactory.getBeansOfType(DefaultConfigurationCustomizer.class);
		List<DefaultConfigurationCustomizer> assigned = new ArrayList<>();
		all.forEach((beanName, customizer) -> {
			String instance = PlugAssignments.instanceOf(beanFactory, beanName);
			if (instance == null ? context.definition().primary() : instance.equals(context.name())) {
				assigned.add(customizer);
			}
			else if (instance != null && !instances(beanFactory).contains(instance)) {
				throw new PlugboardException("The DefaultConfigurationCustomizer bean '" + beanName
						+ "' is annotated @Plug(\"" + instance + "\") but there is no postgres instance '" + instance
						+ "'. Known instances: " + instances(beanFactory) + ".",
						"Use the name of a configured postgres instance, or declare one under 'plugboard.postgres."
								+ instance + "'.");
			}
		});
		AnnotationAwareOrderComparator.sort(assigned);
		return assigned;
	}

	private static Set<String> instances(ListableBeanFactory beanFactory) {
		Plugboard plugboard = beanFactory.getBeanProvider(Plugboard.class).getIfAvailable();
		Set<String> names = new TreeSet<>();
		if (plugboard != null) {
			plugboard.instances("postgres").stream().map(PlugInstance::name).forEach(names::add);
		}
		return names;
	}

	@Override
	public Set<String> replacedAutoConfigurations() {
		return Set.of(BOOT_JOOQ);
	}

}
