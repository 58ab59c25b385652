package dev.plugboard.rabbitmq.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.plugboard.core.PlugboardEnvironmentPostProcessor;
import dev.plugboard.core.spi.InstanceBinder;
import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.InvalidSettingException;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.CacheMode;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How one instance's settings are resolved from its URL, discrete settings and environment
 * variables, validated, and handed to Spring Boot's configurers. No broker is involved.
 */
class RabbitTypeTests {

	private final RabbitType type = new RabbitType();

	@Test
	void urlGivesHostPortCredentialsAndVirtualHost() {
		Prepared events = prepare(Map.of("plugboard.rabbitmq.events.url",
				"amqp://app:s%40cret@mq1:5673/orders"));
		RabbitSettings settings = events.settings();
		assertThat(settings.getHost()).isEqualTo("mq1");
		assertThat(settings.getPort()).isEqualTo(5673);
		assertThat(settings.getUsername()).isEqualTo("app");
		assertThat(settings.getPassword()).isEqualTo("s@cret");
		assertThat(settings.getVirtualHost()).isEqualTo("orders");
		assertThat(settings.getSsl().determineEnabled()).isFalse();
		assertThat(events.endpoint()).isEqualTo("mq1:5673/orders").doesNotContain("s@cret");
	}

	@Test
	void discreteSettingsWinOverTheUrl() {
		Prepared events = prepare(Map.of("plugboard.rabbitmq.events.url",
				"amqp://app:secret@mq1:5673/orders", "plugboard.rabbitmq.events.host", "mq9",
				"plugboard.rabbitmq.events.password", "other", "plugboard.rabbitmq.events.virtual-host", "billing"));
		RabbitSettings settings = events.settings();
		assertThat(settings.getHost()).isEqualTo("mq9");
		assertThat(settings.getPort()).isEqualTo(5673);
		assertThat(settings.getUsername()).isEqualTo("app");
		assertThat(settings.getPassword()).isEqualTo("other");
		assertThat(events.endpoint()).isEqualTo("mq9:5673/billing");
	}

	@Test
	void amqpsUrlSwitchesTlsOnWithItsPort() {
		Prepared events = prepare(Map.of("plugboard.rabbitmq.events.url", "amqps://mq1/"));
		assertThat(events.settings().getSsl().determineEnabled()).isTrue();
		assertThat(events.endpoint()).isEqualTo("mq1:5671/");
		RabbitProperties properties = RabbitClients.properties(events.settings());
		assertThat(properties.getSsl().determineEnabled()).isTrue();
		assertThat(properties.determinePort()).isEqualTo(5671);
	}

	@Test
	void severalHostsInTheUrlMakeACluster() {
		Prepared events = prepare(Map.of("plugboard.rabbitmq.events.url",
				"amqp://app:secret@mq1:5672,mq2,mq3:5673/orders"));
		assertThat(events.settings().getAddresses()).containsExactly("mq1:5672", "mq2:5672", "mq3:5673");
		assertThat(events.endpoint()).isEqualTo("mq1:5672,mq2:5672,mq3:5673/orders");
		RabbitProperties properties = RabbitClients.properties(events.settings());
		assertThat(properties.determineAddresses()).containsExactly("mq1:5672", "mq2:5672", "mq3:5673");
		assertThat(properties.determineUsername()).isEqualTo("app");
		assertThat(properties.determineVirtualHost()).isEqualTo("orders");
	}

	@Test
	void addressesWithCredentialsNeverShowThemInTheEndpoint() {
		Prepared events = prepare(Map.of("plugboard.rabbitmq.events.addresses",
				"amqp://app:Hidden-1@mq1:5672/orders,mq2", "plugboard.rabbitmq.events.ssl.enabled", "true"));
		assertThat(events.endpoint()).isEqualTo("mq1:5672,mq2:5671/").doesNotContain("Hidden-1");
		assertThat(this.type.hasConnection(events.definition())).isTrue();
		assertThat(this.type.secrets(events.definition())).contains("Hidden-1");
	}

	@Test
	void uriQueryParametersSetHeartbeatTimeoutAndChannelMax() {
		Prepared events = prepare(Map.of("plugboard.rabbitmq.events.url",
				"amqp://mq1/?heartbeat=15&connection_timeout=700&channel_max=64"));
		assertThat(events.settings().getRequestedHeartbeat()).isEqualTo(Duration.ofSeconds(15));
		assertThat(events.settings().getConnectionTimeout()).isEqualTo(Duration.ofMillis(700));
		assertThat(events.settings().getRequestedChannelMax()).isEqualTo(64);
		assertThat(events.endpoint()).isEqualTo("mq1:5672/");
	}

	@Test
	void connectionTimeoutDefaultsToTheHealthTimeout() {
		Prepared events = prepare(
				Map.of("plugboard.rabbitmq.events.host", "mq1", "plugboard.rabbitmq.events.health.timeout", "750ms"));
		assertThat(RabbitClients.properties(events.settings()).getConnectionTimeout())
			.isEqualTo(Duration.ofMillis(750));
	}

	@Test
	void springBootVocabularyReachesBootsProperties() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("plugboard.rabbitmq.events.host", "mq1");
		values.put("plugboard.rabbitmq.events.listener.simple.prefetch", "7");
		values.put("plugboard.rabbitmq.events.listener.simple.concurrency", "2");
		values.put("plugboard.rabbitmq.events.listener.simple.max-concurrency", "4");
		values.put("plugboard.rabbitmq.events.listener.simple.acknowledge-mode", "manual");
		values.put("plugboard.rabbitmq.events.listener.simple.default-requeue-rejected", "false");
		values.put("plugboard.rabbitmq.events.cache.channel.size", "11");
		values.put("plugboard.rabbitmq.events.cache.channel.checkout-timeout", "3s");
		values.put("plugboard.rabbitmq.events.cache.connection.mode", "connection");
		values.put("plugboard.rabbitmq.events.template.mandatory", "true");
		values.put("plugboard.rabbitmq.events.template.exchange", "orders");
		values.put("plugboard.rabbitmq.events.template.receive-timeout", "2s");
		values.put("plugboard.rabbitmq.events.requested-heartbeat", "30");
		values.put("plugboard.rabbitmq.events.publisher-returns", "true");
		values.put("plugboard.rabbitmq.events.max-inbound-message-body-size", "1MB");
		RabbitProperties properties = RabbitClients.properties(prepare(values).settings());
		assertThat(properties.getListener().getSimple().getPrefetch()).isEqualTo(7);
		assertThat(properties.getListener().getSimple().getConcurrency()).isEqualTo(2);
		assertThat(properties.getListener().getSimple().getMaxConcurrency()).isEqualTo(4);
		assertThat(properties.getListener().getSimple().getAcknowledgeMode()).isEqualTo(AcknowledgeMode.MANUAL);
		assertThat(properties.getListener().getSimple().getDefaultRequeueRejected()).isFalse();
		assertThat(properties.getListener().getSimple().isForceStop()).isTrue();
		assertThat(properties.getCache().getChannel().getSize()).isEqualTo(11);
		assertThat(properties.getCache().getChannel().getCheckoutTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(properties.getCache().getConnection().getMode()).isEqualTo(CacheMode.CONNECTION);
		assertThat(properties.getTemplate().getMandatory()).isTrue();
		assertThat(properties.getTemplate().getExchange()).isEqualTo("orders");
		assertThat(properties.getTemplate().getReceiveTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(properties.getRequestedHeartbeat()).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.isPublisherReturns()).isTrue();
		assertThat(properties.getMaxInboundMessageBodySize().toBytes()).isEqualTo(1024 * 1024);
		assertThat(properties.determineHost()).isEqualTo("mq1");
		assertThat(properties.determineUsername()).isEqualTo("guest");
	}

	@Test
	void prefixedEnvironmentVariablesSetNestedSettings() {
		StandardEnvironment environment = environment(
				Map.of("plugboard.env-prefix", "shop", "plugboard.rabbitmq.billing-eu.host", "mq1"),
				Map.of("SHOP_BILLING_EU_LISTENER_SIMPLE_PREFETCH", "9", "SHOP_BILLING_EU_CACHE_CHANNEL_SIZE", "12",
						"SHOP_BILLING_EU_VIRTUAL_HOST", "billing", "SHOP_BILLING_EU_TEMPLATE_PUBLISH_ATTEMPTS", "5",
						"SHOP_BILLING_EU_SSL_ENABLED", "true"));
		new PlugboardEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		Prepared billing = prepare(environment).get(0);
		RabbitSettings settings = billing.settings();
		assertThat(settings.getListener().getSimple().getPrefetch()).isEqualTo(9);
		assertThat(settings.getCache().getChannel().getSize()).isEqualTo(12);
		assertThat(settings.getTemplate().getPublishAttempts()).isEqualTo(5);
		assertThat(billing.endpoint()).isEqualTo("mq1:5671/billing");
		assertThat(billing.environmentVariable("listener.simple.prefetch"))
			.isEqualTo("SHOP_BILLING_EU_LISTENER_SIMPLE_PREFETCH");
	}

	@Test
	void malformedUrlNamesThePropertyAndMasksThePassword() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> prepare(Map.of("plugboard.rabbitmq.events.url", "amqp://app:Zecret@mq1:56x2/orders")))
			.satisfies((ex) -> assertThat(ex.getDescription()).contains("'plugboard.rabbitmq.events.url'")
				.contains("PLUGBOARD_RABBITMQ_EVENTS_URL")
				.contains("amqp://app:******@mq1:56x2/orders")
				.doesNotContain("Zecret"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> prepare(Map.of("plugboard.rabbitmq.events.url", "mqtt://app:Zecret@mq1/")))
			.satisfies((ex) -> assertThat(ex.getDescription()).contains("unsupported scheme").doesNotContain("Zecret"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> prepare(Map.of("plugboard.rabbitmq.events.url", "amqp://mq1/?heartbeat=soon")))
			.satisfies((ex) -> assertThat(ex.getDescription()).contains("heartbeat=soon"));
	}

	@Test
	void invalidSettingsAreRejectedByName() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> prepare(Map.of("plugboard.rabbitmq.events.host", "mq1", "plugboard.rabbitmq.events.port",
					"70000")))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("plugboard.rabbitmq.events.port"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> prepare(Map.of("plugboard.rabbitmq.events.host", "mq1",
					"plugboard.rabbitmq.events.virtual-host", " ")))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("plugboard.rabbitmq.events.virtual-host"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> prepare(Map.of("plugboard.rabbitmq.events.addresses", "mq1:5672,mq2:0")))
			.satisfies((ex) -> assertThat(ex.getDescription()).contains("'mq2:0'"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> prepare(Map.of("plugboard.rabbitmq.events.host", "mq1",
					"plugboard.rabbitmq.events.template.publish-attempts", "0")))
			.satisfies((ex) -> assertThat(ex.getProperty())
				.isEqualTo("plugboard.rabbitmq.events.template.publish-attempts"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> prepare(Map.of("plugboard.rabbitmq.events.host", "mq1",
					"plugboard.rabbitmq.events.shutdown.timeout", "0s")))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("plugboard.rabbitmq.events.shutdown.timeout"));
	}

	@Test
	void instancesAreCriticalAndNeedAConnectionByDefault() {
		StandardEnvironment environment = environment(Map.of("plugboard.rabbitmq.events.enabled", "true"), Map.of());
		InstanceDefinition<RabbitSettings> events = new InstanceBinder(environment).bind(this.type).get(0);
		assertThat(events.critical()).isTrue();
		assertThat(events.primary()).isTrue();
		assertThat(this.type.hasConnection(events)).isFalse();
	}

	private Prepared prepare(Map<String, Object> properties) {
		return prepare(environment(properties, Map.of())).get(0);
	}

	private List<Prepared> prepare(StandardEnvironment environment) {
		return new InstanceBinder(environment).bind(this.type)
			.stream()
			.map((definition) -> new Prepared(definition, this.type.prepare(definition)))
			.toList();
	}

	private record Prepared(InstanceDefinition<RabbitSettings> definition, String endpoint) {

		RabbitSettings settings() {
			return this.definition.settings();
		}

		String environmentVariable(String setting) {
			return this.definition.environmentVariable(setting);
		}

	}

	private static StandardEnvironment environment(Map<String, Object> properties, Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new LinkedHashMap<>(variables)));
		environment.getPropertySources().addLast(new MapPropertySource("application", properties));
		return environment;
	}

}
