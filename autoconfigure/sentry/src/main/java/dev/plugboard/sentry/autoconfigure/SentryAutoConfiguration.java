package dev.plugboard.sentry.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sentry.Sentry;

import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.InstanceRegistrar;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Named Sentry instances. The primary one is Sentry's global instance, which Sentry's own
 * integrations report to (uncaught exceptions, the Logback appender, Spring MVC's exception
 * resolver); the packages of the others route events away from it.
 *
 * @author Plugboard
 */
@AutoConfiguration(after = PlugboardAutoConfiguration.class,
		beforeName = { "io.sentry.spring.boot.jakarta.SentryAutoConfiguration",
				"org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration",
				"org.springframework.boot.task.autoconfigure.TaskExecutionAutoConfiguration" })
@ConditionalOnClass(Sentry.class)
@Import(SentryAutoConfiguration.Registrar.class)
public final class SentryAutoConfiguration {

	static class Registrar extends InstanceRegistrar<SentrySettings> {

		Registrar(Environment environment) {
			super(environment, new SentryType());
		}

		@Override
		protected void afterRegistration(List<InstanceDefinition<SentrySettings>> instances,
				BeanDefinitionRegistry registry) {
			Map<String, String> clients = new LinkedHashMap<>();
			Map<String, List<String>> packages = new LinkedHashMap<>();
			for (InstanceDefinition<SentrySettings> instance : instances) {
				if (!instance.settings().getPackages().isEmpty()) {
					clients.put(instance.name(), instance.beanName("SentryClient"));
					packages.put(instance.name(), List.copyOf(instance.settings().getPackages()));
				}
			}
			RootBeanDefinition routes = new RootBeanDefinition(SentryRoutes.class);
			routes.setInstanceSupplier(() -> new SentryRoutes(clients, packages));
			routes.setRole(RootBeanDefinition.ROLE_INFRASTRUCTURE);
			registry.registerBeanDefinition(SentryRoutes.BEAN_NAME, routes);
			if (instances.stream().anyMatch(InstanceDefinition::primary)) {
				SentrySpring.register(registry);
			}
		}

	}

}
