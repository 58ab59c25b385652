package dev.plugboard.core.spi;

import java.util.List;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * Asks one kind of Spring Cloud {@link DiscoveryClient} for the passing instances of a service
 * that carry some tags, the way that client's server can answer it (Consul filters by health and
 * tag itself). Without an adapter, Plugboard asks the client for every instance of the service and
 * matches tags against each instance's metadata. Adapters are beans.
 *
 * @author Plugboard
 */
public interface DiscoveryAdapter {

	/**
	 * Whether this adapter asks the given client.
	 * @param client one of the application's discovery clients
	 * @return {@code true} if it does
	 */
	boolean supports(DiscoveryClient client);

	/**
	 * The short name of the discovery system, shown as {@code (via <name>)}.
	 * @return for example {@code consul}
	 */
	String name();

	/**
	 * The passing instances of a service that carry every one of the tags.
	 * @param client the client, one this adapter supports
	 * @param service the service name
	 * @param tags the tags, possibly empty
	 * @return the instances, possibly empty
	 */
	List<ServiceInstance> instances(DiscoveryClient client, String service, List<String> tags);

}
