package dev.plugboard.rabbitmq;

import java.time.Duration;
import java.util.List;

import com.rabbitmq.client.Address;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.InstanceState;
import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.core.testing.TcpProxy;
import dev.plugboard.rabbitmq.autoconfigure.RabbitAutoConfiguration;
import dev.plugboard.rabbitmq.autoconfigure.RabbitListenerAutoConfiguration;
import dev.plugboard.rabbitmq.testing.RabbitBroker;

import org.springframework.amqp.AmqpTimeoutException;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory.AddressShuffleMode;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.CacheMode;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The connection settings as the built {@link CachingConnectionFactory}, its RabbitMQ client
 * factory and the broker see them, and cluster addresses with a dead first node.
 */
class RabbitConnectionSettingsTests {

	private static final String VHOST = RabbitBroker.uniqueName("plugboard-settings");

	private static final String QUEUE = "plugboard.settings.round-trip";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, RabbitAutoConfiguration.class,
				RabbitListenerAutoConfiguration.class))
		.withBean(Queue.class, () -> new Queue(QUEUE, false, false, false));

	@BeforeAll
	static void createVirtualHost() {
		RabbitBroker.createVirtualHost(VHOST);
	}

	@AfterAll
	static void deleteVirtualHost() {
		RabbitBroker.deleteVirtualHost(VHOST);
	}

	@Test
	void connectionSettingsReachTheFactoryTheClientAndTheBroker() {
		this.contextRunner
			.withPropertyValues("plugboard.rabbitmq.events.addresses=" + RabbitBroker.HOST + ":" + RabbitBroker.PORT,
					"plugboard.rabbitmq.events.virtual-host=" + VHOST, "plugboard.rabbitmq.events.username=guest",
					"plugboard.rabbitmq.events.password=guest", "plugboard.rabbitmq.events.cache.channel.size=1",
					"plugboard.rabbitmq.events.cache.channel.checkout-timeout=300ms",
					"plugboard.rabbitmq.events.requested-heartbeat=17s",
					"plugboard.rabbitmq.events.connection-timeout=1500ms",
					"plugboard.rabbitmq.events.requested-channel-max=100",
					"plugboard.rabbitmq.events.channel-rpc-timeout=20s",
					"plugboard.rabbitmq.events.publisher-confirm-type=simple",
					"plugboard.rabbitmq.events.publisher-returns=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				RabbitInstance events = context.getBean(RabbitInstance.class);
				assertThat(events.state()).isEqualTo(InstanceState.RUNNING);
				CachingConnectionFactory factory = events.connectionFactory();
				assertThat(factory.getCacheMode()).isEqualTo(CacheMode.CHANNEL);
				assertThat(factory.getChannelCacheSize()).isOne();
				assertThat(factory.getVirtualHost()).isEqualTo(VHOST);
				assertThat(factory.getUsername()).isEqualTo("guest");
				// Spring AMQP has no getter for these two
				assertThat(addresses(factory)).containsExactly(new Address(RabbitBroker.HOST, RabbitBroker.PORT));
				assertThat(ReflectionTestUtils.getField(factory, "addressShuffleMode")).isEqualTo(AddressShuffleMode.NONE);
				assertThat(factory.isSimplePublisherConfirms()).isTrue();
				assertThat(factory.isPublisherConfirms()).isFalse();
				assertThat(factory.isPublisherReturns()).isTrue();
				assertThat(events.template().isMandatoryFor(new org.springframework.amqp.core.Message(new byte[0])))
					.as("mandatory follows publisher-returns")
					.isTrue();
				com.rabbitmq.client.ConnectionFactory rabbit = factory.getRabbitConnectionFactory();
				assertThat(rabbit.getRequestedHeartbeat()).isEqualTo(17);
				assertThat(rabbit.getConnectionTimeout()).isEqualTo(1500);
				assertThat(rabbit.getHandshakeTimeout()).as("the AMQP handshake is bounded alike").isEqualTo(1500);
				assertThat(rabbit.getRequestedChannelMax()).isEqualTo(100);
				assertThat(rabbit.getChannelRpcTimeout()).isEqualTo(20_000);
				assertThat(rabbit.getVirtualHost()).isEqualTo(VHOST);
				try (Connection connection = factory.createConnection()) {
					// what the broker agreed to: our requests are below its own limits
					com.rabbitmq.client.Connection delegate = connection.getDelegate();
					assertThat(delegate.getHeartbeat()).isEqualTo(17);
					assertThat(delegate.getChannelMax()).isEqualTo(100);
					assertThat(delegate.getClientProvidedName()).isEqualTo("plugboard:events");
					assertThat(delegate.getPort()).isEqualTo(RabbitBroker.PORT);
					// one cached channel and a checkout timeout: a second channel waits, then fails
					try (com.rabbitmq.client.Channel held = connection.createChannel(false)) {
						long start = System.nanoTime();
						assertThatExceptionOfType(AmqpTimeoutException.class)
							.isThrownBy(() -> connection.createChannel(false))
							.withMessageContaining("No available channels");
						assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250))
							.isLessThan(Duration.ofSeconds(3));
					}
				}
				// simple confirms: the channel is in confirm mode and the broker confirms
				Boolean confirmed = events.template().invoke((operations) -> {
					operations.convertAndSend(QUEUE, "confirmed");
					return operations.waitForConfirms(5000);
				});
				assertThat(confirmed).isTrue();
				assertThat(events.template().receiveAndConvert(QUEUE, 5000)).isEqualTo("confirmed");
			});
	}

	@Test
	void addressesWithADeadFirstNodeConnectToTheNextInOrder() {
		int dead = TcpProxy.freePort();
		this.contextRunner
			.withPropertyValues("plugboard.rabbitmq.events.addresses=127.0.0.1:" + dead + "," + RabbitBroker.HOST + ":"
					+ RabbitBroker.PORT, "plugboard.rabbitmq.events.virtual-host=" + VHOST)
			.run((context) -> assertFailsOver(context.getBean(RabbitInstance.class), AddressShuffleMode.NONE, dead));
	}

	@Test
	void aUrlWithADeadFirstHostConnectsToTheNext() {
		int dead = TcpProxy.freePort();
		this.contextRunner
			.withPropertyValues("plugboard.rabbitmq.events.url=amqp://guest:guest@127.0.0.1:" + dead + ","
					+ RabbitBroker.HOST + ":" + RabbitBroker.PORT + "/" + VHOST)
			.run((context) -> assertFailsOver(context.getBean(RabbitInstance.class), AddressShuffleMode.NONE, dead));
	}

	@Test
	void shuffledAddressesReachTheLiveNodeWhicheverComesFirst() {
		int dead = TcpProxy.freePort();
		this.contextRunner
			.withPropertyValues("plugboard.rabbitmq.events.addresses=127.0.0.1:" + dead + "," + RabbitBroker.HOST + ":"
					+ RabbitBroker.PORT, "plugboard.rabbitmq.events.virtual-host=" + VHOST,
					"plugboard.rabbitmq.events.address-shuffle-mode=random")
			.run((context) -> assertFailsOver(context.getBean(RabbitInstance.class), AddressShuffleMode.RANDOM, dead));
	}

	private static void assertFailsOver(RabbitInstance events, AddressShuffleMode mode, int dead) {
		assertThat(events.state()).isEqualTo(InstanceState.RUNNING);
		CachingConnectionFactory factory = events.connectionFactory();
		assertThat(addresses(factory)).containsExactly(new Address("127.0.0.1", dead),
				new Address(RabbitBroker.HOST, RabbitBroker.PORT));
		assertThat(ReflectionTestUtils.getField(factory, "addressShuffleMode")).isEqualTo(mode);
		try (Connection connection = factory.createConnection()) {
			assertThat(connection.getDelegate().getPort()).isEqualTo(RabbitBroker.PORT);
		}
		events.publish(QUEUE, "via the live node");
		assertThat(events.template().receiveAndConvert(QUEUE, 5000)).isEqualTo("via the live node");
	}

	@SuppressWarnings("unchecked")
	private static List<Address> addresses(CachingConnectionFactory factory) {
		return (List<Address>) ReflectionTestUtils.getField(factory, "addresses");
	}

}
