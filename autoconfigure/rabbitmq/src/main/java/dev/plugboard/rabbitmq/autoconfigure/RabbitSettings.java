package dev.plugboard.rabbitmq.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.InstanceSettings;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory.AddressShuffleMode;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.CacheMode;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;

/**
 * Settings of one RabbitMQ instance, bound from {@code plugboard.rabbitmq.<instance>.*}; the
 * {@code *} in the metadata prefix stands for the instance name. Names and meanings follow
 * Spring Boot's {@code spring.rabbitmq.*}.
 *
 * @author Plugboard
 */
@ConfigurationProperties("plugboard.rabbitmq.*")
public class RabbitSettings extends InstanceSettings {

	/**
	 * RabbitMQ host; wins over the host in the URL and defaults to localhost.
	 */
	private @Nullable String host;

	/**
	 * RabbitMQ port; wins over the port in the URL and defaults to 5672, or 5671 with TLS.
	 */
	private @Nullable Integer port;

	/**
	 * Broker addresses (host:port, comma-separated) of a cluster, tried in order; win over host, port and the hosts of the URL.
	 */
	private List<String> addresses = new ArrayList<>();

	/**
	 * How to shuffle the addresses before a connection is opened, to spread clients over a cluster.
	 */
	private AddressShuffleMode addressShuffleMode = AddressShuffleMode.NONE;

	/**
	 * Login user; wins over the user in the URL and defaults to guest.
	 */
	private @Nullable String username;

	/**
	 * Login password; wins over the password in the URL and defaults to guest.
	 */
	private @Nullable String password;

	/**
	 * Virtual host; wins over the path of the URL and defaults to /.
	 */
	private @Nullable String virtualHost;

	/**
	 * Requested heartbeat timeout, in seconds if no unit is given; zero for none, unset for the client's default of 60 s.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration requestedHeartbeat;

	/**
	 * Number of channels per connection requested by the client; zero for unlimited.
	 */
	private int requestedChannelMax = 2047;

	/**
	 * Whether unroutable mandatory messages are returned to the publisher.
	 */
	private boolean publisherReturns;

	/**
	 * Type of publisher confirms (none, simple or correlated); correlated lets RabbitInstance.publish wait for each confirm and retry.
	 */
	private ConfirmType publisherConfirmType = ConfirmType.CORRELATED;

	/**
	 * Timeout for opening a connection, for the TCP connect and the AMQP handshake each; unset uses health.timeout, so that a probe never waits much longer than its health check.
	 */
	private @Nullable Duration connectionTimeout;

	/**
	 * Timeout of RPC calls on a channel, such as declarations.
	 */
	private Duration channelRpcTimeout = Duration.ofMinutes(10);

	/**
	 * Largest message body the client accepts from the broker.
	 */
	private DataSize maxInboundMessageBodySize = DataSize.ofMegabytes(64);

	private final Ssl ssl = new Ssl();

	private final Cache cache = new Cache();

	private final Listener listener = new Listener();

	private final Template template = new Template();

	public @Nullable String getHost() {
		return this.host;
	}

	public void setHost(@Nullable String host) {
		this.host = host;
	}

	public @Nullable Integer getPort() {
		return this.port;
	}

	public void setPort(@Nullable Integer port) {
		this.port = port;
	}

	public List<String> getAddresses() {
		return this.addresses;
	}

	public void setAddresses(List<String> addresses) {
		this.addresses = addresses;
	}

	public AddressShuffleMode getAddressShuffleMode() {
		return this.addressShuffleMode;
	}

	public void setAddressShuffleMode(AddressShuffleMode addressShuffleMode) {
		this.addressShuffleMode = addressShuffleMode;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public @Nullable String getVirtualHost() {
		return this.virtualHost;
	}

	public void setVirtualHost(@Nullable String virtualHost) {
		this.virtualHost = virtualHost;
	}

	public @Nullable Duration getRequestedHeartbeat() {
		return this.requestedHeartbeat;
	}

	public void setRequestedHeartbeat(@Nullable Duration requestedHeartbeat) {
		this.requestedHeartbeat = requestedHeartbeat;
	}

	public int getRequestedChannelMax() {
		return this.requestedChannelMax;
	}

	public void setRequestedChannelMax(int requestedChannelMax) {
		this.requestedChannelMax = requestedChannelMax;
	}

	public boolean isPublisherReturns() {
		return this.publisherReturns;
	}

	public void setPublisherReturns(boolean publisherReturns) {
		this.publisherReturns = publisherReturns;
	}

	public ConfirmType getPublisherConfirmType() {
		return this.publisherConfirmType;
	}

	public void setPublisherConfirmType(ConfirmType publisherConfirmType) {
		this.publisherConfirmType = publisherConfirmType;
	}

	public @Nullable Duration getConnectionTimeout() {
		return this.connectionTimeout;
	}

	public void setConnectionTimeout(@Nullable Duration connectionTimeout) {
		this.connectionTimeout = connectionTimeout;
	}

	public Duration getChannelRpcTimeout() {
		return this.channelRpcTimeout;
	}

	public void setChannelRpcTimeout(Duration channelRpcTimeout) {
		this.channelRpcTimeout = channelRpcTimeout;
	}

	public DataSize getMaxInboundMessageBodySize() {
		return this.maxInboundMessageBodySize;
	}

	public void setMaxInboundMessageBodySize(DataSize maxInboundMessageBodySize) {
		this.maxInboundMessageBodySize = maxInboundMessageBodySize;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public Cache getCache() {
		return this.cache;
	}

	public Listener getListener() {
		return this.listener;
	}

	public Template getTemplate() {
		return this.template;
	}

	@Override
	public String toString() {
		return "RabbitSettings[host=" + this.host + ", port=" + this.port + ", addresses=" + this.addresses
				+ ", virtualHost=" + this.virtualHost + ", username=" + this.username + ", password="
				+ ((this.password != null) ? "******" : null) + ", " + super.toString() + "]";
	}

	/**
	 * TLS settings of an instance.
	 */
	public static class Ssl {

		/**
		 * Whether to connect with TLS; amqps:// URLs and a bundle switch it on.
		 */
		private @Nullable Boolean enabled;

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) that holds the key and trust material.
		 */
		private @Nullable String bundle;

		/**
		 * Path to the key store that holds the client certificate.
		 */
		private @Nullable String keyStore;

		/**
		 * Type of the key store.
		 */
		private String keyStoreType = "PKCS12";

		/**
		 * Password of the key store.
		 */
		private @Nullable String keyStorePassword;

		/**
		 * Algorithm of the key store.
		 */
		private String keyStoreAlgorithm = "SunX509";

		/**
		 * Path to the trust store that holds the broker's certificates.
		 */
		private @Nullable String trustStore;

		/**
		 * Type of the trust store.
		 */
		private String trustStoreType = "JKS";

		/**
		 * Password of the trust store.
		 */
		private @Nullable String trustStorePassword;

		/**
		 * Algorithm of the trust store.
		 */
		private String trustStoreAlgorithm = "SunX509";

		/**
		 * TLS protocol to use; the client's default when unset.
		 */
		private @Nullable String algorithm;

		/**
		 * Whether to validate the broker's certificate.
		 */
		private boolean validateServerCertificate = true;

		/**
		 * Whether to check that the broker's certificate matches its host name.
		 */
		private boolean verifyHostname = true;

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		public @Nullable String getKeyStore() {
			return this.keyStore;
		}

		public void setKeyStore(@Nullable String keyStore) {
			this.keyStore = keyStore;
		}

		public String getKeyStoreType() {
			return this.keyStoreType;
		}

		public void setKeyStoreType(String keyStoreType) {
			this.keyStoreType = keyStoreType;
		}

		public @Nullable String getKeyStorePassword() {
			return this.keyStorePassword;
		}

		public void setKeyStorePassword(@Nullable String keyStorePassword) {
			this.keyStorePassword = keyStorePassword;
		}

		public String getKeyStoreAlgorithm() {
			return this.keyStoreAlgorithm;
		}

		public void setKeyStoreAlgorithm(String keyStoreAlgorithm) {
			this.keyStoreAlgorithm = keyStoreAlgorithm;
		}

		public @Nullable String getTrustStore() {
			return this.trustStore;
		}

		public void setTrustStore(@Nullable String trustStore) {
			this.trustStore = trustStore;
		}

		public String getTrustStoreType() {
			return this.trustStoreType;
		}

		public void setTrustStoreType(String trustStoreType) {
			this.trustStoreType = trustStoreType;
		}

		public @Nullable String getTrustStorePassword() {
			return this.trustStorePassword;
		}

		public void setTrustStorePassword(@Nullable String trustStorePassword) {
			this.trustStorePassword = trustStorePassword;
		}

		public String getTrustStoreAlgorithm() {
			return this.trustStoreAlgorithm;
		}

		public void setTrustStoreAlgorithm(String trustStoreAlgorithm) {
			this.trustStoreAlgorithm = trustStoreAlgorithm;
		}

		public @Nullable String getAlgorithm() {
			return this.algorithm;
		}

		public void setAlgorithm(@Nullable String algorithm) {
			this.algorithm = algorithm;
		}

		public boolean isValidateServerCertificate() {
			return this.validateServerCertificate;
		}

		public void setValidateServerCertificate(boolean validateServerCertificate) {
			this.validateServerCertificate = validateServerCertificate;
		}

		public boolean isVerifyHostname() {
			return this.verifyHostname;
		}

		public void setVerifyHostname(boolean verifyHostname) {
			this.verifyHostname = verifyHostname;
		}

		/**
		 * Whether TLS is on: explicitly, or implied by a bundle.
		 * @return {@code true} to connect with TLS
		 */
		boolean determineEnabled() {
			return (this.enabled != null) ? this.enabled : this.bundle != null;
		}

	}

	/**
	 * Cache settings of the connection factory.
	 */
	public static class Cache {

		private final Channel channel = new Channel();

		private final Connection connection = new Connection();

		public Channel getChannel() {
			return this.channel;
		}

		public Connection getConnection() {
			return this.connection;
		}

		/**
		 * Channel cache settings.
		 */
		public static class Channel {

			/**
			 * Number of channels kept in the cache; with a checkout timeout, the most channels per connection.
			 */
			private @Nullable Integer size;

			/**
			 * How long to wait for a channel when the cache is exhausted; unset or zero opens a new channel at once.
			 */
			private @Nullable Duration checkoutTimeout;

			public @Nullable Integer getSize() {
				return this.size;
			}

			public void setSize(@Nullable Integer size) {
				this.size = size;
			}

			public @Nullable Duration getCheckoutTimeout() {
				return this.checkoutTimeout;
			}

			public void setCheckoutTimeout(@Nullable Duration checkoutTimeout) {
				this.checkoutTimeout = checkoutTimeout;
			}

		}

		/**
		 * Connection cache settings.
		 */
		public static class Connection {

			/**
			 * Cache mode: one shared connection with cached channels, or cached connections.
			 */
			private CacheMode mode = CacheMode.CHANNEL;

			/**
			 * Number of connections kept in the cache, in connection mode.
			 */
			private @Nullable Integer size;

			public CacheMode getMode() {
				return this.mode;
			}

			public void setMode(CacheMode mode) {
				this.mode = mode;
			}

			public @Nullable Integer getSize() {
				return this.size;
			}

			public void setSize(@Nullable Integer size) {
				this.size = size;
			}

		}

	}

	/**
	 * Listener container settings of an instance.
	 */
	public static class Listener {

		private final Simple simple = new Simple();

		public Simple getSimple() {
			return this.simple;
		}

	}

	/**
	 * Settings of the simple listener containers made by the instance's container factory, for
	 * {@code @RabbitListener}s and RabbitInstance.subscribe.
	 */
	public static class Simple {

		/**
		 * Whether containers start with the application.
		 */
		private boolean autoStartup = true;

		/**
		 * Acknowledge mode of the containers; auto acknowledges when the listener returns.
		 */
		private @Nullable AcknowledgeMode acknowledgeMode;

		/**
		 * Number of unacknowledged messages a consumer may hold.
		 */
		private @Nullable Integer prefetch;

		/**
		 * Whether rejected deliveries are requeued by default.
		 */
		private @Nullable Boolean defaultRequeueRejected;

		/**
		 * How often idle container events are published.
		 */
		private @Nullable Duration idleEventInterval;

		/**
		 * Minimum number of consumers per listener.
		 */
		private @Nullable Integer concurrency;

		/**
		 * Maximum number of consumers per listener.
		 */
		private @Nullable Integer maxConcurrency;

		/**
		 * Number of messages processed in one transaction or delivered in one consumer batch.
		 */
		private @Nullable Integer batchSize;

		/**
		 * Whether the container fails when a queue it listens to does not exist.
		 */
		private boolean missingQueuesFatal = true;

		/**
		 * Whether the container builds batches of consumed messages.
		 */
		private boolean consumerBatchEnabled;

		/**
		 * Whether batched messages are delivered one by one.
		 */
		private boolean deBatchingEnabled = true;

		/**
		 * Whether a stopping container stops after the messages in hand rather than first processing all it prefetched; true (Boot: false) so that shutdown drains within shutdown.timeout, prefetched messages going back to the queue.
		 */
		private boolean forceStop = true;

		/**
		 * Whether container observations are recorded.
		 */
		private boolean observationEnabled;

		private final ListenerRetry retry = new ListenerRetry();

		public boolean isAutoStartup() {
			return this.autoStartup;
		}

		public void setAutoStartup(boolean autoStartup) {
			this.autoStartup = autoStartup;
		}

		public @Nullable AcknowledgeMode getAcknowledgeMode() {
			return this.acknowledgeMode;
		}

		public void setAcknowledgeMode(@Nullable AcknowledgeMode acknowledgeMode) {
			this.acknowledgeMode = acknowledgeMode;
		}

		public @Nullable Integer getPrefetch() {
			return this.prefetch;
		}

		public void setPrefetch(@Nullable Integer prefetch) {
			this.prefetch = prefetch;
		}

		public @Nullable Boolean getDefaultRequeueRejected() {
			return this.defaultRequeueRejected;
		}

		public void setDefaultRequeueRejected(@Nullable Boolean defaultRequeueRejected) {
			this.defaultRequeueRejected = defaultRequeueRejected;
		}

		public @Nullable Duration getIdleEventInterval() {
			return this.idleEventInterval;
		}

		public void setIdleEventInterval(@Nullable Duration idleEventInterval) {
			this.idleEventInterval = idleEventInterval;
		}

		public @Nullable Integer getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(@Nullable Integer concurrency) {
			this.concurrency = concurrency;
		}

		public @Nullable Integer getMaxConcurrency() {
			return this.maxConcurrency;
		}

		public void setMaxConcurrency(@Nullable Integer maxConcurrency) {
			this.maxConcurrency = maxConcurrency;
		}

		public @Nullable Integer getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(@Nullable Integer batchSize) {
			this.batchSize = batchSize;
		}

		public boolean isMissingQueuesFatal() {
			return this.missingQueuesFatal;
		}

		public void setMissingQueuesFatal(boolean missingQueuesFatal) {
			this.missingQueuesFatal = missingQueuesFatal;
		}

		public boolean isConsumerBatchEnabled() {
			return this.consumerBatchEnabled;
		}

		public void setConsumerBatchEnabled(boolean consumerBatchEnabled) {
			this.consumerBatchEnabled = consumerBatchEnabled;
		}

		public boolean isDeBatchingEnabled() {
			return this.deBatchingEnabled;
		}

		public void setDeBatchingEnabled(boolean deBatchingEnabled) {
			this.deBatchingEnabled = deBatchingEnabled;
		}

		public boolean isForceStop() {
			return this.forceStop;
		}

		public void setForceStop(boolean forceStop) {
			this.forceStop = forceStop;
		}

		public boolean isObservationEnabled() {
			return this.observationEnabled;
		}

		public void setObservationEnabled(boolean observationEnabled) {
			this.observationEnabled = observationEnabled;
		}

		public ListenerRetry getRetry() {
			return this.retry;
		}

	}

	/**
	 * Settings of the instance's RabbitTemplate and of RabbitInstance.publish.
	 */
	public static class Template {

		/**
		 * Default exchange of send operations.
		 */
		private String exchange = "";

		/**
		 * Default routing key of send operations.
		 */
		private String routingKey = "";

		/**
		 * Default queue of receive operations.
		 */
		private @Nullable String defaultReceiveQueue;

		/**
		 * Whether messages are mandatory, so that unroutable ones are returned; unset follows publisher-returns.
		 */
		private @Nullable Boolean mandatory;

		/**
		 * Timeout of receive() operations.
		 */
		private @Nullable Duration receiveTimeout;

		/**
		 * Timeout of sendAndReceive() operations.
		 */
		private @Nullable Duration replyTimeout;

		/**
		 * Whether template observations are recorded.
		 */
		private boolean observationEnabled;

		/**
		 * Package or class patterns allowed for deserialization by the default message converter.
		 */
		private @Nullable List<String> allowedListPatterns;

		/**
		 * How many times RabbitInstance.publish tries to get a message confirmed before it fails.
		 */
		private int publishAttempts = 3;

		/**
		 * How long RabbitInstance.publish waits for the broker's confirm of one attempt.
		 */
		private Duration confirmTimeout = Duration.ofSeconds(5);

		private final Retry retry = new Retry();

		public String getExchange() {
			return this.exchange;
		}

		public void setExchange(String exchange) {
			this.exchange = exchange;
		}

		public String getRoutingKey() {
			return this.routingKey;
		}

		public void setRoutingKey(String routingKey) {
			this.routingKey = routingKey;
		}

		public @Nullable String getDefaultReceiveQueue() {
			return this.defaultReceiveQueue;
		}

		public void setDefaultReceiveQueue(@Nullable String defaultReceiveQueue) {
			this.defaultReceiveQueue = defaultReceiveQueue;
		}

		public @Nullable Boolean getMandatory() {
			return this.mandatory;
		}

		public void setMandatory(@Nullable Boolean mandatory) {
			this.mandatory = mandatory;
		}

		public @Nullable Duration getReceiveTimeout() {
			return this.receiveTimeout;
		}

		public void setReceiveTimeout(@Nullable Duration receiveTimeout) {
			this.receiveTimeout = receiveTimeout;
		}

		public @Nullable Duration getReplyTimeout() {
			return this.replyTimeout;
		}

		public void setReplyTimeout(@Nullable Duration replyTimeout) {
			this.replyTimeout = replyTimeout;
		}

		public boolean isObservationEnabled() {
			return this.observationEnabled;
		}

		public void setObservationEnabled(boolean observationEnabled) {
			this.observationEnabled = observationEnabled;
		}

		public @Nullable List<String> getAllowedListPatterns() {
			return this.allowedListPatterns;
		}

		public void setAllowedListPatterns(@Nullable List<String> allowedListPatterns) {
			this.allowedListPatterns = allowedListPatterns;
		}

		public int getPublishAttempts() {
			return this.publishAttempts;
		}

		public void setPublishAttempts(int publishAttempts) {
			this.publishAttempts = publishAttempts;
		}

		public Duration getConfirmTimeout() {
			return this.confirmTimeout;
		}

		public void setConfirmTimeout(Duration confirmTimeout) {
			this.confirmTimeout = confirmTimeout;
		}

		public Retry getRetry() {
			return this.retry;
		}

	}

	/**
	 * Retry settings of blocking operations.
	 */
	public static class Retry {

		/**
		 * Whether failed operations are retried.
		 */
		private boolean enabled;

		/**
		 * How many times a failed operation is retried.
		 */
		private long maxRetries = 3;

		/**
		 * Pause before the first retry.
		 */
		private Duration initialInterval = Duration.ofSeconds(1);

		/**
		 * Factor applied to the pause before each further retry.
		 */
		private double multiplier = 1.0;

		/**
		 * Longest pause between two retries.
		 */
		private Duration maxInterval = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public long getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(long maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

	}

	/**
	 * Retry settings of listeners.
	 */
	public static class ListenerRetry extends Retry {

		/**
		 * Whether retries are stateless (in the consumer) rather than stateful (redelivered).
		 */
		private boolean stateless = true;

		public boolean isStateless() {
			return this.stateless;
		}

		public void setStateless(boolean stateless) {
			this.stateless = stateless;
		}

	}

}
