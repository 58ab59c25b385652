package dev.plugboard.discovery.consul.autoconfigure;

import dev.plugboard.discovery.consul.ConsulDiscoveryAdapter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.consul.ConsulClient;
import org.springframework.cloud.consul.discovery.ConsulDiscoveryClient;
import org.springframework.cloud.consul.discovery.ConsulDiscoveryClientConfiguration;
import org.springframework.cloud.consul.discovery.ConsulDiscoveryProperties;
import org.springframework.context.annotation.Bean;

/**
 * Lets {@code discovery://} instances ask Consul itself for passing, tagged service instances.
 *
 * @author Plugboard
 */
@AutoConfiguration(after = ConsulDiscoveryClientConfiguration.class)
@ConditionalOnClass(ConsulDiscoveryClient.class)
@ConditionalOnBean(ConsulClient.class)
public final class ConsulDiscoveryAdapterAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ConsulDiscoveryAdapter plugboardConsulDiscoveryAdapter(ConsulClient consulClient,
			ObjectProvider<ConsulDiscoveryProperties> properties) {
		ConsulDiscoveryProperties discovery = properties.getIfAvailable();
		return new ConsulDiscoveryAdapter(consulClient, (discovery != null) ? discovery.getAclToken() : null);
	}

}
