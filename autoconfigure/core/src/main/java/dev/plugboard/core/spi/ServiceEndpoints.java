package dev.plugboard.core.spi;

import java.util.List;

/**
 * Where an instance whose URL is {@code discovery://<service>/…} connects: the passing
 * instances of its service, as a discovery client (Spring Cloud's {@code DiscoveryClient})
 * lists them now. An integration asks at every new physical connection, so that a service that
 * moves is followed without a restart; answers come from a short cache, and from the last known
 * endpoints while the discovery server does not answer.
 *
 * @author Plugboard
 */
public interface ServiceEndpoints {

	/**
	 * The service name.
	 * @return the name, for example {@code users-db}
	 */
	String service();

	/**
	 * The endpoint for one new connection: the one in use while it is still listed, else the
	 * first listed.
	 * @return host and port
	 * @throws IllegalStateException if the service has no passing instance and none is known
	 */
	ConnectionUrl.HostAndPort next();

	/**
	 * Every listed endpoint, for clients that take an address list.
	 * @return the endpoints, never empty
	 * @throws IllegalStateException if the service has no passing instance and none is known
	 */
	List<ConnectionUrl.HostAndPort> all();

	/**
	 * Report that a connection to an endpoint failed, so that the next connection asks the
	 * discovery client again instead of waiting for the cache to expire.
	 * @param endpoint the endpoint
	 */
	void unreachable(ConnectionUrl.HostAndPort endpoint);

}
