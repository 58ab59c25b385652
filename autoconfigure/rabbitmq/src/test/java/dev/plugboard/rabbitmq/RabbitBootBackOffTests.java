package dev.plugboard.rabbitmq;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.rabbitmq.testing.RabbitBroker;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.Queue;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.config.DirectRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.config.RabbitListenerConfigUtils;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitMessagingTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.boot.amqp.autoconfigure.CachingConnectionFactoryConfigurer;
import org.springframework.boot.amqp.autoconfigure.DirectRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionFactoryBeanConfigurer;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateConfigurer;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With every auto-configuration on the classpath, as in an application, Spring Boot's RabbitMQ
 * auto-configuration stays out while instances are declared: nothing built from
 * {@code spring.rabbitmq.*} appears beside them, and {@code @RabbitListener}s still work.
 */
class RabbitBootBackOffTests {

	private static final String EVENTS = RabbitBroker.uniqueName("plugboard-backoff-events");

	private static final String BILLING = RabbitBroker.uniqueName("plugboard-backoff-billing");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(Application.class)
		// what Boot would build from this names a broker that no instance uses
		.withPropertyValues("spring.rabbitmq.host=boot-only-host", "spring.rabbitmq.virtual-host=boot-only");

	private final ApplicationContextRunner withInstances = this.contextRunner.withPropertyValues(
			"plugboard.rabbitmq.events.url=" + RabbitBroker.url(EVENTS),
			"plugboard.rabbitmq.billing.url=" + RabbitBroker.url(BILLING));

	@BeforeAll
	static void createVirtualHosts() {
		RabbitBroker.createVirtualHost(EVENTS);
		RabbitBroker.createVirtualHost(BILLING);
	}

	@AfterAll
	static void deleteVirtualHosts() {
		RabbitBroker.deleteVirtualHost(EVENTS);
		RabbitBroker.deleteVirtualHost(BILLING);
	}

	@Test
	void noBootRabbitBeanAppearsBesideTheInstancesAndListenersWork() {
		this.withInstances.withPropertyValues("plugboard.rabbitmq.events.primary=true")
			.withUserConfiguration(Listeners.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertNoBootHelperBeans(context);
				assertThat(context.getBeansOfType(ConnectionFactory.class)).containsOnlyKeys("eventsConnectionFactory",
						"billingConnectionFactory");
				assertThat(context.getBeansOfType(RabbitListenerContainerFactory.class))
					.containsOnlyKeys("eventsRabbitListenerContainerFactory", "billingRabbitListenerContainerFactory");
				// what applications do need stays: @RabbitListener support and the messaging template
				assertThat(context).hasSingleBean(RabbitListenerEndpointRegistry.class);
				assertThat(context.containsBean(RabbitListenerConfigUtils.RABBIT_LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME))
					.isTrue();
				assertThat(context.getBean(RabbitMessagingTemplate.class).getRabbitTemplate())
					.isSameAs(context.getBean("eventsRabbitTemplate"));
				// a plain listener on the primary, a qualified one on billing: real round trips
				Listeners listeners = context.getBean(Listeners.class);
				context.getBean(RabbitMessagingTemplate.class).convertAndSend(Listeners.EVENTS_QUEUE, "to-events");
				context.getBean("billingRabbitInstance", RabbitInstance.class).publish(Listeners.BILLING_QUEUE, "to-billing");
				assertThat(listeners.events.poll(10, TimeUnit.SECONDS)).isEqualTo("to-events");
				assertThat(listeners.billing.poll(10, TimeUnit.SECONDS)).isEqualTo("to-billing");
			});
	}

	@Test
	void withoutPrimaryThereIsNoMessagingTemplateAndQualifiedListenersWork() {
		this.withInstances.withUserConfiguration(BillingListener.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertNoBootHelperBeans(context);
			assertThat(context).doesNotHaveBean(RabbitMessagingTemplate.class);
			context.getBean("billingRabbitInstance", RabbitInstance.class).publish(Listeners.BILLING_QUEUE, "hello");
			assertThat(context.getBean(BillingListener.class).received.poll(10, TimeUnit.SECONDS)).isEqualTo("hello");
		});
	}

	@Test
	void withoutInstancesBootConfiguresRabbitAsUsual() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(RabbitProperties.class).hasSingleBean(RabbitConnectionDetails.class);
			assertThat(context.getBean(CachingConnectionFactory.class).getVirtualHost()).isEqualTo("boot-only");
			assertThat(context).doesNotHaveBean(RabbitInstance.class);
			assertThat(context).hasSingleBean(RabbitMessagingTemplate.class);
		});
	}

	private static void assertNoBootHelperBeans(AssertableApplicationContext context) {
		assertThat(context).doesNotHaveBean(RabbitProperties.class)
			.doesNotHaveBean(RabbitConnectionDetails.class)
			.doesNotHaveBean(RabbitConnectionFactoryBeanConfigurer.class)
			.doesNotHaveBean(CachingConnectionFactoryConfigurer.class)
			.doesNotHaveBean(RabbitTemplateConfigurer.class)
			.doesNotHaveBean(SimpleRabbitListenerContainerFactoryConfigurer.class)
			.doesNotHaveBean(DirectRabbitListenerContainerFactoryConfigurer.class)
			.doesNotHaveBean(DirectRabbitListenerContainerFactory.class);
		assertThat(context.getBeansOfType(CachingConnectionFactory.class).values())
			.noneMatch((factory) -> "boot-only-host".equals(factory.getHost()));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

	@Component
	static class Listeners {

		static final String EVENTS_QUEUE = "plugboard.backoff.events";

		static final String BILLING_QUEUE = "plugboard.backoff.billing";

		final BlockingQueue<String> events = new LinkedBlockingQueue<>();

		final BlockingQueue<String> billing = new LinkedBlockingQueue<>();

		@RabbitListener(queuesToDeclare = @Queue(name = EVENTS_QUEUE, durable = "false"))
		void events(Message message) {
			this.events.add(new String(message.getBody()));
		}

		@RabbitListener(queuesToDeclare = @Queue(name = BILLING_QUEUE, durable = "false", admins = "billingRabbitAdmin"),
				containerFactory = "billingRabbitListenerContainerFactory")
		void billing(Message message) {
			this.billing.add(new String(message.getBody()));
		}

	}

	@Component
	static class BillingListener {

		final BlockingQueue<String> received = new LinkedBlockingQueue<>();

		@RabbitListener(queuesToDeclare = @Queue(name = Listeners.BILLING_QUEUE, durable = "false",
				admins = "billingRabbitAdmin"), containerFactory = "billingRabbitListenerContainerFactory")
		void listen(Message message) {
			this.received.add(new String(message.getBody()));
		}

	}

}
