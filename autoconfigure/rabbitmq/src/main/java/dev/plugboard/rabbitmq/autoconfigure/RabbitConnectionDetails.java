package dev.plugboard.rabbitmq.autoconfigure;

import dev.plugboard.core.spi.InstanceDefinition;

/**
 * Points the primary instance at the broker of a Spring Boot
 * {@link org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails} bean (a
 * {@code @ServiceConnection} container, a Docker Compose service or a bean of the application's
 * own): its addresses, credentials and virtual host.
 *
 * @author Plugboard
 */
final class RabbitConnectionDetails {

	private RabbitConnectionDetails() {
	}

	static void apply(Object bean, InstanceDefinition<RabbitSettings> definition) {
		org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails details = (org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails) bean;
		RabbitSettings settings = definition.settings();
		settings.setUrl(null);
		settings.setHost(null);
		settings.setPort(null);
		settings.setAddresses(
				details.getAddresses().stream().map((address) -> address.host() + ":" + address.port()).toList());
		settings.setUsername(details.getUsername());
		settings.setPassword(details.getPassword());
		settings.setVirtualHost(details.getVirtualHost());
	}

}
