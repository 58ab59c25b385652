package dev.plugboard.discovery.consul.testing;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Named;

import dev.plugboard.core.testing.TcpProxy;

/**
 * A Consul HTTP API for the tests to register services in: the stand-in always, and a real
 * Consul agent in a container where a Docker engine answers.
 */
public interface ConsulServer extends AutoCloseable {

	int port();

	/**
	 * Register a service instance with one health check in the given state.
	 * @param service the service name
	 * @param id the instance id
	 * @param address the address
	 * @param port the port
	 * @param status passing, warning or critical
	 * @param tags the tags
	 */
	void register(String service, String id, String address, int port, String status, String... tags);

	void status(String id, String status);

	void deregister(String id);

	/** Stop answering. */
	void stop();

	/** Answer again, on the same port. */
	void start() throws Exception;

	/**
	 * The requests answered, where the server records them (the stand-in does).
	 * @return the requests, or {@code null}
	 */
	@Nullable List<String> requests();

	@Override
	void close();

	/**
	 * The servers to run a test against: the stand-in, and a Consul container where Docker
	 * answers.
	 * @return the servers, each started when the test asks
	 */
	static Stream<Named<Supplier<ConsulServer>>> available() {
		Named<Supplier<ConsulServer>> standIn = Named.of("stand-in of Consul's HTTP API",
				() -> ConsulStandIn.start(TcpProxy.freePort()));
		if (!ConsulContainer.dockerAnswers()) {
			return Stream.of(standIn);
		}
		return Stream.of(standIn, Named.of("Consul agent in a container", ConsulContainer::launch));
	}

}
