package dev.plugboard.core;

import dev.plugboard.Plugboard;
import dev.plugboard.PlugboardLifecycleListener;

import dev.plugboard.core.discovery.PlugboardDiscovery;
import dev.plugboard.core.spi.DiscoveryAdapter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The core of Plugboard: the registry, the threads and the lifecycle that every integration's
 * instances share. Integrations register their instances with an
 * {@link dev.plugboard.core.spi.InstanceRegistrar}.
 *
 * @author Plugboard
 */
@AutoConfiguration
@EnableConfigurationProperties(PlugboardProperties.class)
@Import(UnknownTypes.class)
public final class PlugboardAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PlugboardRuntime plugboardRuntime() {
		return new PlugboardRuntime();
	}

	@Bean
	@ConditionalOnMissingBean
	PlugboardLifecycle plugboardLifecycle(ObjectProvider<InstanceGroup> groups,
			ObjectProvider<PlugboardLifecycleListener> listeners, PlugboardRuntime plugboardRuntime,
			ApplicationEventPublisher publisher) {
		return new PlugboardLifecycle(groups, listeners, plugboardRuntime, publisher);
	}

	@Bean
	@ConditionalOnMissingBean(Plugboard.class)
	PlugboardRegistry plugboard(ObjectProvider<InstanceGroup> groups) {
		return new PlugboardRegistry(groups);
	}

	/**
	 * Endpoints of the instances whose URL is {@code discovery://…}, asked of Spring Cloud's
	 * {@code DiscoveryClient}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.cloud.client.discovery.DiscoveryClient")
	static class DiscoveryConfiguration {

		@Bean(PlugboardDiscovery.BEAN_NAME)
		PlugboardDiscovery plugboardDiscovery(ObjectProvider<DiscoveryClient> discoveryClients,
				ObjectProvider<DiscoveryAdapter> adapters) {
			return new PlugboardDiscovery(discoveryClients, adapters);
		}

	}

}
