package dev.plugboard.core.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.plugboard.core.InstanceGroup;
import dev.plugboard.core.health.PlugboardHealthRegistration;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Registers the beans of every instance of one type. An integration's auto-configuration
 * imports a subclass of it and is ordered before Spring Boot's own auto-configuration for the
 * same technology, so that Boot's {@code @ConditionalOnMissingBean} conditions see the
 * instances' beans and back off:
 *
 * <pre class="code">
 * &#064;AutoConfiguration(before = DataSourceAutoConfiguration.class)
 * &#064;Import(PostgresAutoConfiguration.Registrar.class)
 * public final class PostgresAutoConfiguration {
 *     static class Registrar extends InstanceRegistrar&lt;PostgresSettings&gt; {
 *         Registrar(Environment environment) {
 *             super(environment, new PostgresType());
 *         }
 *     }
 * }
 * </pre>
 *
 * @param <S> the type settings
 * @author Plugboard
 */
public abstract class InstanceRegistrar<S extends InstanceSettings> implements ImportBeanDefinitionRegistrar {

	private final Environment environment;

	private final InstanceType<S> type;

	protected InstanceRegistrar(Environment environment, InstanceType<S> type) {
		this.environment = environment;
		this.type = type;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Assert.isInstanceOf(ConfigurableListableBeanFactory.class, registry,
				"Plugboard needs a ConfigurableListableBeanFactory");
		ConfigurableListableBeanFactory beanFactory = (ConfigurableListableBeanFactory) registry;
		String groupBeanName = groupBeanName(this.type.name());
		if (registry.containsBeanDefinition(groupBeanName)) {
			return;
		}
		List<InstanceDefinition<S>> definitions = new InstanceBinder(this.environment).bind(this.type);
		if (definitions.isEmpty()) {
			return;
		}
		Map<String, Map<String, String>> beanNames = new LinkedHashMap<>();
		Map<String, Set<String>> secrets = new LinkedHashMap<>();
		List<InstanceConnectionProvider> providers = SpringFactoriesLoader
			.loadFactories(InstanceConnectionProvider.class, getClass().getClassLoader());
		for (InstanceDefinition<S> definition : definitions) {
			for (InstanceConnectionProvider provider : providers) {
				provider.provide(this.type, definition, this.environment);
			}
			definition.endpoint(this.type.prepare(definition));
			Set<String> instanceSecrets = new java.util.HashSet<>(SettingsTree.secrets(definition.settings()));
			instanceSecrets.addAll(this.type.secrets(definition));
			secrets.put(definition.name(), instanceSecrets);
			InstanceBeans<S> beans = new InstanceBeans<>(definition, registry,
					(beanName) -> group(beanFactory, groupBeanName).context(definition.name()), this.environment);
			this.type.registerBeans(beans);
			beanNames.put(definition.name(), beans.beanNames());
		}
		List<InstanceDefinition<S>> frozen = new ArrayList<>(definitions);
		RootBeanDefinition group = new RootBeanDefinition(InstanceGroup.class);
		group.setInstanceSupplier(() -> new InstanceGroup(this.type, frozen, beanNames, secrets, beanFactory));
		group.setRole(RootBeanDefinition.ROLE_INFRASTRUCTURE);
		registry.registerBeanDefinition(groupBeanName, group);
		PlugboardHealthRegistration.register(registry, this.environment, this.type, groupBeanName);
		afterRegistration(List.copyOf(frozen), registry);
	}

	/**
	 * Called once the beans of every instance are registered, to register beans that depend on
	 * the set of instances as a whole (for example a default that only exists without a
	 * primary instance). Not called when no instance is declared.
	 * @param instances the declared instances, prepared
	 * @param registry the registry
	 */
	protected void afterRegistration(List<InstanceDefinition<S>> instances, BeanDefinitionRegistry registry) {
	}

	private static InstanceGroup group(ConfigurableListableBeanFactory beanFactory, String groupBeanName) {
		return beanFactory.getBean(groupBeanName, InstanceGroup.class);
	}

	/**
	 * The name of the bean that holds the managed instances of a type.
	 * @param type the type name
	 * @return for example {@code plugboardPostgresInstances}
	 */
	public static String groupBeanName(String type) {
		return "plugboard" + StringUtils.capitalize(InstanceDefinition.Names.camelCase(type)) + "Instances";
	}

}
