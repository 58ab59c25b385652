package dev.plugboard.devservices;

import java.util.Map;
import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.plugboard.core.spi.InstanceAdvice;
import dev.plugboard.core.spi.InstanceConnectionProvider;
import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.InstanceSettings;
import dev.plugboard.core.spi.InstanceType;
import dev.plugboard.core.spi.PlugboardException;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Serves every instance that has no connection configured (no URL, host or port) with a
 * container where a Docker engine answers and an embedded server where not, and points the
 * instance at it. The server is made to match the instance's discrete settings (database, user,
 * password, virtual host), which the instance's type prefers over the URL given here. Touches a
 * configured instance only when its connection is to be replaced by a test server
 * ({@code @AutoConfigureTestDatabase} in a test slice); off in a repackaged application unless
 * {@code plugboard.devservices.enabled=true}.
 *
 * @author Plugboard
 */
public class DevServicesConnectionProvider implements InstanceConnectionProvider {

	private static final Log logger = LogFactory.getLog(DevServicesConnectionProvider.class);

	/** Spring Boot's launcher, found on the classpath of a repackaged jar or war. */
	static final String JAR_LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

	private static final String MASK = "******";

	private final Map<String, DevService> services;

	private final BooleanSupplier dockerAvailable;

	private final BooleanSupplier repackaged;

	public DevServicesConnectionProvider() {
		this(Map.of("postgres", new PostgresDevService(), "redis", new RedisDevService(), "rabbitmq",
				new RabbitDevService()), Docker::isAvailable,
				() -> ClassUtils.isPresent(JAR_LAUNCHER, DevServicesConnectionProvider.class.getClassLoader()));
	}

	DevServicesConnectionProvider(Map<String, DevService> services, BooleanSupplier dockerAvailable,
			BooleanSupplier repackaged) {
		this.services = services;
		this.dockerAvailable = dockerAvailable;
		this.repackaged = repackaged;
	}

	@Override
	public <S extends InstanceSettings> boolean provide(InstanceType<S> type, InstanceDefinition<S> definition,
			Environment environment) {
		if (type.hasConnection(definition) && definition.connectionReplacement() == null) {
			return false;
		}
		Binder binder = Binder.get(environment);
		DevServicesProperties properties = binder.bindOrCreate("plugboard.devservices", DevServicesProperties.class);
		if (!isEnabled(properties, this.repackaged)) {
			return false;
		}
		DevService service = this.services.get(type.name());
		if (service == null) {
			return false;
		}
		Boolean container = DevServiceSelection.useContainer(properties.getMode(), service, this.dockerAvailable);
		if (container == null) {
			logger.warn("No dev service can serve " + type.name() + " instance '" + definition.name() + "' in mode "
					+ properties.getMode() + "; it keeps its default connection");
			return false;
		}
		DevInstance instance = DevInstance.of(definition, binder);
		DevConnection connection;
		try {
			connection = service.connect(instance, container, properties);
		}
		catch (RuntimeException ex) {
			throw failure(definition, instance, service.describe(container, properties), container, ex);
		}
		definition.settings().setUrl(connection.url());
		definition.attributes().put("devService", connection.description());
		logger.info(definition.name() + " → " + connection.description()
				+ ((definition.connectionReplacement() != null) ? " (" + definition.connectionReplacement() + ")" : ""));
		return true;
	}

	/**
	 * Whether dev services serve instances: as configured, or else unless the application runs
	 * from a repackaged archive.
	 * @param properties the settings
	 * @param repackaged tells whether Spring Boot's launcher is on the classpath; asked only
	 * when {@code enabled} is not set
	 * @return {@code true} if enabled
	 */
	static boolean isEnabled(DevServicesProperties properties, BooleanSupplier repackaged) {
		if (properties.getEnabled() != null) {
			return properties.getEnabled();
		}
		return !repackaged.getAsBoolean();
	}

	private static PlugboardException failure(InstanceDefinition<?> definition, DevInstance instance, String server,
			boolean container, RuntimeException ex) {
		String cause = InstanceAdvice.messages(ex).strip().replace("\n", "; ");
		if (instance.password() != null) {
			cause = cause.replace(instance.password(), MASK).replace(DevUrls.encode(instance.password()), MASK);
		}
		String description = "Dev services could not serve the " + definition.type() + " instance '"
				+ definition.name() + "' with " + server + ": " + cause;
		String action = "Fix the cause above" + (container ? ", serve the instance without Docker with "
				+ "'plugboard.devservices.mode=embedded' (environment variable PLUGBOARD_DEVSERVICES_MODE=embedded)" : "")
				+ ", point the instance at a server of its own with '" + definition.property("url")
				+ "' (environment variable " + definition.environmentVariable("url") + "), or turn dev services off "
				+ "with 'plugboard.devservices.enabled=false' (environment variable PLUGBOARD_DEVSERVICES_ENABLED=false).";
		return new PlugboardException(description, action, ex);
	}

}
