package dev.plugboard.core.health;

import dev.plugboard.core.InstanceGroup;
import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.InstanceType;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Registers the health contributor of one type, {@code <type>HealthContributor}, when Spring
 * Boot's health support is present and {@code management.health.<type>.enabled} is not false.
 * It also takes the names of Boot's own contributors for the same technology so that they back
 * off instead of checking the same pools again without a timeout.
 *
 * @author Plugboard
 */
public final class PlugboardHealthRegistration {

	private static final String HEALTH_CONTRIBUTOR = "org.springframework.boot.health.contributor.HealthContributor";

	private PlugboardHealthRegistration() {
	}

	/**
	 * Register the contributor of a type if health is available and enabled.
	 * @param registry the registry
	 * @param environment the environment
	 * @param type the type
	 * @param groupBeanName the bean holding the type's instances
	 */
	public static void register(BeanDefinitionRegistry registry, Environment environment, InstanceType<?> type,
			String groupBeanName) {
		if (!ClassUtils.isPresent(HEALTH_CONTRIBUTOR, PlugboardHealthRegistration.class.getClassLoader())
				|| !isEnabled(environment, type.name())) {
			return;
		}
		String beanName = InstanceDefinition.Names.camelCase(type.name()) + "HealthContributor";
		ListableBeanFactory beanFactory = (ListableBeanFactory) registry;
		RootBeanDefinition contributor = new RootBeanDefinition(TypeHealthContributor.class);
		contributor.setInstanceSupplier(() -> new TypeHealthContributor(
				beanFactory.getBean(groupBeanName, InstanceGroup.class), beanFactory.getBeanProvider(InstanceGroup.class)));
		registry.registerBeanDefinition(beanName, contributor);
		for (String replaced : type.replacedHealthContributors()) {
			if (!registry.isBeanNameInUse(replaced)) {
				registry.registerAlias(beanName, replaced);
			}
		}
	}

	private static boolean isEnabled(Environment environment, String type) {
		Binder binder = Binder.get(environment);
		boolean defaults = binder.bind("management.health.defaults.enabled", Boolean.class).orElse(true);
		return binder.bind("management.health." + type + ".enabled", Boolean.class).orElse(defaults);
	}

}
