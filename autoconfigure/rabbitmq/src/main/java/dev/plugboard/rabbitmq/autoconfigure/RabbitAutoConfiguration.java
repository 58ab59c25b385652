package dev.plugboard.rabbitmq.autoconfigure;

import java.util.List;

import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.InstanceRegistrar;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;

/**
 * Named RabbitMQ instances over Spring AMQP. Spring Boot's RabbitMQ auto-configuration is left
 * out when instances are declared (see {@link RabbitType#replacedAutoConfigurations()}); this
 * one is still ordered before it, so that where it runs all the same (imported by name, for
 * example) it sees the instances' beans and backs off. {@code @RabbitListener}s use the primary
 * instance's container factory.
 *
 * @author Plugboard
 */
@AutoConfiguration(after = PlugboardAutoConfiguration.class,
		// its @ServiceConnection beans are registered before the instances look for ConnectionDetails
		afterName = "org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration",
		beforeName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
@ConditionalOnClass(CachingConnectionFactory.class)
@Import(RabbitAutoConfiguration.Registrar.class)
public final class RabbitAutoConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static RabbitDeclarations plugboardRabbitDeclarations() {
		return new RabbitDeclarations();
	}

	static class Registrar extends InstanceRegistrar<RabbitSettings> {

		private static final String DEFAULT_FACTORY = "rabbitListenerContainerFactory";

		Registrar(Environment environment) {
			super(environment, new RabbitType());
		}

		@Override
		protected void afterRegistration(List<InstanceDefinition<RabbitSettings>> instances,
				BeanDefinitionRegistry registry) {
			if (registry.isBeanNameInUse(DEFAULT_FACTORY)) {
				return;
			}
			// several instances, none primary: without a bean of this name Spring Boot would
			// build a factory that fails to pick one of the connection factories
			List<String> names = instances.stream().map(InstanceDefinition::name).sorted().toList();
			List<String> factories = instances.stream()
				.map((instance) -> instance.beanName("RabbitListenerContainerFactory"))
				.sorted()
				.toList();
			RootBeanDefinition factory = new RootBeanDefinition(NoPrimaryContainerFactory.class);
			factory.setInstanceSupplier(() -> new NoPrimaryContainerFactory(names, factories));
			factory.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
			registry.registerBeanDefinition(DEFAULT_FACTORY, factory);
		}

	}

}
