package dev.plugboard.core.spi;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.plugboard.Plug;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.MethodMetadata;
import org.springframework.util.ClassUtils;

/**
 * Which instance a user's bean is assigned to with {@link Plug @Plug} — a RabbitMQ queue
 * declared on one broker, a cache configuration for one Redis instance.
 *
 * @author Plugboard
 */
public final class PlugAssignments {

	private PlugAssignments() {
	}

	/**
	 * The instance named by {@code @Plug} on the bean's {@code @Bean} method or class, as a
	 * qualifier of a programmatic bean definition, or on the configuration class that declares
	 * it.
	 * @param beanFactory the bean factory
	 * @param beanName the bean
	 * @return the instance name, or {@code null} if the bean is not assigned to one
	 */
	public static @Nullable String instanceOf(ListableBeanFactory beanFactory, String beanName) {
		ConfigurableListableBeanFactory configurable = (beanFactory instanceof ConfigurableListableBeanFactory cbf)
				? cbf : null;
		BeanDefinition definition = (configurable != null && configurable.containsBeanDefinition(beanName))
				? configurable.getBeanDefinition(beanName) : null;
		// the factory method's own annotation first: findAnnotationOnBean would also find one on
		// the returned type
		if (definition instanceof AnnotatedBeanDefinition annotated) {
			MethodMetadata method = annotated.getFactoryMethodMetadata();
			Map<String, Object> attributes = (method != null) ? method.getAnnotationAttributes(Plug.class.getName())
					: null;
			if (attributes != null) {
				return (String) attributes.get("value");
			}
		}
		Plug plug = beanFactory.findAnnotationOnBean(beanName, Plug.class);
		if (plug != null) {
			return plug.value();
		}
		if (configurable == null || definition == null) {
			return null;
		}
		if (definition instanceof AbstractBeanDefinition abstractDefinition) {
			AutowireCandidateQualifier qualifier = abstractDefinition.getQualifier(Plug.class.getName());
			if (qualifier != null
					&& qualifier.getAttribute(AutowireCandidateQualifier.VALUE_KEY) instanceof String value) {
				return value;
			}
		}
		String factoryBean = definition.getFactoryBeanName();
		if (factoryBean != null && configurable.containsBeanDefinition(factoryBean)) {
			Class<?> configuration = configurable.getType(factoryBean, false);
			if (configuration != null) {
				Plug onClass = AnnotatedElementUtils.findMergedAnnotation(ClassUtils.getUserClass(configuration),
						Plug.class);
				if (onClass != null) {
					return onClass.value();
				}
			}
		}
		return null;
	}

}
