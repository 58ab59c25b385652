package dev.plugboard.postgres.autoconfigure;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.plugboard.Plug;
import dev.plugboard.core.spi.InstanceBeans;
import dev.plugboard.core.spi.InstanceDefinition;

import org.springframework.beans.factory.parsing.BeanComponentDefinition;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.TypeFilter;
import org.springframework.data.repository.config.AnnotationRepositoryConfigurationSource;
import org.springframework.data.repository.config.BootstrapMode;
import org.springframework.data.repository.config.RepositoryConfigurationDelegate;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;
import org.springframework.data.util.Streamable;

/**
 * Registers the Spring Data repositories of one instance, as its module's
 * {@code @Enable…Repositories} would for the instance's packages and beans, so that applications
 * need no annotation per instance; each repository is qualified {@code @Plug("<instance>")}. For
 * the modules that map repositories to instances by package (JPA, Spring Data JDBC).
 *
 * @author Plugboard
 */
public final class InstanceRepositories {

	private InstanceRepositories() {
	}

	/**
	 * Register the repositories under an instance's packages.
	 * @param beans the instance's registration
	 * @param packages the instance's packages
	 * @param ownership which of the classes found there are the instance's own
	 * @param resourceLoader the loader to scan with
	 * @param defaults a class annotated with the module's {@code @Enable…Repositories}, for the
	 * attributes not given here
	 * @param annotation that annotation
	 * @param extension the module's repository configuration extension
	 * @param references attributes naming the instance's beans ({@code transactionManagerRef}…);
	 * {@code null} values are attributes left unset
	 * @return how many repositories were registered
	 */
	public static int register(InstanceBeans<PostgresSettings> beans, List<String> packages,
			PackageOwnership ownership, ResourceLoader resourceLoader, Class<?> defaults,
			Class<? extends Annotation> annotation, RepositoryConfigurationExtension extension,
			Map<String, @Nullable String> references) {
		InstanceDefinition<PostgresSettings> definition = beans.definition();
		Source source = new Source(AnnotationMetadata.introspect(defaults), annotation, resourceLoader,
				beans.environment(), beans.registry(), packages, ownership.excludeFilter(), references);
		List<BeanComponentDefinition> repositories = new RepositoryConfigurationDelegate(source, resourceLoader,
				beans.environment())
			.registerRepositoriesIn(beans.registry(), extension);
		for (BeanComponentDefinition repository : repositories) {
			if (repository.getBeanDefinition() instanceof AbstractBeanDefinition bean) {
				bean.addQualifier(new AutowireCandidateQualifier(Plug.class, definition.name()));
			}
			beans.recordBean("Repository:" + repository.getBeanName(), repository.getBeanName());
		}
		return repositories.size();
	}

	private static final class Source extends AnnotationRepositoryConfigurationSource {

		private final List<String> packages;

		private final TypeFilter excludeFilter;

		private final Map<String, @Nullable String> references;

		Source(AnnotationMetadata defaults, Class<? extends Annotation> annotation, ResourceLoader resourceLoader,
				Environment environment, BeanDefinitionRegistry registry, List<String> packages, TypeFilter excludeFilter,
				Map<String, @Nullable String> references) {
			super(defaults, annotation, resourceLoader, environment, registry, null);
			this.packages = packages;
			this.excludeFilter = excludeFilter;
			this.references = references;
		}

		@Override
		public Streamable<String> getBasePackages() {
			return Streamable.of(this.packages);
		}

		/** Leaves out the repositories in packages that another instance names more specifically. */
		@Override
		public Streamable<TypeFilter> getExcludeFilters() {
			return super.getExcludeFilters().and(this.excludeFilter);
		}

		@Override
		public <T> Optional<T> getAttribute(String name, Class<T> type) {
			if (this.references.containsKey(name)) {
				return Optional.ofNullable(this.references.get(name)).map(type::cast);
			}
			return super.getAttribute(name, type);
		}

		@Override
		public BootstrapMode getBootstrapMode() {
			return BootstrapMode.DEFAULT;
		}

	}

}
