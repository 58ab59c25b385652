package dev.plugboard.postgres.datajdbc;

import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.TypeFilter;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.data.repository.config.AnnotationRepositoryConfigurationSource;
import org.springframework.data.repository.config.BootstrapMode;
import org.springframework.data.util.Streamable;

/**
 * What {@code @EnableJdbcRepositories} would say for one instance: its packages, its aggregate
 * template and its transaction manager, so that applications need no annotation per instance.
 *
 * @author Plugboard
 */
final class InstanceJdbcRepositoriesSource extends AnnotationRepositoryConfigurationSource {

	private final List<String> packages;

	private final TypeFilter excludeFilter;

	private final String aggregateTemplate;

	private final String transactionManager;

	InstanceJdbcRepositoriesSource(ResourceLoader resourceLoader, Environment environment,
			BeanDefinitionRegistry registry, List<String> packages, TypeFilter excludeFilter, String aggregateTemplate,
			String transactionManager) {
		super(AnnotationMetadata.introspect(Defaults.class), EnableJdbcRepositories.class, resourceLoader, environment,
				registry, null);
		this.packages = packages;
		this.excludeFilter = excludeFilter;
		this.aggregateTemplate = aggregateTemplate;
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
		return switch (name) {
			case "jdbcAggregateOperationsRef" -> Optional.of(type.cast(this.aggregateTemplate));
			case "transactionManagerRef" -> Optional.of(type.cast(this.transactionManager));
			// the aggregate template brings them: Spring Data refuses both
			case "jdbcOperationsRef", "dataAccessStrategyRef" -> Optional.empty();
			default -> super.getAttribute(name, type);
		};
	}

	@Override
	public BootstrapMode getBootstrapMode() {
		return BootstrapMode.DEFAULT;
	}

	@EnableJdbcRepositories
	private static final class Defaults {

	}

}
