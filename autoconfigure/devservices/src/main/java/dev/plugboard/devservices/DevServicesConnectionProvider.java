package dev.plugboard.devservices;

import java.util.Map;
import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.plugboard.core.spi.InstanceConnectionProvider;
import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.InstanceSettings;
import dev.plugboard.core.spi.InstanceType;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Serves every instance that has no connection configured (no URL, no host) with a container
 * where a Docker engine answers and an embedded server where not, and points the instance at
 * it. Never touches a configured instance; off in a repackaged application unless
 * {@code plugboard.devservices.enabled=true}.
 *
 * @author Plugboard
 */
public class DevServicesConnectionProvider implements InstanceConnectionProvider {

	private static final Log logger = LogFactory.getLog(DevServicesConnectionProvider.class);

	private static final String JAR_LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

	private final Map<String, DevService> services;

	private final BooleanSupplier dockerAvailable;

	public DevServicesConnectionProvider() {
		this(Map.of("postgres", new PostgresDevService(), "redis", new RedisDevService(), "rabbitmq",
				new RabbitDevService()), Docker::isAvailable);
	}

	DevServicesConnectionProvider(Map<String, DevService> services, BooleanSupplier dockerAvailable) {
		this.services = services;
		this.dockerAvailable = dockerAvailable;
	}

	@Override
	public <S extends InstanceSettings> void provide(InstanceType<S> type, InstanceDefinition<S> definition,
			Environment environment) {
		DevServicesProperties properties = Binder.get(environment)
			.bindOrCreate("plugboard.devservices", DevServicesProperties.class);
		if (!isEnabled(properties) || type.hasConnection(definition)) {
			return;
		}
		DevService service = this.services.get(type.name());
		if (service == null) {
			return;
		}
		Boolean container = DevServiceSelection.useContainer(properties.getMode(), service, this.dockerAvailable);
		if (container == null) {
			logger.warn("No dev service can serve " + type.name() + " instance '" + definition.name() + "' in mode "
					+ properties.getMode() + "; it keeps its default connection");
			return;
		}
		DevConnection connection = service.connect(definition.name(), container, properties);
		definition.settings().setUrl(connection.url());
		definition.attributes().put("devService", connection.description());
		logger.info(definition.name() + " → " + connection.description());
	}

	static boolean isEnabled(DevServicesProperties properties) {
		if (properties.getEnabled() != null) {
			return properties.getEnabled();
		}
		return !ClassUtils.isPresent(JAR_LAUNCHER, DevServicesConnectionProvider.class.getClassLoader());
	}

}
