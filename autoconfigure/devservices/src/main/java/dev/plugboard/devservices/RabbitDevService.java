package dev.plugboard.devservices;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import javax.security.auth.login.AccountNotFoundException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.AuthenticationProvider;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.PasswordCredentialManagingAuthenticationProvider;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.VirtualHostNode;
import org.jspecify.annotations.Nullable;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.util.ClassUtils;

/**
 * AMQP 0-9-1 for unconfigured instances: a RabbitMQ container per instance, or one in-JVM Apache
 * Qpid Broker-J (in memory) with a virtual host per instance. The virtual host, user and
 * password an instance names are created for it; without them an instance gets a virtual host
 * named after it and the user {@code guest}/{@code guest}.
 *
 * @author Plugboard
 */
final class RabbitDevService implements DevService {

	private static final Log logger = LogFactory.getLog(RabbitDevService.class);

	private static final ClassLoader loader = RabbitDevService.class.getClassLoader();

	static final String GUEST = "guest";

	private final DevServers servers;

	RabbitDevService() {
		this(DevServers.shared());
	}

	RabbitDevService(DevServers servers) {
		this.servers = servers;
	}

	@Override
	public String type() {
		return "rabbitmq";
	}

	@Override
	public boolean isAvailable(boolean container) {
		return container ? ClassUtils.isPresent("org.testcontainers.rabbitmq.RabbitMQContainer", loader)
				: ClassUtils.isPresent("org.apache.qpid.server.SystemLauncher", loader) && ClassUtils
					.isPresent("org.apache.qpid.server.protocol.v0_8.ProtocolEngineCreator_0_9_1", loader);
	}

	@Override
	public String describe(boolean container, DevServicesProperties properties) {
		return container ? "a RabbitMQ container (" + properties.getRabbitmqImage() + ")"
				: "an embedded AMQP 0-9-1 broker (Apache Qpid Broker-J)";
	}

	@Override
	public DevConnection connect(DevInstance instance, boolean container, DevServicesProperties properties) {
		return container ? Containers.connect(this.servers, instance, properties.getRabbitmqImage())
				: Embedded.connect(this.servers, instance);
	}

	/**
	 * The user of an instance on the shared broker: the one it names; {@code guest} without
	 * credentials; and, for a password without a user, a user named after the instance, since
	 * changing guest's password would lock the other instances out.
	 */
	static String user(DevInstance instance) {
		if (instance.username() != null) {
			return instance.username();
		}
		return (instance.password() != null) ? instance.name() : GUEST;
	}

	static String password(DevInstance instance) {
		return (instance.password() != null) ? instance.password() : GUEST;
	}

	private static final class Embedded {

		static DevConnection connect(DevServers servers, DevInstance instance) {
			// Qpid's operational log narrates every queue and channel at INFO; logging is
			// re-initialized per application, so quieten it each time
			LoggingSystem logging = LoggingSystem.get(RabbitDevService.class.getClassLoader());
			logging.setLogLevel("qpid", LogLevel.WARN);
			logging.setLogLevel("org.apache.qpid", LogLevel.WARN);
			QpidBroker broker = servers.get("rabbitmq/embedded", () -> QpidBroker.start(servers));
			String virtualHost = (instance.virtualHost() != null) ? instance.virtualHost() : instance.name();
			broker.addVirtualHost(virtualHost);
			String user = user(instance);
			broker.addUser(user, password(instance), instance.name());
			String address = "127.0.0.1:" + broker.port;
			return new DevConnection(DevUrls.url("amqp", user, password(instance), address, virtualHost),
					"embedded AMQP 0-9-1 broker (Apache Qpid Broker-J) on " + address + ", virtual host "
							+ virtualHost + (user.equals(GUEST) ? "" : ", user " + user));
		}

	}

	/**
	 * One Qpid Broker-J.
	 */
	static final class QpidBroker {

		/** The Qpid node behind an empty virtual host name or {@code /}. */
		static final String DEFAULT_NODE = "default";

		private final int port;

		private final SystemLauncher launcher;

		private final Map<String, String> passwords = new HashMap<>();

		private final Map<String, String> owners = new HashMap<>();

		private volatile @Nullable SystemConfig<?> systemConfig;

		private QpidBroker(int port) {
			this.port = port;
			this.launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {

				@Override
				public void onContainerResolve(SystemConfig<?> systemConfig) {
					QpidBroker.this.systemConfig = systemConfig;
				}

			});
		}

		static QpidBroker start(DevServers servers) {
			try {
				Path work = servers.directory("plugboard-qpid-");
				int port = DevServers.freePort();
				Path config = work.resolve("config.json");
				Files.writeString(config, configuration(port), StandardCharsets.UTF_8);
				QpidBroker broker = new QpidBroker(port);
				// qpid.work_dir keeps whatever the broker writes in our directory
				broker.launcher.startup(Map.of("type", "Memory", "initialConfigurationLocation",
						config.toUri().toString(), "startupLoggedToSystemOut", false, "context",
						Map.of("qpid.work_dir", work.toString(), "qpid.broker.defaultPreferenceStoreAttributes",
								"{\"type\": \"Noop\"}")));
				broker.passwords.put(GUEST, GUEST);
				servers.onStop(broker.launcher::shutdown);
				return broker;
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not start an embedded AMQP broker: " + ex.getMessage(), ex);
			}
		}

		private Broker<?> broker() {
			return (Broker<?>) Objects.requireNonNull(this.systemConfig, "Broker not started")
				.getContainer(Broker.class);
		}

		/**
		 * Add a virtual host. Qpid, like RabbitMQ, ignores a leading {@code /} and serves an
		 * empty name from the default node.
		 * @param name the virtual host as the client names it
		 */
		synchronized void addVirtualHost(String name) {
			String node = name.startsWith("/") ? name.substring(1) : name;
			if (node.isEmpty()) {
				return;
			}
			Broker<?> broker = broker();
			if (broker.getChildByName(VirtualHostNode.class, node) == null) {
				broker.createChild(VirtualHostNode.class, Map.of("name", node, "type", "Memory",
						"virtualHostInitialConfiguration", "{\"type\": \"Memory\"}"));
			}
		}

		/**
		 * Add a user to the broker's Plain authentication provider, or give an existing one a
		 * new password (users are broker-wide: a warning says whom that locks out).
		 * @param user the user
		 * @param password the password
		 * @param instance the instance that asks for it
		 */
		synchronized void addUser(String user, String password, String instance) {
			String current = this.passwords.get(user);
			if (password.equals(current)) {
				this.owners.putIfAbsent(user, instance);
				return;
			}
			PasswordCredentialManagingAuthenticationProvider<?> provider = (PasswordCredentialManagingAuthenticationProvider<?>) broker()
				.getChildByName(AuthenticationProvider.class, "plain");
			if (current == null) {
				provider.createUser(user, password, Map.of());
			}
			else {
				try {
					provider.setPassword(user, password);
				}
				catch (AccountNotFoundException ex) {
					throw new IllegalStateException("User " + user + " vanished from the embedded AMQP broker", ex);
				}
				logger.warn("Instance '" + instance + "' gives the user '" + user + "' of the embedded AMQP broker "
						+ "another password than instance '" + this.owners.get(user) + "' did; instances with the "
						+ "old password can no longer connect. Give them different users.");
			}
			this.passwords.put(user, password);
			this.owners.put(user, instance);
		}

		private static String configuration(int port) {
			return """
					{
					  "name": "plugboard-devservices",
					  "modelVersion": "9.0",
					  "authenticationproviders": [{
					    "name": "plain", "type": "Plain", "secureOnlyMechanisms": [],
					    "users": [{"name": "guest", "type": "managed", "password": "guest"}]
					  }],
					  "ports": [{
					    "name": "AMQP", "port": "%d", "bindingAddress": "127.0.0.1",
					    "authenticationProvider": "plain", "protocols": ["AMQP_0_9_1"],
					    "virtualhostaliases": [
					      {"name": "nameAlias", "type": "nameAlias"},
					      {"name": "defaultAlias", "type": "defaultAlias"}
					    ]
					  }],
					  "virtualhostnodes": [{
					    "name": "default", "type": "Memory", "defaultVirtualHostNode": "true",
					    "virtualHostInitialConfiguration": "{\\"type\\": \\"Memory\\"}"
					  }]
					}
					""".formatted(port);
		}

	}

	/**
	 * A RabbitMQ container per instance, whose default user and virtual host are the ones the
	 * instance names.
	 */
	static final class Containers {

		private Containers() {
		}

		static DevConnection connect(DevServers servers, DevInstance instance, String image) {
			RabbitMQContainer container = servers.container(key(instance, image), () -> create(instance, image));
			return connection(container, instance, image);
		}

		static String key(DevInstance instance, String image) {
			return DevServers.containerKey("rabbitmq", instance, image, instance.virtualHost(), instance.username(),
					instance.password());
		}

		static DockerImageName image(String image) {
			// a mirrored or custom image is taken as a RabbitMQ image
			return DockerImageName.parse(image).asCompatibleSubstituteFor("rabbitmq");
		}

		static RabbitMQContainer create(DevInstance instance, String image) {
			RabbitMQContainer container = new RabbitMQContainer(image(image));
			if (instance.username() != null) {
				container.withAdminUser(instance.username());
			}
			if (instance.password() != null) {
				container.withAdminPassword(instance.password());
			}
			if (instance.virtualHost() != null) {
				// RabbitMQ creates it at first start and gives the default user all rights on it
				container.withEnv("RABBITMQ_DEFAULT_VHOST", instance.virtualHost());
			}
			return container;
		}

		static DevConnection connection(RabbitMQContainer container, DevInstance instance, String image) {
			String address = container.getHost() + ":" + container.getAmqpPort();
			String virtualHost = (instance.virtualHost() != null) ? instance.virtualHost() : "";
			return new DevConnection(DevUrls.url("amqp", container.getAdminUsername(), container.getAdminPassword(),
					address, virtualHost), "RabbitMQ container " + image + " on " + address
							+ ((instance.virtualHost() != null) ? ", virtual host " + instance.virtualHost() : ""));
		}

	}

}
