package dev.plugboard.core.spi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.plugboard.core.InstanceGroup;
import dev.plugboard.core.discovery.PlugboardDiscovery;
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

	/** The attribute that names the {@code ConnectionDetails} bean serving a primary instance. */
	private static final String CONNECTION_DETAILS = "connectionDetails";

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
		IgnoredBootProperties.warn(this.type, definitions, this.environment);
		Map<String, Map<String, String>> beanNames = new LinkedHashMap<>();
		List<InstanceConnectionProvider> providers = SpringFactoriesLoader
			.loadFactories(InstanceConnectionProvider.class, getClass().getClassLoader());
		for (InstanceDefinition<S> definition : definitions) {
			String connectionDetails = definition.primary() ? connectionDetailsBean(beanFactory) : null;
			if (connectionDetails != null) {
				definition.replaceConnection("the " + this.type.connectionDetailsType().getSimpleName() + " bean '"
						+ connectionDetails + "'", this.type.connectionSettings());
				definition.attributes().put(CONNECTION_DETAILS, connectionDetails);
			}
			else {
				provideConnection(definition, providers, registry);
			}
			DiscoveryUrls.apply(this.type, definition);
			definition.endpoint(this.type.prepare(definition));
			InstanceBeans<S> beans = new InstanceBeans<>(definition, registry,
					(beanName) -> group(beanFactory, groupBeanName).context(definition.name()), this.environment);
			if (definition.discoveredService() != null) {
				beans.register("ServiceEndpoints", ServiceEndpoints.class, PlugboardDiscovery::endpointsOf);
			}
			this.type.registerBeans(beans);
			beanNames.put(definition.name(), beans.beanNames());
		}
		List<InstanceDefinition<S>> frozen = new ArrayList<>(definitions);
		RootBeanDefinition group = new RootBeanDefinition(InstanceGroup.class);
		group.setInstanceSupplier(() -> {
			// the group exists before any bean of its instances: the last moment to move one
			frozen.forEach((definition) -> applyConnectionDetails(definition, beanFactory));
			this.type.checkTogether(List.copyOf(frozen));
			return new InstanceGroup(this.type, frozen, beanNames, secrets(frozen), beanFactory);
		});
		group.setRole(RootBeanDefinition.ROLE_INFRASTRUCTURE);
		registry.registerBeanDefinition(groupBeanName, group);
		PlugboardHealthRegistration.register(registry, this.environment, this.type, groupBeanName);
		afterRegistration(List.copyOf(frozen), registry);
	}

	/**
	 * Let the connection providers serve the instance: when it has no connection configured, or
	 * when its type says that the configured one is replaced by a test server here.
	 */
	private void provideConnection(InstanceDefinition<S> definition, List<InstanceConnectionProvider> providers,
			BeanDefinitionRegistry registry) {
		String testServer = (definition.primary() && this.type.hasConnection(definition))
				? this.type.testServerReason(definition, this.environment, registry) : null;
		if (testServer != null) {
			definition.replaceConnection(testServer, this.type.connectionSettings());
		}
		boolean served = false;
		for (InstanceConnectionProvider provider : providers) {
			served = provider.provide(this.type, definition, this.environment);
			if (served) {
				definition.connectionProvided();
				break;
			}
		}
		if (testServer != null && !served) {
			throw new PlugboardException("The " + this.type.name() + " instance '" + definition.name() + "' ('"
					+ definition.property("*") + "') is primary, and " + testServer
					+ ", but nothing can serve it with a test server.",
					"Add plugboard-starter-devservices with test scope, which serves it with an embedded or "
							+ "containerized server, or keep its configured connection with "
							+ "@AutoConfigureTestDatabase(replace = Replace.NONE).");
		}
	}

	/** The single (or the primary) {@code ConnectionDetails} bean of the type, if any. */
	private @Nullable String connectionDetailsBean(ConfigurableListableBeanFactory beanFactory) {
		Class<?> detailsType = this.type.connectionDetailsType();
		if (detailsType == null) {
			return null;
		}
		String[] names = beanFactory.getBeanNamesForType(detailsType, true, false);
		if (names.length == 1) {
			return names[0];
		}
		for (String name : names) {
			if (beanFactory.containsBeanDefinition(name) && beanFactory.getBeanDefinition(name).isPrimary()) {
				return name;
			}
		}
		return null;
	}

	private void applyConnectionDetails(InstanceDefinition<S> definition, ConfigurableListableBeanFactory beanFactory) {
		Object beanName = definition.attributes().get(CONNECTION_DETAILS);
		if (beanName != null) {
			this.type.applyConnectionDetails(beanFactory.getBean((String) beanName), definition);
			definition.endpoint(this.type.prepare(definition));
		}
	}

	private Map<String, Set<String>> secrets(List<InstanceDefinition<S>> definitions) {
		Map<String, Set<String>> secrets = new LinkedHashMap<>();
		for (InstanceDefinition<S> definition : definitions) {
			Set<String> instanceSecrets = new HashSet<>(SettingsTree.secrets(definition.settings()));
			instanceSecrets.addAll(this.type.secrets(definition));
			secrets.put(definition.name(), instanceSecrets);
		}
		return secrets;
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
