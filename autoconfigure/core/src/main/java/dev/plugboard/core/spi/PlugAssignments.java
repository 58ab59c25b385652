package dev.plugboard.core.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import dev.plugboard.Plug;
import dev.plugboard.PlugInstance;
import dev.plugboard.Plugboard;

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


	/**
	 * The beans of a type that belong to an instance: those qualified
	 * {@code @Plug("<instance>")} and, on the primary instance, unqualified ones.
	 * @param <T> the bean type
	 * @param context the instance
	 * @param type the bean type
	 * @param typeLabel how messages name the instance's type, for example {@code Redis}
	 * @return the beans by bean name, in the order of the bean names
	 * @throws PlugboardException if a bean names an instance of the type that does not exist
	 */
	public static <T> Map<String, T> assigned(InstanceContext<?> context, Class<T> type, String typeLabel) {
		ListableBeanFactory beanFactory = context.beanFactory();
		Set<String> known = null;
		Map<String, T> assigned = new LinkedHashMap<>();
		for (String beanName : beanFactory.getBeanNamesForType(type, true, false)) {
			String instance = instanceOf(beanFactory, beanName);
			if (instance == null ? context.definition().primary() : instance.equals(context.name())) {
				assigned.put(beanName, beanFactory.getBean(beanName, type));
			}
			else if (instance != null) {
				known = (known != null) ? known : instances(beanFactory, context.definition().type());
				if (!known.contains(instance)) {
					throw new PlugboardException("The " + type.getSimpleName() + " bean '" + beanName
							+ "' is annotated @Plug(\"" + instance + "\") but there is no " + typeLabel + " instance '"
							+ instance + "'. Known instances: " + known + ".",
							"Use the name of a configured instance, or declare one under 'plugboard."
									+ context.definition().type() + "." + instance + "'.");
				}
			}
		}
		return assigned;
	}

	/**
	 * The beans {@link #assigned assigned} to an instance, in the order Spring would inject them
	 * ({@code Ordered}, {@code @Order} on the class or on the {@code @Bean} method).
	 * @param <T> the bean type
	 * @param context the instance
	 * @param type the bean type
	 * @param assigned the beans assigned to the instance
	 * @return the beans
	 */
	public static <T> List<T> ordered(InstanceContext<?> context, Class<T> type, Map<String, T> assigned) {
		if (assigned.isEmpty()) {
			return List.of();
		}
		Set<Object> selected = Collections.newSetFromMap(new IdentityHashMap<>());
		selected.addAll(assigned.values());
		List<T> ordered = new ArrayList<>();
		context.beanFactory().getBeanProvider(type).orderedStream().filter(selected::contains).forEach(ordered::add);
		return ordered;
	}

	private static Set<String> instances(ListableBeanFactory beanFactory, String type) {
		Plugboard plugboard = beanFactory.getBeanProvider(Plugboard.class).getIfAvailable();
		Set<String> names = new TreeSet<>();
		if (plugboard != null) {
			plugboard.instances(type).stream().map(PlugInstance::name).forEach(names::add);
		}
		return names;
	}

}
