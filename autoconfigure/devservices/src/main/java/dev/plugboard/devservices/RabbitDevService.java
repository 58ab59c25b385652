package dev.plugboard.devservices;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.VirtualHostNode;
import org.testcontainers.rabbitmq.RabbitMQContainer;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.util.ClassUtils;
import org.springframework.util.FileSystemUtils;

/**
 * AMQP 0-9-1 for unconfigured instances: a RabbitMQ container per instance, or one in-JVM Apache
 * Qpid Broker-J with a virtual host per instance (in memory, user guest/guest).
 *
 * @author Plugboard
 */
final class RabbitDevService implements DevService {

	private static final ClassLoader loader = RabbitDevService.class.getClassLoader();

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
	public DevConnection connect(String instance, boolean container, DevServicesProperties properties) {
		return container ? Containers.connect(instance, properties) : Embedded.connect(instance);
	}

	private static final class Embedded {

		static DevConnection connect(String instance) {
			// Qpid's operational log narrates every queue and channel at INFO; logging is
			// re-initialized per application, so quieten it each time
			LoggingSystem logging = LoggingSystem.get(RabbitDevService.class.getClassLoader());
			logging.setLogLevel("qpid", LogLevel.WARN);
			logging.setLogLevel("org.apache.qpid", LogLevel.WARN);
			QpidBroker broker = DevServers.get("rabbitmq/embedded", QpidBroker::start);
			broker.addVirtualHost(instance);
			return new DevConnection("amqp://guest:guest@127.0.0.1:" + broker.port + "/" + instance,
					"embedded AMQP 0-9-1 broker (Apache Qpid Broker-J) on 127.0.0.1:" + broker.port + ", virtual host "
							+ instance);
		}

	}

	/**
	 * One Qpid Broker-J in this JVM.
	 */
	static final class QpidBroker {

		private final int port;

		private final SystemLauncher launcher;

		private volatile SystemConfig<?> systemConfig;

		private QpidBroker(int port) {
			this.port = port;
			this.launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {

				@Override
				public void onContainerResolve(SystemConfig<?> systemConfig) {
					QpidBroker.this.systemConfig = systemConfig;
				}

			});
		}

		static QpidBroker start() {
			try {
				Path work = Files.createTempDirectory("plugboard-qpid-");
				int port = RedisDevService.freePort();
				Path config = work.resolve("config.json");
				Files.writeString(config, configuration(port), StandardCharsets.UTF_8);
				QpidBroker broker = new QpidBroker(port);
				broker.launcher.startup(Map.of("type", "Memory", "initialConfigurationLocation",
						config.toUri().toString(), "startupLoggedToSystemOut", false, "context",
						Map.of("qpid.work_dir", work.toString(), "qpid.broker.defaultPreferenceStoreAttributes",
								"{\"type\": \"Noop\"}")));
				DevServers.stopOnExit(() -> {
					broker.launcher.shutdown();
					FileSystemUtils.deleteRecursively(work);
				});
				return broker;
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not start an embedded AMQP broker: " + ex.getMessage(), ex);
			}
		}

		synchronized void addVirtualHost(String name) {
			Broker<?> broker = (Broker<?>) this.systemConfig.getContainer(Broker.class);
			if (broker.getChildByName(VirtualHostNode.class, name) != null) {
				return;
			}
			broker.createChild(VirtualHostNode.class, Map.of("name", name, "type", "Memory",
					"virtualHostInitialConfiguration", "{\"type\": \"Memory\"}"));
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

	private static final class Containers {

		static DevConnection connect(String instance, DevServicesProperties properties) {
			RabbitMQContainer container = DevServers.get("rabbitmq/container/" + instance, () -> {
				RabbitMQContainer started = new RabbitMQContainer(properties.getRabbitmqImage());
				started.start();
				DevServers.stopOnExit(started::stop);
				return started;
			});
			String address = container.getHost() + ":" + container.getAmqpPort();
			return new DevConnection(
					"amqp://" + container.getAdminUsername() + ":" + container.getAdminPassword() + "@" + address + "/",
					"RabbitMQ container " + properties.getRabbitmqImage() + " on " + address);
		}

	}

}
