package dev.plugboard.postgres.jpa;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.boot.model.naming.PhysicalNamingStrategySnakeCaseImpl;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.boot.spi.IntegratorProvider;
import org.hibernate.tool.schema.spi.SchemaManagementException;
import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.InstanceBeans;
import dev.plugboard.core.spi.InstanceContext;
import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.InvalidSettingException;
import dev.plugboard.postgres.autoconfigure.InstanceRepositories;
import dev.plugboard.postgres.autoconfigure.PackageOwnership;
import dev.plugboard.postgres.autoconfigure.PostgresContributor;
import dev.plugboard.postgres.autoconfigure.PostgresSettings;

import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.data.jpa.repository.config.JpaRepositoryConfigExtension;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.persistenceunit.PersistenceManagedTypesScanner;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;
import org.springframework.util.ClassUtils;

/**
 * Gives a PostgreSQL instance an EntityManagerFactory (persistence unit = instance name), a
 * {@link JpaTransactionManager} and the Spring Data JPA repositories found in its
 * {@code jpa.packages}, bound to that instance.
 * <p>
 * The EntityManagerFactory is built without touching the database, so that a non-critical
 * instance can be down at startup; the schema action ({@code jpa.ddl-auto}) runs each time the
 * instance starts answering, after its Flyway migrations.
 *
 * @author Plugboard
 */
public class PostgresJpaContributor implements PostgresContributor {

	private static final String SPRING_IMPLICIT_NAMING = "org.springframework.boot.hibernate.SpringImplicitNamingStrategy";

	/** The environment {@link #declaredPackages} was bound from. */
	private @Nullable Environment declaredPackagesEnvironment;

	/** The {@code jpa.packages} of every declared instance, bound once per registration. */
	private Map<String, List<String>> declaredPackages = Map.of();

	@Override
	public boolean registerBeans(InstanceBeans<PostgresSettings> beans) {
		InstanceDefinition<PostgresSettings> definition = beans.definition();
		PostgresSettings.Jpa jpa = definition.settings().getJpa();
		List<String> packages = new ArrayList<>(jpa.getPackages());
		boolean enabled = (jpa.getEnabled() != null) ? jpa.getEnabled() : (!packages.isEmpty() || definition.primary());
		if (!enabled) {
			return false;
		}
		// InstanceRegistrar only registers into a ConfigurableListableBeanFactory
		ConfigurableListableBeanFactory beanFactory = (ConfigurableListableBeanFactory) beans.registry();
		boolean implicit = packages.isEmpty();
		if (implicit && AutoConfigurationPackages.has(beanFactory)) {
			packages.addAll(AutoConfigurationPackages.get(beanFactory));
		}
		PackageOwnership ownership = PackageOwnership.of(definition, packages, implicit, declaredPackages(beans));
		// one loader for every scan of the instance, so that the scans share its metadata readers
		DefaultResourceLoader resourceLoader = new DefaultResourceLoader(beanFactory.getBeanClassLoader());
		if (packages.isEmpty() || !hasEntities(packages, ownership, resourceLoader)) {
			if (jpa.getEnabled() == null && jpa.getPackages().isEmpty()) {
				return false;
			}
			throw new InvalidSettingException(definition, "jpa.packages",
					packages.isEmpty() ? "no packages are set" : "no @Entity class was found in " + packages,
					"Set '" + definition.property("jpa.packages")
							+ "' to the packages of the instance's entities and repositories, or set '"
							+ definition.property("jpa.enabled") + "=false' (environment variable "
							+ definition.environmentVariable("jpa.enabled")
							+ "=false) to use the instance with JDBC only.");
		}
		SchemaActions schema = new SchemaActions(definition.name());
		beans.register("EntityManagerFactory", LocalContainerEntityManagerFactoryBean.class,
				(context) -> entityManagerFactory(context, packages, ownership, resourceLoader, schema))
			.customize((bean) -> bean.setAttribute(FactoryBean.OBJECT_TYPE_ATTRIBUTE, EntityManagerFactory.class))
			.primaryAlias("entityManagerFactory");
		beans.register("TransactionManager", JpaTransactionManager.class,
				(context) -> new JpaTransactionManager(context.bean("EntityManagerFactory", EntityManagerFactory.class)))
			.primaryAlias("transactionManager");
		beans.register("SchemaActions", SchemaActions.class, (context) -> schema)
			.customize((bean) -> bean.setRole(BeanDefinition.ROLE_INFRASTRUCTURE));
		registerRepositories(beans, packages, ownership, resourceLoader);
		// the EntityManagerFactory keeps the loader; the metadata read at registration is not kept with it
		resourceLoader.clearResourceCaches();
		return true;
	}

	/**
	 * Spring Boot's JPA would build an EntityManagerFactory of its own on the primary
	 * DataSource whenever no instance has one (a JDBC-only primary), and its repositories would
	 * scan the application's packages for that factory; the instances do both themselves.
	 */
	@Override
	public Set<String> replacedAutoConfigurations() {
		return Set.of("org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
				"org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration");
	}

	@Override
	public @Nullable String advice(InstanceDefinition<PostgresSettings> definition, Throwable error) {
		for (Throwable candidate = error; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof SchemaManagementException) {
				return "Hibernate's schema action '" + definition.settings().getJpa().getDdlAuto()
						+ "' failed: bring the schema in line with the entities (the instance's Flyway migrations in '"
						+ definition.property("flyway.locations") + "' run first), fix the entities in '"
						+ definition.property("jpa.packages") + "', or change '" + definition.property("jpa.ddl-auto")
						+ "' (environment variable " + definition.environmentVariable("jpa.ddl-auto") + ").";
			}
		}
		return null;
	}

	@Override
	public void onAvailable(InstanceContext<PostgresSettings> context) {
		if (!context.beanFactory().containsBean(context.definition().beanName("SchemaActions"))) {
			return;
		}
		// The factory must exist before its metadata can drive the schema action.
		context.bean("EntityManagerFactory", EntityManagerFactory.class);
		context.bean("SchemaActions", SchemaActions.class).apply(context.settings().getJpa().getDdlAuto());
	}

	/**
	 * The {@code jpa.packages} of every declared instance, bound on the first registration of an
	 * instance with JPA and kept for the other instances bound from the same environment.
	 */
	private Map<String, List<String>> declaredPackages(InstanceBeans<PostgresSettings> beans) {
		if (this.declaredPackagesEnvironment != beans.environment()) {
			this.declaredPackages = PackageOwnership.declaredPackages(beans.definition().type(), beans.environment(),
					"jpa.packages");
			this.declaredPackagesEnvironment = beans.environment();
		}
		return this.declaredPackages;
	}

	private static boolean hasEntities(List<String> packages, PackageOwnership ownership,
			ResourceLoader resourceLoader) {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.setResourceLoader(resourceLoader);
		scanner.addIncludeFilter(new AnnotationTypeFilter(Entity.class));
		scanner.addExcludeFilter(ownership.excludeFilter());
		return packages.stream().anyMatch((candidate) -> !scanner.findCandidateComponents(candidate).isEmpty());
	}

	private static LocalContainerEntityManagerFactoryBean entityManagerFactory(InstanceContext<PostgresSettings> context,
			List<String> packages, PackageOwnership ownership, ResourceLoader resourceLoader, SchemaActions schema) {
		PostgresSettings.Jpa jpa = context.settings().getJpa();
		HibernateJpaVendorAdapter adapter = new HibernateJpaVendorAdapter();
		adapter.setShowSql(jpa.isShowSql());
		Map<String, Object> properties = new LinkedHashMap<>();
		// Built without a connection: the instance may be down at startup; the schema action
		// runs later, when the instance answers. Hibernate picks its PostgreSQL dialect from the
		// product name instead of the server's metadata.
		properties.put("hibernate.boot.allow_jdbc_metadata_access", "false");
		properties.put(AvailableSettings.JAKARTA_HBM2DDL_DB_NAME, "PostgreSQL");
		properties.put(AvailableSettings.HBM2DDL_AUTO, "none");
		properties.put(AvailableSettings.PHYSICAL_NAMING_STRATEGY, PhysicalNamingStrategySnakeCaseImpl.class.getName());
		if (ClassUtils.isPresent(SPRING_IMPLICIT_NAMING, PostgresJpaContributor.class.getClassLoader())) {
			properties.put(AvailableSettings.IMPLICIT_NAMING_STRATEGY, SPRING_IMPLICIT_NAMING);
		}
		// Without the server's metadata Hibernate knows no current schema, and its schema checks
		// would take a table of that name in any schema for the instance's own
		String defaultSchema = context.settings().defaultSchema();
		if (defaultSchema != null) {
			properties.put(AvailableSettings.DEFAULT_SCHEMA, defaultSchema);
		}
		properties.putAll(jpa.getProperties());
		properties.put("hibernate.integrator_provider", (IntegratorProvider) () -> List.of(schema));
		LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
		DataSource dataSource = context.bean("DataSource", DataSource.class);
		HibernateReport.replace(context.name(), dataSource);
		factory.setDataSource(dataSource);
		factory.setPersistenceUnitName(context.name());
		// scanned here rather than with setPackagesToScan, to leave out other instances' packages
		factory.setManagedTypes(new PersistenceManagedTypesScanner(resourceLoader, ownership::owns)
			.scan(packages.toArray(String[]::new)));
		factory.setJpaVendorAdapter(adapter);
		factory.setJpaPropertyMap(properties);
		return factory;
	}

	private static void registerRepositories(InstanceBeans<PostgresSettings> beans, List<String> packages,
			PackageOwnership ownership, ResourceLoader resourceLoader) {
		Map<String, @Nullable String> references = new LinkedHashMap<>();
		references.put("entityManagerFactoryRef", beans.definition().beanName("EntityManagerFactory"));
		references.put("transactionManagerRef", beans.definition().beanName("TransactionManager"));
		InstanceRepositories.register(beans, packages, ownership, resourceLoader, Defaults.class,
				EnableJpaRepositories.class, new JpaRepositoryConfigExtension(), references);
	}

	@EnableJpaRepositories
	private static final class Defaults {

	}

}
