package dev.plugboard.postgres.jpa;

import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.TypeFilter;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.data.repository.config.AnnotationRepositoryConfigurationSource;
import org.springframework.data.repository.config.BootstrapMode;
import org.springframework.data.util.Streamable;

/**
 * The repository configuration of one instance: what {@code @EnableJpaRepositories} would say,
 * with the instance's packages, EntityManagerFactory and transaction manager, so that
 * applications need no annotation per instance.
 *
 * @author Plugboard
 */
final class InstanceRepositoriesSource extends AnnotationRepositoryConfigurationSource {

	private final List<String> packages;

	private final TypeFilter excludeFilter;

	private final String entityManagerFactory;

	private final String transactionManager;

	InstanceRepositoriesSource(ResourceLoader resourceLoader, Environment environment, BeanDefinitionRegistry registry,
			List<String> packages, TypeFilter excludeFilter, String entityManagerFactory, String transactionManager) {
		super(AnnotationMetadata.introspect(Defaults.class), EnableJpaRepositories.class, resourceLoader, environment,
				registry, null);
		this.packages = packages;
		this.excludeFilter = excludeFilter;
		this.entityManagerFactory = entityManagerFactory;
		this.transactionManager = transactionManager;
	}

	@Override
	public Streamable<String> getBasePackages() {
		return Streamable.of(this.packages);
	}

	/**
	 * Leaves out the repositories in packages that another instance names more specifically.
	 */
	@Override
	public Streamable<TypeFilter> getExcludeFilters() {
		return super.getExcludeFilters().and(this.excludeFilter);
	}

	@Override
	public <T> Optional<T> getAttribute(String name, Class<T> type) {
		if (name.equals("entityManagerFactoryRef")) {
			return Optional.of(type.cast(this.entityManagerFactory));
		}
		if (name.equals("transactionManagerRef")) {
			return Optional.of(type.cast(this.transactionManager));
		}
		return super.getAttribute(name, type);
	}

	@Override
	public BootstrapMode getBootstrapMode() {
		return BootstrapMode.DEFAULT;
	}

	@EnableJpaRepositories
	private static final class Defaults {

	}

}
