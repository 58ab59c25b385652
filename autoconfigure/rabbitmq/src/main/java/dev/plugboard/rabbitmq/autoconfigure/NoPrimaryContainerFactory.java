package dev.plugboard.rabbitmq.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.PlugboardException;

import org.springframework.amqp.rabbit.listener.MessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpoint;

/**
 * Stands in for Spring Boot's {@code rabbitListenerContainerFactory} when several RabbitMQ
 * instances are declared and none is primary: Boot's own factory would fail to choose a
 * connection factory, while this one explains, for a {@code @RabbitListener} that names no
 * container factory, which factories there are.
 *
 * @author Plugboard
 */
final class NoPrimaryContainerFactory implements RabbitListenerContainerFactory<MessageListenerContainer> {

	private final List<String> instances;

	private final List<String> factories;

	NoPrimaryContainerFactory(List<String> instances, List<String> factories) {
		this.instances = instances;
		this.factories = factories;
	}

	@Override
	public MessageListenerContainer createListenerContainer(@Nullable RabbitListenerEndpoint endpoint) {
		String listener = (endpoint != null) ? "The @RabbitListener '" + endpoint.getId() + "'" : "A listener";
		throw new PlugboardException(listener + " names no containerFactory, and none of the RabbitMQ instances "
				+ this.instances + " is primary, so Plugboard cannot tell which broker it listens to.",
				"Name the instance's factory, for example @RabbitListener(containerFactory = \"" + this.factories.get(0)
						+ "\") (one of " + this.factories + "), or mark one instance 'primary: true'.");
	}

}
