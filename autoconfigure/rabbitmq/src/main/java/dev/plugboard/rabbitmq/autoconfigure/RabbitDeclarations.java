package dev.plugboard.rabbitmq.autoconfigure;

import java.util.List;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import dev.plugboard.PlugInstance;
import dev.plugboard.Plugboard;
import dev.plugboard.core.spi.PlugAssignments;
import dev.plugboard.core.spi.PlugboardException;

import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Assigns each declaration ({@code Queue}, {@code Exchange}, {@code Binding},
 * {@code Declarables}) to one instance's admin: the instance named by {@code @Plug} on its
 * {@code @Bean} method, on the configuration class that declares that method, or on its
 * component class; the primary instance when there is none. Admins declare only what is
 * assigned to them, so a declaration never lands silently on every broker. Declarations that
 * already name their admins (for example {@code @Queue(admins = ...)} in a
 * {@code @RabbitListener}) are left as they are.
 * <p>
 * Declarations are assigned as they are created and, for those registered as ready-made objects
 * ({@code @RabbitListener(queuesToDeclare = ...)} and {@code bindings}), once every singleton
 * exists, before any admin declares anything.
 *
 * @author Plugboard
 */
final class RabbitDeclarations implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton {

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof Declarable || bean instanceof Declarables) {
			assign(bean, beanName);
		}
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		ConfigurableListableBeanFactory beanFactory = this.beanFactory;
		if (beanFactory == null) {
			return;
		}
		beanFactory.getBeansOfType(Declarable.class, false, false).forEach((name, bean) -> assign(bean, name));
		beanFactory.getBeansOfType(Declarables.class, false, false).forEach((name, bean) -> assign(bean, name));
	}

	private void assign(Object bean, String beanName) {
		List<Declarable> declarables = (bean instanceof Declarables group) ? List.copyOf(group.getDeclarables())
				: List.of((Declarable) bean);
		if (declarables.stream().allMatch((declarable) -> !declarable.getDeclaringAdmins().isEmpty())) {
			return;
		}
		String admin = adminFor(beanName);
		if (admin == null) {
			return;
		}
		for (Declarable declarable : declarables) {
			if (declarable.getDeclaringAdmins().isEmpty()) {
				declarable.setAdminsThatShouldDeclare(admin);
			}
		}
	}

	private @Nullable String adminFor(String beanName) {
		ConfigurableListableBeanFactory beanFactory = this.beanFactory;
		if (beanFactory == null) {
			return null;
		}
		Plugboard plugboard = beanFactory.getBeanProvider(Plugboard.class).getIfAvailable();
		List<PlugInstance> instances = (plugboard != null) ? plugboard.instances("rabbitmq") : List.of();
		if (instances.isEmpty()) {
			return null;
		}
		String instance = PlugAssignments.instanceOf(beanFactory, beanName);
		if (instance == null) {
			PlugInstance primary = instances.stream().filter(PlugInstance::primary).findFirst().orElse(null);
			if (primary == null) {
				throw new PlugboardException("The declaration '" + beanName
						+ "' names no RabbitMQ instance and none is primary, so Plugboard cannot tell which broker it belongs to.",
						"Add @Plug(\"<instance>\") to its @Bean method (one of " + names(instances)
								+ "), or mark one instance 'primary: true'.");
			}
			return primary.beanNames().get("RabbitAdmin");
		}
		for (PlugInstance candidate : instances) {
			if (candidate.name().equals(instance)) {
				return candidate.beanNames().get("RabbitAdmin");
			}
		}
		throw new PlugboardException("The declaration '" + beanName + "' is annotated @Plug(\"" + instance
				+ "\") but there is no RabbitMQ instance '" + instance + "'. Known instances: " + names(instances) + ".",
				"Use the name of a configured instance, or declare one under 'plugboard.rabbitmq." + instance + "'.");
	}

	private static String names(List<PlugInstance> instances) {
		return new TreeSet<>(instances.stream().map(PlugInstance::name).toList()).toString();
	}

}
