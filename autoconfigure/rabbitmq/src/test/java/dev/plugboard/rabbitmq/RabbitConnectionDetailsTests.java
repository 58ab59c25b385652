package dev.plugboard.rabbitmq;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.InstanceState;
import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.rabbitmq.autoconfigure.RabbitAutoConfiguration;
import dev.plugboard.rabbitmq.testing.RabbitBroker;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link RabbitConnectionDetails} bean (what {@code @ServiceConnection} and Docker Compose
 * register) points the primary instance at its broker, over the instance's own settings; the
 * other instances keep theirs.
 */
class RabbitConnectionDetailsTests {

	private static final String VHOST = RabbitBroker.uniqueName("plugboard-details");

	private static final String QUEUE = "plugboard.details.round-trip";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, RabbitAutoConfiguration.class))
		.withBean(Queue.class, () -> new Queue(QUEUE, false, false, true))
		.withBean(RabbitConnectionDetails.class, () -> new RabbitConnectionDetails() {

			@Override
			public String getUsername() {
				return "guest";
			}

			@Override
			public String getPassword() {
				return "guest";
			}

			@Override
			public String getVirtualHost() {
				return VHOST;
			}

			@Override
			public List<Address> getAddresses() {
				return List.of(new Address(RabbitBroker.HOST, RabbitBroker.PORT));
			}

		});

	@BeforeAll
	static void createVirtualHost() {
		RabbitBroker.createVirtualHost(VHOST);
	}

	@AfterAll
	static void deleteVirtualHost() {
		RabbitBroker.deleteVirtualHost(VHOST);
	}

	@Test
	void aConnectionDetailsBeanMovesThePrimaryInstance() {
		// the configured broker is nowhere: only the bean can make the critical instance answer
		this.contextRunner
			.withPropertyValues("plugboard.rabbitmq.events.url=amqp://nobody:wrong@127.0.0.1:1/elsewhere",
					"plugboard.rabbitmq.events.startup.timeout=2s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				RabbitInstance events = context.getBean(RabbitInstance.class);
				assertThat(events.state()).isEqualTo(InstanceState.RUNNING);
				assertThat(events.connectionFactory().getVirtualHost()).isEqualTo(VHOST);
				assertThat(events.connectionFactory().getPort()).isEqualTo(RabbitBroker.PORT);
				RabbitTemplate template = context.getBean(RabbitTemplate.class);
				template.convertAndSend(QUEUE, "via the bean");
				assertThat(template.receiveAndConvert(QUEUE, 5000)).isEqualTo("via the bean");
			});
	}

	@Test
	void onlyThePrimaryInstanceTakesTheBean() {
		String otherHost = RabbitBroker.uniqueName("plugboard-details-other");
		RabbitBroker.createVirtualHost(otherHost);
		try {
			this.contextRunner
				.withPropertyValues("plugboard.rabbitmq.events.primary=true",
						"plugboard.rabbitmq.events.url=amqp://nobody:wrong@127.0.0.1:1/elsewhere",
						"plugboard.rabbitmq.audit.url=" + RabbitBroker.url(otherHost))
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBean("eventsConnectionFactory",
							org.springframework.amqp.rabbit.connection.CachingConnectionFactory.class)
						.getVirtualHost()).isEqualTo(VHOST);
					assertThat(context.getBean("auditConnectionFactory",
							org.springframework.amqp.rabbit.connection.CachingConnectionFactory.class)
						.getVirtualHost()).isEqualTo(otherHost);
				});
		}
		finally {
			RabbitBroker.deleteVirtualHost(otherHost);
		}
	}

}
