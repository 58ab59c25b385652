package dev.plugboard.rabbitmq;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.InstanceState;
import dev.plugboard.Plug;
import dev.plugboard.Plugboard;
import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.core.spi.PlugboardPhases;
import dev.plugboard.core.testing.FailureAnalyses;
import dev.plugboard.rabbitmq.autoconfigure.RabbitAutoConfiguration;
import dev.plugboard.rabbitmq.testing.RabbitBroker;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.config.RabbitListenerConfigUtils;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitMessagingTemplate;
import org.springframework.amqp.rabbit.core.RabbitOperations;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Two instances, {@code events} (primary) and {@code billing}, on two virtual hosts the test
 * creates on the shared broker, with Spring Boot's own RabbitMQ auto-configuration present.
 */
class RabbitInstancesTests {

	private static final String EVENTS = RabbitBroker.uniqueName("plugboard-events");

	private static final String BILLING = RabbitBroker.uniqueName("plugboard-billing");

	private static final List<String> DECLARED_QUEUES = List.of("plugboard.invoices", "plugboard.unqualified",
			"plugboard.refunds", "plugboard.audit", "plugboard.listener-declared");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, RabbitAutoConfiguration.class,
				org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration.class))
		.withPropertyValues("plugboard.rabbitmq.events.url=" + RabbitBroker.url(EVENTS),
				"plugboard.rabbitmq.billing.url=" + RabbitBroker.url(BILLING));

	private final ApplicationContextRunner withPrimary = this.contextRunner
		.withPropertyValues("plugboard.rabbitmq.events.primary=true");

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
	void eachInstanceGetsItsOwnBeansAndBootBacksOff() {
		this.withPrimary.withUserConfiguration(BillingUser.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(ConnectionFactory.class)).containsOnlyKeys("eventsConnectionFactory",
					"billingConnectionFactory");
			assertThat(context.getBeansOfType(RabbitOperations.class)).containsOnlyKeys("eventsRabbitTemplate",
					"billingRabbitTemplate");
			assertThat(context.getBeansOfType(AmqpAdmin.class)).containsOnlyKeys("eventsRabbitAdmin", "billingRabbitAdmin");
			assertThat(context.getBeansOfType(RabbitListenerContainerFactory.class))
				.containsOnlyKeys("eventsRabbitListenerContainerFactory", "billingRabbitListenerContainerFactory");
			assertThat(context.getBeansOfType(RabbitInstance.class)).containsOnlyKeys("eventsRabbitInstance",
					"billingRabbitInstance");
			// the primary's beans answer to Spring Boot's names and to plain injection
			assertThat(context.getBean("rabbitConnectionFactory")).isSameAs(context.getBean("eventsConnectionFactory"));
			assertThat(context.getBean("rabbitTemplate")).isSameAs(context.getBean("eventsRabbitTemplate"));
			assertThat(context.getBean("amqpAdmin")).isSameAs(context.getBean("eventsRabbitAdmin"));
			assertThat(context.getBean("rabbitListenerContainerFactory"))
				.isSameAs(context.getBean("eventsRabbitListenerContainerFactory"));
			assertThat(context.getBean(RabbitTemplate.class)).isSameAs(context.getBean("eventsRabbitTemplate"));
			assertThat(context.getBean(RabbitInstance.class).name()).isEqualTo("events");
			assertThat(context.getBean(RabbitMessagingTemplate.class).getRabbitTemplate())
				.isSameAs(context.getBean("eventsRabbitTemplate"));
			// @Plug selects the other instance
			assertThat(context.getBean(BillingUser.class).template).isSameAs(context.getBean("billingRabbitTemplate"));
			assertThat(context.getBean(BillingUser.class).billing.name()).isEqualTo("billing");
			// Boot's @EnableRabbit infrastructure stays
			assertThat(context.containsBean(RabbitListenerConfigUtils.RABBIT_LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME))
				.isTrue();
			assertThat(context.getBean(Plugboard.class).instances("rabbitmq"))
				.allSatisfy((instance) -> assertThat(instance.state()).isEqualTo(InstanceState.RUNNING));
		});
	}

	@Test
	void declarationsLandOnlyOnTheirInstance() {
		// other tests of this class declare the same names on the same virtual hosts: start
		// without them, so that only this run's declarations can make them exist
		for (String virtualHost : List.of(EVENTS, BILLING)) {
			DECLARED_QUEUES.forEach((queue) -> RabbitBroker.deleteQueue(virtualHost, queue));
			RabbitBroker.deleteExchange(virtualHost, "plugboard.billing");
			assertThat(DECLARED_QUEUES).noneMatch((queue) -> RabbitBroker.queueExists(virtualHost, queue));
			assertThat(RabbitBroker.exchangeExists(virtualHost, "plugboard.billing")).isFalse();
		}
		this.withPrimary.withUserConfiguration(Declarations.class, BillingDeclarations.class, DeclaringListener.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				// @Plug on the @Bean method
				assertThat(RabbitBroker.queueExists(BILLING, "plugboard.invoices")).isTrue();
				assertThat(RabbitBroker.queueExists(EVENTS, "plugboard.invoices")).isFalse();
				// unqualified: the primary only
				assertThat(RabbitBroker.queueExists(EVENTS, "plugboard.unqualified")).isTrue();
				assertThat(RabbitBroker.queueExists(BILLING, "plugboard.unqualified")).isFalse();
				// Declarables with @Plug: exchange and binding on billing only
				assertThat(RabbitBroker.exchangeExists(BILLING, "plugboard.billing")).isTrue();
				assertThat(RabbitBroker.exchangeExists(EVENTS, "plugboard.billing")).isFalse();
				// @Plug on the configuration class
				assertThat(RabbitBroker.queueExists(BILLING, "plugboard.refunds")).isTrue();
				assertThat(RabbitBroker.queueExists(EVENTS, "plugboard.refunds")).isFalse();
				// admins named by the application are kept
				assertThat(RabbitBroker.queueExists(BILLING, "plugboard.audit")).isTrue();
				assertThat(RabbitBroker.queueExists(EVENTS, "plugboard.audit")).isFalse();
				// @RabbitListener(queuesToDeclare): the primary, whose factory the listener uses
				assertThat(RabbitBroker.queueExists(EVENTS, "plugboard.listener-declared")).isTrue();
				assertThat(RabbitBroker.queueExists(BILLING, "plugboard.listener-declared")).isFalse();
				// the binding works: a message to the billing exchange reaches the invoices queue
				RabbitInstance billing = context.getBean("billingRabbitInstance", RabbitInstance.class);
				billing.publish("plugboard.billing", "invoice", "routed");
				assertThat(billing.template().receiveAndConvert("plugboard.invoices", 5000)).isEqualTo("routed");
			});
	}

	@Test
	void unknownInstanceOnADeclarationIsAStartupErrorListingTheKnownOnes() {
		this.withPrimary.withUserConfiguration(WrongDeclaration.class).run((context) -> {
			FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("@Plug(\"invoicing\")").contains("[billing, events]");
		});
	}

	@Test
	void unqualifiedDeclarationWithoutPrimaryIsAStartupError() {
		this.contextRunner.withUserConfiguration(Declarations.class).run((context) -> {
			FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("'unqualified'").contains("none is primary");
			assertThat(analysis.getAction()).contains("@Plug").contains("[billing, events]");
		});
	}

	@Test
	void withoutPrimaryBootMakesNothingAndQualifiedListenersWork() {
		this.contextRunner.withUserConfiguration(BillingListener.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(ConnectionFactory.class)).hasSize(2);
			assertThat(context.getBeansOfType(RabbitOperations.class)).hasSize(2);
			assertThat(context.getBeansOfType(AmqpAdmin.class)).hasSize(2);
			assertThat(context.containsBean("rabbitTemplate")).isFalse();
			assertThat(context.getBeanNamesForType(RabbitMessagingTemplate.class)).isEmpty();
			context.getBean("billingRabbitInstance", RabbitInstance.class).publish("plugboard.no-primary", "hello");
			assertThat(context.getBean(BillingListener.class).received.poll(10, TimeUnit.SECONDS)).isEqualTo("hello");
		});
	}

	@Test
	void withoutPrimaryAPlainRabbitListenerIsAStartupErrorNamingTheFactories() {
		this.contextRunner.withUserConfiguration(PlainListener.class).run((context) -> {
			FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("names no containerFactory").contains("[billing, events]");
			assertThat(analysis.getAction()).contains("billingRabbitListenerContainerFactory")
				.contains("eventsRabbitListenerContainerFactory")
				.contains("primary: true");
		});
	}

	@Test
	void publishAndConsumePerInstanceWithConfirms() {
		this.withPrimary.withUserConfiguration(Declarations.class).run((context) -> {
			RabbitInstance billing = context.getBean("billingRabbitInstance", RabbitInstance.class);
			RabbitInstance events = context.getBean("eventsRabbitInstance", RabbitInstance.class);
			assertThat(billing.connectionFactory().isPublisherConfirms()).isTrue();
			BlockingQueue<Message> received = new LinkedBlockingQueue<>();
			try (RabbitInstance.Subscription subscription = billing.subscribe("plugboard.invoices", received::add)) {
				billing.publish("plugboard.invoices", "invoice-1");
				Message message = received.poll(10, TimeUnit.SECONDS);
				assertThat(message).isNotNull();
				assertThat(new String(message.getBody())).isEqualTo("invoice-1");
				assertThat(message.getMessageProperties().getMessageId()).isNotBlank();
				events.publish("plugboard.unqualified", "event-1");
				assertThat(events.template().receiveAndConvert("plugboard.unqualified", 5000)).isEqualTo("event-1");
				assertThat(received.poll(300, TimeUnit.MILLISECONDS)).as("nothing crosses instances").isNull();
				assertThat(subscription.isActive()).isTrue();
			}
			assertThat(billing.subscriptions()).isEmpty();
			// a publish the broker refuses is not confirmed, so publish fails rather than lose it
			assertThatExceptionOfType(AmqpException.class)
				.isThrownBy(() -> events.publish("plugboard.no-such-exchange", "key", "lost?"))
				.withMessageContaining("No confirm from RabbitMQ instance 'events'");
		});
	}

	@Test
	void unroutableMandatoryMessageIsReportedNotRetried() {
		this.withPrimary
			.withPropertyValues("plugboard.rabbitmq.events.publisher-returns=true",
					"plugboard.rabbitmq.events.template.mandatory=true")
			.run((context) -> {
				RabbitInstance events = context.getBean("eventsRabbitInstance", RabbitInstance.class);
				assertThatExceptionOfType(AmqpException.class)
					.isThrownBy(() -> events.publish("plugboard.nobody-listens", "lost?"))
					.withMessageContaining("unroutable")
					.withMessageContaining("NO_ROUTE");
			});
	}

	@Test
	void plainRabbitListenerUsesThePrimaryAndQualifiedOneItsInstance() {
		this.withPrimary.withUserConfiguration(Declarations.class, Listeners.class).run((context) -> {
			Listeners listeners = context.getBean(Listeners.class);
			context.getBean("eventsRabbitInstance", RabbitInstance.class).publish("plugboard.unqualified", "to-events");
			context.getBean("billingRabbitInstance", RabbitInstance.class).publish("plugboard.invoices", "to-billing");
			assertThat(listeners.received.poll(10, TimeUnit.SECONDS)).isNotNull();
			assertThat(listeners.received.poll(10, TimeUnit.SECONDS)).isNotNull();
			assertThat(listeners.byQueue).containsEntry("plugboard.unqualified", "to-events")
				.containsEntry("plugboard.invoices", "to-billing");
			// listener containers start after the stores and stop before them
			assertThat(context.getBean(RabbitListenerEndpointRegistry.class).getPhase())
				.isEqualTo(PlugboardPhases.CONSUMERS);
			assertThat(context.getBean(RabbitListenerEndpointRegistry.class).getListenerContainers())
				.allSatisfy((container) -> assertThat(container.getPhase()).isEqualTo(PlugboardPhases.CONSUMERS));
		});
	}

	@Test
	void clientMetricsCarryTheInstanceName() {
		this.withPrimary.withUserConfiguration(Declarations.class)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				RabbitInstance billing = context.getBean("billingRabbitInstance", RabbitInstance.class);
				billing.publish("plugboard.invoices", "metered");
				assertThat(billing.template().receiveAndConvert("plugboard.invoices", 5000)).isEqualTo("metered");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				Counter published = registry.find("rabbitmq.published").tag("name", "billing").counter();
				assertThat(published).isNotNull();
				assertThat(published.count()).isGreaterThanOrEqualTo(1);
				Counter events = registry.find("rabbitmq.published").tag("name", "events").counter();
				assertThat((events != null) ? events.count() : 0.0).isZero();
			});
	}

	@Test
	void healthShowsVersionVirtualHostAndEndpointAndReplacesBoots() {
		this.withPrimary.run((context) -> {
			HealthIndicator billing = (HealthIndicator) context
				.getBean("rabbitmqHealthContributor", CompositeHealthContributor.class)
				.getContributor("billing");
			Health health = billing.health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("virtualHost", BILLING)
				.containsEntry("endpoint", RabbitBroker.HOST + ":" + RabbitBroker.PORT + "/" + BILLING)
				.containsKey("latencyMs");
			assertThat((String) health.getDetails().get("version")).startsWith("RabbitMQ ");
			assertThat(context.getBean("rabbitHealthContributor")).isSameAs(context.getBean("rabbitmqHealthContributor"));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Declarations {

		@Bean
		@Plug("billing")
		Queue invoices() {
			return new Queue("plugboard.invoices", false, false, false);
		}

		@Bean
		Queue unqualified() {
			return new Queue("plugboard.unqualified", false, false, false);
		}

		@Bean
		@Plug("billing")
		Declarables billingExchange() {
			DirectExchange exchange = new DirectExchange("plugboard.billing", false, false);
			Binding binding = BindingBuilder.bind(new Queue("plugboard.invoices")).to(exchange).with("invoice");
			return new Declarables(exchange, binding);
		}

		@Bean
		Queue audit() {
			Queue audit = new Queue("plugboard.audit", false, false, false);
			audit.setAdminsThatShouldDeclare("billingRabbitAdmin");
			return audit;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Plug("billing")
	static class BillingDeclarations {

		@Bean
		Queue refunds() {
			return new Queue("plugboard.refunds", false, false, false);
		}

	}

	@Component
	static class DeclaringListener {

		@RabbitListener(queuesToDeclare = @org.springframework.amqp.rabbit.annotation.Queue(name = "plugboard.listener-declared",
				durable = "false"))
		void listen(Message message) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WrongDeclaration {

		@Bean
		@Plug("invoicing")
		Queue invoices() {
			return new Queue("plugboard.wrong", false, false, true);
		}

	}

	@Component
	static class BillingUser {

		final RabbitTemplate template;

		final RabbitInstance billing;

		BillingUser(@Plug("billing") RabbitTemplate template, @Plug("billing") RabbitInstance billing) {
			this.template = template;
			this.billing = billing;
		}

	}

	@Component
	static class BillingListener {

		final BlockingQueue<String> received = new LinkedBlockingQueue<>();

		@RabbitListener(queuesToDeclare = @org.springframework.amqp.rabbit.annotation.Queue(name = "plugboard.no-primary",
				durable = "false", admins = "billingRabbitAdmin"), containerFactory = "billingRabbitListenerContainerFactory")
		void listen(Message message) {
			this.received.add(new String(message.getBody()));
		}

	}

	@Component
	static class PlainListener {

		@RabbitListener(queues = "plugboard.plain")
		void listen(Message message) {
		}

	}

	@Component
	static class Listeners {

		final BlockingQueue<String> received = new LinkedBlockingQueue<>();

		final Map<String, String> byQueue = new ConcurrentHashMap<>();

		@RabbitListener(queues = "plugboard.unqualified")
		void events(Message message) {
			record(message);
		}

		@RabbitListener(queues = "plugboard.invoices", containerFactory = "billingRabbitListenerContainerFactory")
		void billing(Message message) {
			record(message);
		}

		private void record(Message message) {
			String body = new String(message.getBody());
			this.byQueue.put(message.getMessageProperties().getConsumerQueue(), body);
			this.received.add(body);
		}

	}

}
