package dev.plugboard.sentry.autoconfigure;

import io.sentry.ScopesAdapter;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.util.ClassUtils;

/**
 * Sentry's own Spring integrations (sentry-spring-jakarta), on the primary instance, when they
 * are on the classpath: its exception resolver reports what Spring MVC controllers throw, its
 * filter puts request data on the scope, its task decorator carries the scopes into
 * {@code @Async} work. They are registered as Sentry's Spring Boot starter registers them;
 * nothing of them is rewritten.
 *
 * @author Plugboard
 */
final class SentrySpring {

	static final String EXCEPTION_RESOLVER = "sentryExceptionResolver";

	static final String FILTER = "sentrySpringFilter";

	static final String TASK_DECORATOR = "sentryTaskDecorator";

	/**
	 * Sentry's starter's default: after Spring MVC's own resolvers, so that exceptions that an
	 * {@code @ExceptionHandler} or {@code @ResponseStatus} turns into an answer are not reported.
	 */
	static final int EXCEPTION_RESOLVER_ORDER = 1;

	private static final ClassLoader CLASS_LOADER = SentrySpring.class.getClassLoader();

	private SentrySpring() {
	}

	static void register(BeanDefinitionRegistry registry) {
		if (!ClassUtils.isPresent("io.sentry.spring.jakarta.SentryExceptionResolver", CLASS_LOADER)) {
			return;
		}
		if (ClassUtils.isPresent("org.springframework.web.servlet.HandlerExceptionResolver", CLASS_LOADER)
				&& ClassUtils.isPresent("jakarta.servlet.Filter", CLASS_LOADER)) {
			Web.register(registry);
		}
		if (!registry.containsBeanDefinition(TASK_DECORATOR) && !hasTaskDecorator(registry)) {
			RootBeanDefinition decorator = new RootBeanDefinition(io.sentry.spring.jakarta.SentryTaskDecorator.class);
			registry.registerBeanDefinition(TASK_DECORATOR, decorator);
		}
	}

	private static boolean hasTaskDecorator(BeanDefinitionRegistry registry) {
		return registry instanceof ListableBeanFactory beanFactory
				&& beanFactory.getBeanNamesForType(org.springframework.core.task.TaskDecorator.class, false, false).length > 0;
	}

	/** Kept apart so that the servlet and MVC types load only when present. */
	private static final class Web {

		static void register(BeanDefinitionRegistry registry) {
			if (!registry.containsBeanDefinition(EXCEPTION_RESOLVER)) {
				RootBeanDefinition resolver = new RootBeanDefinition(io.sentry.spring.jakarta.SentryExceptionResolver.class);
				resolver.setInstanceSupplier(() -> new io.sentry.spring.jakarta.SentryExceptionResolver(
						ScopesAdapter.getInstance(),
						new io.sentry.spring.jakarta.tracing.SpringMvcTransactionNameProvider(),
						EXCEPTION_RESOLVER_ORDER));
				registry.registerBeanDefinition(EXCEPTION_RESOLVER, resolver);
			}
			if (!registry.containsBeanDefinition(FILTER)) {
				RootBeanDefinition filter = new RootBeanDefinition(io.sentry.spring.jakarta.SentrySpringFilter.class);
				filter.setInstanceSupplier(() -> new io.sentry.spring.jakarta.SentrySpringFilter(ScopesAdapter.getInstance()));
				registry.registerBeanDefinition(FILTER, filter);
			}
		}

	}

}
