package dev.plugboard.rabbitmq.autoconfigure;

import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.InstanceBinder;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves out Spring Boot's RabbitMQ metrics auto-configuration when Plugboard RabbitMQ instances
 * are declared: it would tag each connection factory with its bean name ({@code billingEu}) and
 * replace the metrics collector that tags it with the instance name ({@code billing-eu}).
 *
 * @author Plugboard
 */
public class BootRabbitMetricsFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	private static final String METRICS = "org.springframework.boot.amqp.autoconfigure.metrics.RabbitMetricsAutoConfiguration";

	private @Nullable Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean[] match(@Nullable String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			matches[i] = !METRICS.equals(autoConfigurationClasses[i]) || this.environment == null
					|| new InstanceBinder(this.environment).bind(new RabbitType()).isEmpty();
		}
		return matches;
	}

}
