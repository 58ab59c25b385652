package dev.plugboard.rabbitmq.autoconfigure;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.ConnectionUrl;
import dev.plugboard.core.spi.InstanceAdvice;
import dev.plugboard.core.spi.InstanceBeans;
import dev.plugboard.core.spi.InstanceContext;
import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.InstanceType;
import dev.plugboard.core.spi.InvalidSettingException;
import dev.plugboard.rabbitmq.RabbitInstance;

import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * RabbitMQ over Spring AMQP: per instance a caching connection factory, a template, an admin
 * that declares only the instance's own declarations, a listener container factory and the
 * {@link RabbitInstance} handle.
 *
 * @author Plugboard
 */
public class RabbitType implements InstanceType<RabbitSettings> {

	private static final Set<String> SCHEMES = Set.of("amqp", "amqps");

	private static final int PORT = 5672;

	private static final int TLS_PORT = 5671;

	private static final Set<String> CONNECTION_SETTINGS = Set.of("host", "port", "addresses", "virtual-host");

	private static final Map<String, @Nullable String> REPLACED_BOOT_PROPERTIES = Map.of("spring.rabbitmq", "");

	@Override
	public String name() {
		return "rabbitmq";
	}

	@Override
	public String discoveryScheme() {
		return "amqp";
	}

	@Override
	public Class<RabbitSettings> settingsClass() {
		return RabbitSettings.class;
	}

	@Override
	public boolean criticalByDefault() {
		return true;
	}

	@Override
	public boolean hasConnection(InstanceDefinition<RabbitSettings> definition) {
		return InstanceType.super.hasConnection(definition) || !definition.settings().getAddresses().isEmpty();
	}

	@Override
	public Set<String> connectionSettings() {
		return CONNECTION_SETTINGS;
	}

	@Override
	public Class<?> connectionDetailsType() {
		return org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails.class;
	}

	@Override
	public void applyConnectionDetails(Object details, InstanceDefinition<RabbitSettings> definition) {
		RabbitConnectionDetails.apply(details, definition);
	}

	@Override
	public Map<String, @Nullable String> replacedBootProperties() {
		return REPLACED_BOOT_PROPERTIES;
	}

	@Override
	public String prepare(InstanceDefinition<RabbitSettings> definition) {
		RabbitSettings settings = definition.settings();
		if (settings.getUrl() != null) {
			applyUrl(definition, ConnectionUrl.parse(definition, SCHEMES));
		}
		boolean tls = settings.getSsl().determineEnabled();
		if (settings.getPort() != null && (settings.getPort() < 1 || settings.getPort() > 65535)) {
			throw new InvalidSettingException(definition, "port", "the port " + settings.getPort() + " is outside 1-65535",
					"Set the AMQP port of the broker, usually 5672 (5671 with TLS).");
		}
		List<String> addresses = RabbitClients.hostsAndPorts(settings.getAddresses(), tls);
		for (String address : addresses) {
			validateAddress(definition, address);
		}
		if (settings.getVirtualHost() != null && settings.getVirtualHost().isBlank()) {
			throw new InvalidSettingException(definition, "virtual-host", "the virtual host is empty",
					"Leave it unset for '/', or name the virtual host.");
		}
		if (settings.getTemplate().getPublishAttempts() < 1) {
			throw new InvalidSettingException(definition, "template.publish-attempts",
					"must be at least 1 but is " + settings.getTemplate().getPublishAttempts(), "Set a positive number.");
		}
		requirePositive(definition, "template.confirm-timeout", settings.getTemplate().getConfirmTimeout());
		requirePositive(definition, "shutdown.timeout", settings.getShutdown().getTimeout());
		String virtualHost = (settings.getVirtualHost() != null && !settings.getVirtualHost().equals("/"))
				? settings.getVirtualHost() : "";
		if (!addresses.isEmpty()) {
			return String.join(",", addresses) + "/" + virtualHost;
		}
		String host = (settings.getHost() != null) ? settings.getHost() : "localhost";
		int port = (settings.getPort() != null) ? settings.getPort() : tls ? TLS_PORT : PORT;
		return host + ":" + port + "/" + virtualHost;
	}

	private static void applyUrl(InstanceDefinition<RabbitSettings> definition, ConnectionUrl url) {
		RabbitSettings settings = definition.settings();
		boolean tls = url.scheme().equals("amqps");
		if (tls && !definition.isSet("ssl.enabled")) {
			settings.getSsl().setEnabled(true);
		}
		boolean discreteServer = definition.isSet("host") || definition.isSet("addresses");
		if (url.hosts().size() > 1 && !discreteServer) {
			url.hosts().forEach((host) -> settings.getAddresses().add(host.host() + ":" + host.portOr(tls ? TLS_PORT : PORT)));
		}
		else {
			definition.applyUnlessSet("host", url.host(), settings::setHost);
			definition.applyUnlessSet("port", url.port(), settings::setPort);
		}
		definition.applyUnlessSet("username", url.username(), settings::setUsername);
		definition.applyUnlessSet("password", url.password(), settings::setPassword);
		definition.applyUnlessSet("virtual-host", url.path(), settings::setVirtualHost);
		// the query parameters of the RabbitMQ URI specification
		Map<String, String> query = url.query();
		if (query.containsKey("heartbeat") && !definition.isSet("requested-heartbeat")) {
			settings.setRequestedHeartbeat(Duration.ofSeconds(number(definition, url, "heartbeat")));
		}
		if (query.containsKey("connection_timeout") && !definition.isSet("connection-timeout")) {
			settings.setConnectionTimeout(Duration.ofMillis(number(definition, url, "connection_timeout")));
		}
		if (query.containsKey("channel_max") && !definition.isSet("requested-channel-max")) {
			settings.setRequestedChannelMax((int) number(definition, url, "channel_max"));
		}
	}

	private static long number(InstanceDefinition<RabbitSettings> definition, ConnectionUrl url, String parameter) {
		String value = url.query().get(parameter);
		try {
			long number = Long.parseLong(value);
			if (number < 0 || number > Integer.MAX_VALUE) {
				throw new NumberFormatException();
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new InvalidSettingException(definition, "url",
					"'" + url + "' has the query parameter " + parameter + "=" + value + ", which is not a number",
					"Give " + parameter + " as a whole number (heartbeat in seconds, connection_timeout in milliseconds).");
		}
	}

	private static void validateAddress(InstanceDefinition<RabbitSettings> definition, String address) {
		int colon = address.lastIndexOf(':');
		String host = address.substring(0, colon);
		String port = address.substring(colon + 1);
		int number;
		try {
			number = Integer.parseInt(port);
		}
		catch (NumberFormatException ex) {
			number = -1;
		}
		if (host.isEmpty() || number < 1 || number > 65535) {
			throw new InvalidSettingException(definition, "addresses", "the address '" + address + "' is not host:port",
					"List the brokers as host:port, separated by commas, for example mq1:5672,mq2:5672.");
		}
	}

	private static void requirePositive(InstanceDefinition<RabbitSettings> definition, String setting, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new InvalidSettingException(definition, setting, "must be positive but is " + value,
					"Set a positive duration such as 5s.");
		}
	}

	@Override
	public void registerBeans(InstanceBeans<RabbitSettings> beans) {
		beans.register("ConnectionFactory", CachingConnectionFactory.class, (context) -> {
			try {
				return RabbitClients.connectionFactory(context);
			}
			catch (RuntimeException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not configure RabbitMQ instance '" + context.name() + "'", ex);
			}
		}).primaryAlias("rabbitConnectionFactory");
		beans.register("RabbitTemplate", RabbitTemplate.class, RabbitClients::template).primaryAlias("rabbitTemplate");
		beans.register("RabbitAdmin", RabbitAdmin.class, RabbitClients::admin).primaryAlias("amqpAdmin");
		beans.register("ListenerTaskExecutor", SimpleAsyncTaskExecutor.class, RabbitClients::listenerTaskExecutor)
			// destroyed (closed, waiting for the consumer threads) before the connection factory
			.customize((definition) -> definition.setDependsOn(beans.definition().beanName("ConnectionFactory")));
		beans.register("RabbitListenerContainerFactory", SimpleRabbitListenerContainerFactory.class,
				RabbitClients::containerFactory)
			.primaryAlias("rabbitListenerContainerFactory");
		beans.register("RabbitInstance", RabbitInstance.class,
				(context) -> new RabbitInstance(context.instance(),
						context.bean("ConnectionFactory", CachingConnectionFactory.class),
						context.bean("RabbitTemplate", RabbitTemplate.class), context.bean("RabbitAdmin", RabbitAdmin.class),
						context.bean("RabbitListenerContainerFactory", SimpleRabbitListenerContainerFactory.class),
						context.settings().getTemplate().getPublishAttempts(),
						context.settings().getTemplate().getConfirmTimeout()));
	}

	@Override
	public Map<String, Object> check(InstanceContext<RabbitSettings> context) throws Exception {
		CachingConnectionFactory factory = context.bean("ConnectionFactory", CachingConnectionFactory.class);
		Map<String, Object> details = new LinkedHashMap<>();
		// Opening the connection is bounded by connection-timeout (health.timeout unless set).
		// A cached connection answers from memory, so a channel is opened as well: a real round
		// trip that fails at once on a cut connection.
		try (Connection connection = factory.createConnection()) {
			com.rabbitmq.client.Channel channel = connection.getDelegate().createChannel();
			if (channel == null) {
				throw new IllegalStateException("The broker has no channel left for a health check");
			}
			channel.close();
			Map<String, Object> server = connection.getDelegate().getServerProperties();
			details.put("version", server.get("product") + " " + server.get("version"));
			details.put("virtualHost", factory.getVirtualHost());
		}
		return details;
	}

	@Override
	public void onAvailable(InstanceContext<RabbitSettings> context) {
		// Declare now rather than on the first use of a connection, so that a wrong
		// declaration shows at startup and declarations return after an outage.
		context.bean("RabbitAdmin", RabbitAdmin.class).initialize();
	}

	@Override
	public boolean isPermanent(InstanceDefinition<RabbitSettings> definition, Throwable error) {
		String text = InstanceAdvice.messages(error);
		return isRefusedLogin(text) || isUnknownVirtualHost(text);
	}

	private static boolean isRefusedLogin(String text) {
		return text.contains("ACCESS_REFUSED") || text.contains("PLAIN login refused")
				|| text.contains("AuthenticationFailure");
	}

	private static boolean isUnknownVirtualHost(String text) {
		return text.contains("NOT_ALLOWED") && text.contains("vhost");
	}

	@Override
	public @Nullable String advice(InstanceDefinition<RabbitSettings> definition, Throwable error) {
		String text = InstanceAdvice.messages(error);
		if (isRefusedLogin(text)) {
			return InstanceAdvice.credentials(definition, "The broker");
		}
		if (isUnknownVirtualHost(text)) {
			String virtualHost = definition.settings().getVirtualHost();
			return "The broker has no virtual host '" + ((virtualHost != null) ? virtualHost : "/")
					+ "' for this user: create it and grant the user permissions (rabbitmqctl add_vhost, "
					+ "set_permissions), or fix '" + definition.property("virtual-host") + "' (environment variable "
					+ definition.environmentVariable("virtual-host") + ") or the path of '" + definition.property("url")
					+ "'.";
		}
		if (text.contains("Connection refused") || text.contains("UnknownHost") || text.contains("timed out")) {
			if (!definition.settings().getAddresses().isEmpty()) {
				return InstanceAdvice.unreachable(definition, "the brokers", "addresses");
			}
			return InstanceAdvice.unreachable(definition, "the broker");
		}
		return null;
	}

	@Override
	public Set<String> secrets(InstanceDefinition<RabbitSettings> definition) {
		// Spring Boot accepts amqp://user:secret@host addresses; their passwords are masked too
		Set<String> secrets = new HashSet<>();
		definition.settings().getAddresses().forEach((address) -> secrets.addAll(ConnectionUrl.passwordsOf(address)));
		return secrets;
	}

	@Override
	public Set<String> replacedHealthContributors() {
		return Set.of("rabbitHealthContributor", "rabbitHealthIndicator");
	}

	/**
	 * Spring Boot's RabbitMQ auto-configuration would build its {@code RabbitProperties},
	 * connection details and configurers from {@code spring.rabbitmq.*} beside the instances,
	 * describing a broker that none of them uses ({@link RabbitListenerAutoConfiguration} keeps
	 * its {@code @RabbitListener} support and messaging template). Its RabbitMQ metrics would tag
	 * each connection factory with its bean name ({@code billingEu}) and replace the collector
	 * that tags it with the instance name ({@code billing-eu}).
	 */
	@Override
	public Set<String> replacedAutoConfigurations() {
		return Set.of("org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
				"org.springframework.boot.amqp.autoconfigure.metrics.RabbitMetricsAutoConfiguration");
	}

}
