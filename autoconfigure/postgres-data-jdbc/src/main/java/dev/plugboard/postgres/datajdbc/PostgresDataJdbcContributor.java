package dev.plugboard.postgres.datajdbc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.InstanceBeans;
import dev.plugboard.core.spi.InstanceContext;
import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.InvalidSettingException;
import dev.plugboard.postgres.autoconfigure.InstanceRepositories;
import dev.plugboard.postgres.autoconfigure.PackageOwnership;
import dev.plugboard.postgres.autoconfigure.PostgresContributor;
import dev.plugboard.postgres.autoconfigure.PostgresSettings;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.data.jdbc.core.convert.DataAccessStrategy;
import org.springframework.data.jdbc.core.convert.IdGeneratingEntityCallback;
import org.springframework.data.jdbc.core.convert.JdbcConverter;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;
import org.springframework.data.jdbc.core.convert.RelationResolver;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.jdbc.core.dialect.JdbcPostgresDialect;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.data.jdbc.repository.config.JdbcConfiguration;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.data.jdbc.repository.config.JdbcRepositoryConfigExtension;
import org.springframework.data.mapping.callback.EntityCallbacks;
import org.springframework.data.relational.RelationalManagedTypes;
import org.springframework.data.relational.core.mapping.NamingStrategy;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

/**
 * Spring Data JDBC per PostgreSQL instance: a mapping context, converter, data access strategy
 * and {@link JdbcAggregateTemplate} ({@code <instance>JdbcAggregateTemplate}, with
 * {@code @Plug}) on the instance's {@code NamedParameterJdbcTemplate}, and the repositories
 * found in its {@code data-jdbc.packages} bound to that template and to the instance's
 * transaction manager. The dialect is PostgreSQL's without asking the server, so that a
 * non-critical instance may be down at startup. Packages are assigned to instances as for JPA:
 * the most specific package wins, and the primary instance scans the application's packages
 * unless it names its own. Spring Boot's Data JDBC auto-configuration is left out whenever an
 * instance is declared.
 *
 * @author Plugboard
 */
public class PostgresDataJdbcContributor implements PostgresContributor {

	static final String SETTING = "data-jdbc.packages";

	static final String BOOT_DATA_JDBC = "org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration";

	private static final JdbcDialect DIALECT = JdbcPostgresDialect.INSTANCE;

	/** The environment {@link #declaredPackages} was bound from. */
	private @Nullable Environment declaredPackagesEnvironment;

	private Map<String, List<String>> declaredPackages = Map.of();

	@Override
	public boolean registerBeans(InstanceBeans<PostgresSettings> beans) {
		InstanceDefinition<PostgresSettings> definition = beans.definition();
		PostgresSettings.DataJdbc settings = definition.settings().getDataJdbc();
		List<String> packages = new ArrayList<>(settings.getPackages());
		boolean enabled = (settings.getEnabled() != null) ? settings.getEnabled()
				: (!packages.isEmpty() || definition.primary());
		if (!enabled) {
			return false;
		}
		ConfigurableListableBeanFactory beanFactory = (ConfigurableListableBeanFactory) beans.registry();
		boolean implicit = packages.isEmpty();
		if (implicit && AutoConfigurationPackages.has(beanFactory)) {
			packages.addAll(AutoConfigurationPackages.get(beanFactory));
		}
		PackageOwnership ownership = PackageOwnership.of(definition, packages, implicit, declaredPackages(beans));
		beans.register("JdbcMappingContext", JdbcMappingContext.class,
				(context) -> mappingContext(context, packages, ownership))
			.primaryAlias("jdbcMappingContext");
		beans.register("JdbcConverter", JdbcConverter.class, PostgresDataJdbcContributor::converter)
			.primaryAlias("jdbcConverter");
		beans.register("DataAccessStrategy", DataAccessStrategy.class,
				(context) -> JdbcConfiguration.createDataAccessStrategy(operations(context),
						context.bean("JdbcConverter", JdbcConverter.class), null, DIALECT))
			.primaryAlias("dataAccessStrategyBean");
		beans.register("JdbcAggregateTemplate", JdbcAggregateTemplate.class, PostgresDataJdbcContributor::aggregateTemplate)
			.primaryAlias("jdbcAggregateTemplate");
		int repositories = registerRepositories(beans, packages, ownership);
		if (repositories == 0 && !settings.getPackages().isEmpty()) {
			throw new InvalidSettingException(definition, SETTING,
					"no Spring Data repository was found in " + settings.getPackages(),
					"Set it to the packages of the instance's repositories and aggregates, or remove it to use the "
							+ "instance without Spring Data JDBC.");
		}
		return false;
	}

	private static JdbcMappingContext mappingContext(InstanceContext<PostgresSettings> context, List<String> packages,
			PackageOwnership ownership) {
		Set<Class<?>> aggregates = new HashSet<>();
		for (String candidate : packages) {
			JdbcConfiguration.scanForEntities(candidate)
				.stream()
				.filter((type) -> ownership.owns(type.getName()))
				.forEach(aggregates::add);
		}
		NamingStrategy namingStrategy = context.beanFactory().getBeanProvider(NamingStrategy.class).getIfUnique();
		return JdbcConfiguration.createMappingContext(RelationalManagedTypes.fromIterable(aggregates),
				conversions(), namingStrategy);
	}

	private static JdbcCustomConversions conversions() {
		return JdbcConfiguration.createCustomConversions(DIALECT, List.of());
	}

	private static JdbcConverter converter(InstanceContext<PostgresSettings> context) {
		// the data access strategy resolves relations and needs the converter: resolved on use
		RelationResolver relations = (identifier, path) -> context.bean("DataAccessStrategy", DataAccessStrategy.class)
			.findAllByPath(identifier, path);
		return JdbcConfiguration.createConverter(context.bean("JdbcMappingContext", JdbcMappingContext.class),
				operations(context), relations, conversions(), DIALECT);
	}

	private static JdbcAggregateTemplate aggregateTemplate(InstanceContext<PostgresSettings> context) {
		JdbcConverter converter = context.bean("JdbcConverter", JdbcConverter.class);
		JdbcAggregateTemplate template = new JdbcAggregateTemplate(converter,
				context.bean("DataAccessStrategy", DataAccessStrategy.class));
		// the application's callbacks, and sequence-generated ids on this instance's connection
		// only (Spring Data registers that callback as a bean, which would serve every instance)
		EntityCallbacks callbacks = EntityCallbacks.create(context.beanFactory());
		callbacks.addEntityCallback(new IdGeneratingEntityCallback(converter.getMappingContext(), DIALECT,
				operations(context)));
		template.setEntityCallbacks(callbacks);
		// events are published once the container hands the template its context
		return template;
	}

	private static NamedParameterJdbcOperations operations(InstanceContext<PostgresSettings> context) {
		return context.bean("NamedParameterJdbcTemplate", NamedParameterJdbcOperations.class);
	}

	private static int registerRepositories(InstanceBeans<PostgresSettings> beans, List<String> packages,
			PackageOwnership ownership) {
		DefaultResourceLoader resourceLoader = new DefaultResourceLoader(
				((ConfigurableListableBeanFactory) beans.registry()).getBeanClassLoader());
		Map<String, @Nullable String> references = new LinkedHashMap<>();
		references.put("jdbcAggregateOperationsRef", beans.definition().beanName("JdbcAggregateTemplate"));
		references.put("transactionManagerRef", beans.definition().beanName("TransactionManager"));
		// the aggregate template brings them: Spring Data refuses both
		references.put("jdbcOperationsRef", null);
		references.put("dataAccessStrategyRef", null);
		int registered = InstanceRepositories.register(beans, packages, ownership, resourceLoader, Defaults.class,
				EnableJdbcRepositories.class, new JdbcRepositoryConfigExtension(), references);
		resourceLoader.clearResourceCaches();
		return registered;
	}

	@EnableJdbcRepositories
	private static final class Defaults {

	}

	private Map<String, List<String>> declaredPackages(InstanceBeans<PostgresSettings> beans) {
		if (this.declaredPackagesEnvironment != beans.environment()) {
			this.declaredPackages = PackageOwnership.declaredPackages(beans.definition().type(), beans.environment(),
					SETTING);
			this.declaredPackagesEnvironment = beans.environment();
		}
		return this.declaredPackages;
	}

	@Override
	public Set<String> replacedAutoConfigurations() {
		return Set.of(BOOT_DATA_JDBC);
	}

}
