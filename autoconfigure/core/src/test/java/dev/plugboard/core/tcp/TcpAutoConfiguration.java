package dev.plugboard.core.tcp;

import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.core.spi.InstanceRegistrar;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the test integration, as a real integration writes it.
 */
@AutoConfiguration(after = PlugboardAutoConfiguration.class)
@Import(TcpAutoConfiguration.Registrar.class)
public final class TcpAutoConfiguration {

	static class Registrar extends InstanceRegistrar<TcpSettings> {

		Registrar(Environment environment) {
			super(environment, new TcpType());
		}

	}

}
