package dev.plugboard.core.spi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.plugboard.Plug;

import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;

/**
 * Registers the beans of one instance, each named {@code <instanceCamel><Role>}, qualified with
 * {@code @Plug("<instance>")} and {@code @Primary} when the instance is primary.
 *
 * @param <S> the type settings
 * @author Plugboard
 */
public final class InstanceBeans<S extends InstanceSettings> {

	private final InstanceDefinition<S> definition;

	private final BeanDefinitionRegistry registry;

	private final Function<String, InstanceContext<S>> contexts;

	private final Map<String, String> beanNames = new LinkedHashMap<>();

	private final Environment environment;

	InstanceBeans(InstanceDefinition<S> definition, BeanDefinitionRegistry registry,
			Function<String, InstanceContext<S>> contexts, Environment environment) {
		this.definition = definition;
		this.registry = registry;
		this.contexts = contexts;
		this.environment = environment;
	}

	/**
	 * The application's environment.
	 * @return the environment
	 */
	public Environment environment() {
		return this.environment;
	}

	public InstanceDefinition<S> definition() {
		return this.definition;
	}

	public S settings() {
		return this.definition.settings();
	}

	/**
	 * The registry, for integrations that register further beans by other means (Spring Data
	 * repositories).
	 * @return the registry
	 */
	public BeanDefinitionRegistry registry() {
		return this.registry;
	}

	/**
	 * Register a bean for a role of this instance.
	 * @param <T> the bean type
	 * @param role the role, capitalized: {@code DataSource} gives {@code primaryDbDataSource}
	 * @param type the bean type, used by Spring Boot's conditions before the bean exists
	 * @param factory creates the bean
	 * @return a handle to refine the registration
	 */
	public <T> Registration register(String role, Class<T> type, Function<InstanceContext<S>, T> factory) {
		String beanName = this.definition.beanName(role);
		RootBeanDefinition bean = new RootBeanDefinition(type);
		bean.setInstanceSupplier(() -> factory.apply(this.contexts.apply(beanName)));
		bean.addQualifier(new AutowireCandidateQualifier(Plug.class, this.definition.name()));
		bean.setPrimary(this.definition.primary());
		bean.setDestroyMethodName(AbstractBeanDefinition.INFER_METHOD);
		this.registry.registerBeanDefinition(beanName, bean);
		this.beanNames.put(role, beanName);
		return new Registration(beanName, bean);
	}

	/**
	 * Record a bean that the integration registered by other means as one of this instance's
	 * beans, so that the endpoint lists it.
	 * @param role the role
	 * @param beanName the bean name
	 */
	public void recordBean(String role, String beanName) {
		this.beanNames.put(role, beanName);
	}

	Map<String, String> beanNames() {
		return this.beanNames;
	}

	/**
	 * Refines one registered bean.
	 */
	public final class Registration {

		private final String beanName;

		private final RootBeanDefinition bean;

		Registration(String beanName, RootBeanDefinition bean) {
			this.beanName = beanName;
			this.bean = bean;
		}

		public String beanName() {
			return this.beanName;
		}

		/**
		 * When the instance is primary, also register the bean under the name Spring Boot
		 * gives the single bean of this kind ({@code transactionManager},
		 * {@code rabbitListenerContainerFactory}), so that consumers that look it up by name
		 * work unchanged and Boot's own bean of that name backs off.
		 * @param bootName the alias
		 * @return this registration
		 */
		public Registration primaryAlias(String bootName) {
			if (InstanceBeans.this.definition.primary() && !InstanceBeans.this.registry.isBeanNameInUse(bootName)) {
				InstanceBeans.this.registry.registerAlias(this.beanName, bootName);
			}
			return this;
		}

		/**
		 * Declare the full generic type of the bean ({@code RedisTemplate<Object, Object>}).
		 * @param type the type
		 * @return this registration
		 */
		public Registration targetType(ResolvableType type) {
			this.bean.setTargetType(type);
			return this;
		}

		/**
		 * Customize the bean definition further.
		 * @param customizer the customizer
		 * @return this registration
		 */
		public Registration customize(Consumer<RootBeanDefinition> customizer) {
			customizer.accept(this.bean);
			return this;
		}

	}

}
