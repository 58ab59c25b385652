package dev.plugboard.discovery.consul;

import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;

import dev.plugboard.core.testing.TcpProxy;
import dev.plugboard.discovery.consul.testing.ConsulServer;
import dev.plugboard.discovery.consul.testing.ConsulStandIn;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Consul for each test (the stand-in unless a test asks for another of
 * {@link ConsulServer#available()}) and the application under test, both closed after it.
 */
abstract class ConsulTestSupport {

	static final String SERVERS = "dev.plugboard.discovery.consul.testing.ConsulServer#available";

	ConsulServer consul = ConsulStandIn.start(TcpProxy.freePort());

	ConfigurableApplicationContext context;

	void use(Supplier<ConsulServer> server) {
		this.consul.close();
		this.consul = server.get();
	}

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
		this.consul.close();
	}

}
