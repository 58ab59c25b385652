package dev.plugboard.rabbitmq.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.impl.MicrometerMetricsCollector;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.InstanceContext;
import dev.plugboard.core.spi.PlugboardPhases;
import dev.plugboard.core.spi.ServiceEndpoints;

import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.RabbitConnectionFactoryBean;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.CachingConnectionFactoryConfigurer;
import org.springframework.boot.amqp.autoconfigure.ConnectionFactoryCustomizer;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionFactoryBeanConfigurer;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateConfigurer;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateRetrySettingsCustomizer;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.util.ClassUtils;

/**
 * Builds the Spring AMQP clients of one instance with Spring Boot's own configurers, fed with a
 * fresh {@link RabbitProperties} that holds the instance's settings. Boot's customizer beans
 * ({@link ConnectionFactoryCustomizer}, {@link RabbitTemplateCustomizer}, a unique
 * {@link ContainerCustomizer}, the template's retry settings customizers) and a unique
 * {@link MessageConverter} apply to every instance, as they would to Boot's own beans.
 *
 * @author Plugboard
 */
final class RabbitClients {

	private static final ClassLoader loader = RabbitClients.class.getClassLoader();

	private static final boolean micrometerPresent = ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry",
			loader);

	private RabbitClients() {
	}

	/**
	 * Spring Boot's view of one instance's settings. TLS is set before the addresses because
	 * Boot derives the default port of an address without one from it.
	 * @param settings the prepared settings
	 * @return the properties
	 */
	static RabbitProperties properties(RabbitSettings settings) {
		RabbitProperties properties = new RabbitProperties();
		RabbitSettings.Ssl ssl = settings.getSsl();
		RabbitProperties.Ssl bootSsl = properties.getSsl();
		bootSsl.setEnabled(ssl.determineEnabled());
		bootSsl.setBundle(ssl.getBundle());
		bootSsl.setKeyStore(ssl.getKeyStore());
		bootSsl.setKeyStoreType(ssl.getKeyStoreType());
		bootSsl.setKeyStorePassword(ssl.getKeyStorePassword());
		bootSsl.setKeyStoreAlgorithm(ssl.getKeyStoreAlgorithm());
		bootSsl.setTrustStore(ssl.getTrustStore());
		bootSsl.setTrustStoreType(ssl.getTrustStoreType());
		bootSsl.setTrustStorePassword(ssl.getTrustStorePassword());
		bootSsl.setTrustStoreAlgorithm(ssl.getTrustStoreAlgorithm());
		bootSsl.setAlgorithm(ssl.getAlgorithm());
		bootSsl.setValidateServerCertificate(ssl.isValidateServerCertificate());
		bootSsl.setVerifyHostname(ssl.isVerifyHostname());
		if (settings.getHost() != null) {
			properties.setHost(settings.getHost());
		}
		properties.setPort(settings.getPort());
		if (!settings.getAddresses().isEmpty()) {
			properties.setAddresses(settings.getAddresses());
		}
		properties.setAddressShuffleMode(settings.getAddressShuffleMode());
		if (settings.getUsername() != null) {
			properties.setUsername(settings.getUsername());
		}
		if (settings.getPassword() != null) {
			properties.setPassword(settings.getPassword());
		}
		properties.setVirtualHost(settings.getVirtualHost());
		properties.setRequestedHeartbeat(settings.getRequestedHeartbeat());
		properties.setRequestedChannelMax(settings.getRequestedChannelMax());
		properties.setPublisherReturns(settings.isPublisherReturns());
		properties.setPublisherConfirmType(settings.getPublisherConfirmType());
		properties.setConnectionTimeout(connectionTimeout(settings));
		properties.setChannelRpcTimeout(settings.getChannelRpcTimeout());
		properties.setMaxInboundMessageBodySize(settings.getMaxInboundMessageBodySize());
		RabbitSettings.Cache cache = settings.getCache();
		properties.getCache().getChannel().setSize(cache.getChannel().getSize());
		properties.getCache().getChannel().setCheckoutTimeout(cache.getChannel().getCheckoutTimeout());
		properties.getCache().getConnection().setMode(cache.getConnection().getMode());
		properties.getCache().getConnection().setSize(cache.getConnection().getSize());
		mapListener(settings.getListener().getSimple(), properties.getListener().getSimple());
		mapTemplate(settings.getTemplate(), properties.getTemplate());
		return properties;
	}

	/**
	 * The connection timeout: the setting, or the health timeout so that neither a probe nor a
	 * health check waits longer for a TCP connection than its own bound.
	 * @param settings the settings
	 * @return the timeout
	 */
	static Duration connectionTimeout(RabbitSettings settings) {
		Duration timeout = settings.getConnectionTimeout();
		return (timeout != null) ? timeout : settings.getHealth().getTimeout();
	}

	private static void mapListener(RabbitSettings.Simple source, RabbitProperties.SimpleContainer target) {
		target.setAutoStartup(source.isAutoStartup());
		target.setAcknowledgeMode(source.getAcknowledgeMode());
		target.setPrefetch(source.getPrefetch());
		target.setDefaultRequeueRejected(source.getDefaultRequeueRejected());
		target.setIdleEventInterval(source.getIdleEventInterval());
		target.setConcurrency(source.getConcurrency());
		target.setMaxConcurrency(source.getMaxConcurrency());
		target.setBatchSize(source.getBatchSize());
		target.setMissingQueuesFatal(source.isMissingQueuesFatal());
		target.setConsumerBatchEnabled(source.isConsumerBatchEnabled());
		target.setDeBatchingEnabled(source.isDeBatchingEnabled());
		target.setForceStop(source.isForceStop());
		target.setObservationEnabled(source.isObservationEnabled());
		mapRetry(source.getRetry(), target.getRetry());
		target.getRetry().setStateless(source.getRetry().isStateless());
	}

	private static void mapTemplate(RabbitSettings.Template source, RabbitProperties.Template target) {
		target.setExchange(source.getExchange());
		target.setRoutingKey(source.getRoutingKey());
		target.setDefaultReceiveQueue(source.getDefaultReceiveQueue());
		target.setMandatory(source.getMandatory());
		target.setReceiveTimeout(source.getReceiveTimeout());
		target.setReplyTimeout(source.getReplyTimeout());
		target.setObservationEnabled(source.isObservationEnabled());
		target.setAllowedListPatterns(source.getAllowedListPatterns());
		mapRetry(source.getRetry(), target.getRetry());
	}

	private static void mapRetry(RabbitSettings.Retry source, RabbitProperties.Retry target) {
		target.setEnabled(source.isEnabled());
		target.setMaxRetries(source.getMaxRetries());
		target.setInitialInterval(source.getInitialInterval());
		target.setMultiplier(source.getMultiplier());
		target.setMaxInterval(source.getMaxInterval());
	}

	static CachingConnectionFactory connectionFactory(InstanceContext<RabbitSettings> context) throws Exception {
		RabbitSettings settings = context.settings();
		RabbitProperties properties = properties(settings);
		ListableBeanFactory beans = context.beanFactory();
		SslBundle bundle = sslBundle(settings, beans);
		RabbitConnectionDetails details = new InstanceConnectionDetails(properties, bundle);
		InstanceConnectionFactoryBean bean = new InstanceConnectionFactoryBean(bundle);
		new RabbitConnectionFactoryBeanConfigurer(new DefaultResourceLoader(loader), properties, details).configure(bean);
		bean.afterPropertiesSet();
		com.rabbitmq.client.ConnectionFactory rabbit = bean.getObject();
		// the AMQP handshake after the TCP connect is bounded alike, or a broker that accepts
		// connections and never answers would hold a probe for the client's default 10 s
		long handshake = connectionTimeout(settings).toMillis();
		if (handshake > 0 && handshake <= Integer.MAX_VALUE) {
			rabbit.setHandshakeTimeout((int) handshake);
		}
		beans.getBeanProvider(ConnectionFactoryCustomizer.class)
			.orderedStream()
			.forEach((customizer) -> customizer.customize(rabbit));
		if (micrometerPresent) {
			Metrics.apply(rabbit, context);
		}
		CachingConnectionFactory factory = new CachingConnectionFactory(rabbit);
		CachingConnectionFactoryConfigurer configurer = new CachingConnectionFactoryConfigurer(properties, details);
		// the instance's name shows beside its connections in the broker's management UI
		configurer.setConnectionNameStrategy((connectionFactory) -> "plugboard:" + context.name());
		configurer.configure(factory);
		ServiceEndpoints discovery = context.discovery();
		if (discovery != null) {
			// asked at every new connection, and the client shuffles several passing brokers
			factory.setAddressResolver(() -> discovery.all()
				.stream()
				.map((endpoint) -> new Address(endpoint.host(), endpoint.portOr(5672)))
				.toList());
		}
		return factory;
	}

	private static @Nullable SslBundle sslBundle(RabbitSettings settings, ListableBeanFactory beans) {
		String name = settings.getSsl().getBundle();
		if (name == null || !settings.getSsl().determineEnabled()) {
			return null;
		}
		SslBundles bundles = beans.getBeanProvider(SslBundles.class).getIfAvailable();
		if (bundles == null) {
			throw new IllegalStateException("The SSL bundle '" + name + "' is set but there are no SSL bundles "
					+ "(spring.ssl.bundle.*) in the application context");
		}
		return bundles.getBundle(name);
	}

	static RabbitTemplate template(InstanceContext<RabbitSettings> context) {
		ListableBeanFactory beans = context.beanFactory();
		RabbitTemplate template = new RabbitTemplate();
		RabbitTemplateConfigurer configurer = new RabbitTemplateConfigurer(properties(context.settings()));
		configurer.setMessageConverter(beans.getBeanProvider(MessageConverter.class).getIfUnique());
		configurer.setRetrySettingsCustomizers(
				beans.getBeanProvider(RabbitTemplateRetrySettingsCustomizer.class).orderedStream().toList());
		configurer.configure(template, context.bean("ConnectionFactory", ConnectionFactory.class));
		beans.getBeanProvider(RabbitTemplateCustomizer.class)
			.orderedStream()
			.forEach((customizer) -> customizer.customize(template));
		return template;
	}

	static RabbitAdmin admin(InstanceContext<RabbitSettings> context) {
		RabbitAdmin admin = new RabbitAdmin(context.bean("ConnectionFactory", ConnectionFactory.class));
		// Declarations are assigned to instances explicitly (see RabbitDeclarations): a Queue
		// bean is never declared on every broker.
		admin.setExplicitDeclarationsOnly(true);
		return admin;
	}

	/**
	 * The threads of the instance's listener containers. A container stops waiting for its
	 * consumers at {@code shutdown.timeout} and interrupts them; a consumer then still
	 * unwinds, and closes its channel through the connection factory's channel executor. Were
	 * the connection factory destroyed meanwhile, that close would be rejected by its
	 * terminated executor, and the consumer's channel left to the connection's teardown. So
	 * this executor is closed before the connection factory, waiting (at most another
	 * {@code shutdown.timeout}) until every consumer thread has let go of its channel.
	 */
	static SimpleAsyncTaskExecutor listenerTaskExecutor(InstanceContext<RabbitSettings> context) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(context.name() + "-listener-");
		executor.setTaskTerminationTimeout(context.settings().getShutdown().getTimeout().toMillis());
		return executor;
	}

	static SimpleRabbitListenerContainerFactory containerFactory(InstanceContext<RabbitSettings> context) {
		ListableBeanFactory beans = context.beanFactory();
		SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
		new SimpleRabbitListenerContainerFactoryConfigurer(properties(context.settings()))
			.configure(factory, context.bean("ConnectionFactory", ConnectionFactory.class));
		// Boot passes its converter through a method this configurer does not expose
		MessageConverter converter = beans.getBeanProvider(MessageConverter.class).getIfUnique();
		if (converter != null) {
			factory.setMessageConverter(converter);
		}
		// @RabbitListener containers start after the stores answer and stop before them;
		// RabbitListenerEndpointRegistry takes this phase from its containers
		factory.setPhase(PlugboardPhases.CONSUMERS);
		factory.setTaskExecutor(context.bean("ListenerTaskExecutor", SimpleAsyncTaskExecutor.class));
		long shutdownTimeout = context.settings().getShutdown().getTimeout().toMillis();
		ContainerCustomizer<SimpleMessageListenerContainer> custom = userContainerCustomizer(beans);
		factory.setContainerCustomizer((container) -> {
			container.setShutdownTimeout(shutdownTimeout);
			if (custom != null) {
				custom.configure(container);
			}
		});
		return factory;
	}

	@SuppressWarnings("unchecked")
	private static @Nullable ContainerCustomizer<SimpleMessageListenerContainer> userContainerCustomizer(
			ListableBeanFactory beans) {
		ObjectProvider<ContainerCustomizer<SimpleMessageListenerContainer>> provider = beans.getBeanProvider(
				ResolvableType.forClassWithGenerics(ContainerCustomizer.class, SimpleMessageListenerContainer.class));
		return provider.getIfUnique();
	}

	/**
	 * Host and port of each address, without the credentials or virtual host that Spring Boot
	 * allows in {@code amqp://user:secret@host:port/vhost} addresses.
	 * @param addresses the addresses
	 * @param tls whether the default port is the TLS one
	 * @return the addresses as {@code host:port}
	 */
	static List<String> hostsAndPorts(List<String> addresses, boolean tls) {
		List<String> result = new ArrayList<>();
		for (String address : addresses) {
			String text = address.trim();
			int scheme = text.indexOf("://");
			boolean secure = tls;
			if (scheme >= 0) {
				secure = text.substring(0, scheme).equalsIgnoreCase("amqps");
				text = text.substring(scheme + 3);
			}
			int at = text.lastIndexOf('@');
			if (at >= 0) {
				text = text.substring(at + 1);
			}
			int slash = text.indexOf('/');
			if (slash >= 0) {
				text = text.substring(0, slash);
			}
			boolean hasPort = text.startsWith("[") ? text.contains("]:") : text.indexOf(':') >= 0;
			result.add(hasPort ? text : text + ":" + (secure ? 5671 : 5672));
		}
		return result;
	}

	/**
	 * The instance's connection details for Spring Boot's configurers: its properties plus the
	 * SSL bundle resolved from this application context.
	 */
	private static final class InstanceConnectionDetails implements RabbitConnectionDetails {

		private final RabbitProperties properties;

		private final @Nullable SslBundle sslBundle;

		InstanceConnectionDetails(RabbitProperties properties, @Nullable SslBundle sslBundle) {
			this.properties = properties;
			this.sslBundle = sslBundle;
		}

		@Override
		public String getUsername() {
			return this.properties.determineUsername();
		}

		@Override
		public @Nullable String getPassword() {
			return this.properties.determinePassword();
		}

		@Override
		public @Nullable String getVirtualHost() {
			return this.properties.determineVirtualHost();
		}

		@Override
		public List<Address> getAddresses() {
			List<Address> addresses = new ArrayList<>();
			for (String address : this.properties.determineAddresses()) {
				int colon = address.lastIndexOf(':');
				addresses.add(new Address(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))));
			}
			return addresses;
		}

		@Override
		public @Nullable SslBundle getSslBundle() {
			return this.sslBundle;
		}

	}

	/**
	 * A connection factory bean that takes its TLS material from an SSL bundle when the instance
	 * names one (Boot's own variant of this bean is not public).
	 */
	private static final class InstanceConnectionFactoryBean extends RabbitConnectionFactoryBean {

		private final @Nullable SslBundle bundle;

		private boolean verifyHostname = true;

		InstanceConnectionFactoryBean(@Nullable SslBundle bundle) {
			this.bundle = bundle;
		}

		@Override
		public void setEnableHostnameVerification(boolean enable) {
			this.verifyHostname = enable;
			super.setEnableHostnameVerification(enable);
		}

		@Override
		protected void setUpSSL() {
			SslBundle bundle = this.bundle;
			if (bundle == null) {
				super.setUpSSL();
				return;
			}
			this.connectionFactory.useSslProtocol(bundle.createSslContext());
			if (this.verifyHostname) {
				this.connectionFactory.enableHostnameVerification();
			}
		}

	}

	/**
	 * The RabbitMQ client's own Micrometer metrics ({@code rabbitmq.*}) tagged with the instance
	 * name; a separate class so that Micrometer stays optional.
	 */
	private static final class Metrics {

		static void apply(com.rabbitmq.client.ConnectionFactory factory, InstanceContext<RabbitSettings> context) {
			MeterRegistry registry = context.beanFactory().getBeanProvider(MeterRegistry.class).getIfAvailable();
			if (registry != null) {
				factory.setMetricsCollector(new MicrometerMetricsCollector(registry, "rabbitmq",
						Tags.of("name", context.name())));
			}
		}

	}

}
