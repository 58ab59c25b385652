package dev.plugboard.discovery.consul;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.DiscoveryAdapter;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.consul.ConsulClient;
import org.springframework.cloud.consul.ConsulClient.QueryParams;
import org.springframework.cloud.consul.discovery.ConsulDiscoveryClient;
import org.springframework.cloud.consul.model.http.health.HealthService;
import org.springframework.cloud.consul.discovery.ConsulServiceInstance;

/**
 * Asks Consul for the instances of a service that pass their health checks and carry the tags
 * ({@code GET /v1/health/service/<name>?passing=true&tag=…}), with the application's own
 * Consul client and ACL token, whatever {@code spring.cloud.consul.discovery.query-passing} says
 * for HTTP clients.
 *
 * @author Plugboard
 */
public class ConsulDiscoveryAdapter implements DiscoveryAdapter {

	private final ConsulClient consul;

	private final @Nullable String aclToken;

	/**
	 * Create the adapter.
	 * @param consul the application's Consul client
	 * @param aclToken the ACL token of discovery, or {@code null}
	 */
	public ConsulDiscoveryAdapter(ConsulClient consul, @Nullable String aclToken) {
		this.consul = consul;
		this.aclToken = aclToken;
	}

	@Override
	public boolean supports(DiscoveryClient client) {
		return client instanceof ConsulDiscoveryClient;
	}

	@Override
	public String name() {
		return "consul";
	}

	@Override
	public List<ServiceInstance> instances(DiscoveryClient client, String service, List<String> tags) {
		List<HealthService> passing = this.consul
			.getHealthServices(service, true, this.aclToken, tags.isEmpty() ? null : tags, QueryParams.DEFAULT)
			.getBody();
		List<ServiceInstance> instances = new ArrayList<>();
		if (passing != null) {
			for (HealthService health : passing) {
				instances.add(new ConsulServiceInstance(health, service));
			}
		}
		return instances;
	}

}
