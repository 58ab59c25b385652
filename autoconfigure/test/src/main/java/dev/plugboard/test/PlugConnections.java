package dev.plugboard.test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.testcontainers.containers.Container;
import org.testcontainers.containers.ContainerState;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.ClassUtils;

/**
 * Connection URLs of containers and servers for named instances, for {@code @PlugConnection} and
 * for {@code @DynamicPropertySource} methods:
 *
 * <pre class="code">
 * &#064;DynamicPropertySource
 * static void instances(DynamicPropertyRegistry registry) {
 *     PlugConnections.register(registry, "analytics-db", analyticsContainer);
 *     PlugConnections.register(registry, "postgres", "audit-db", "postgres://app@127.0.0.1:5432/audit");
 * }
 * </pre>
 *
 * @author Plugboard
 */
public final class PlugConnections {

	private static final ClassLoader loader = PlugConnections.class.getClassLoader();

	private PlugConnections() {
	}

	/**
	 * Point an instance at a container; its URL is read when the application context asks for
	 * it, after the container has started.
	 * @param registry the registry
	 * @param instance the instance name
	 * @param container the container
	 */
	public static void register(DynamicPropertyRegistry registry, String instance, Container<?> container) {
		register(registry, type(container), instance, container);
	}

	/**
	 * Point an instance of an explicit type at a container.
	 * @param registry the registry
	 * @param type the instance type
	 * @param instance the instance name
	 * @param container the container
	 */
	public static void register(DynamicPropertyRegistry registry, String type, String instance,
			Container<?> container) {
		registry.add(property(type, instance), () -> url(type, container));
	}

	/**
	 * Point an instance at a server that is already running (a local server, a shared test
	 * server).
	 * @param registry the registry
	 * @param type the instance type
	 * @param instance the instance name
	 * @param url the connection URL
	 */
	public static void register(DynamicPropertyRegistry registry, String type, String instance, String url) {
		registry.add(property(type, instance), () -> url);
	}

	/**
	 * The property that holds an instance's URL.
	 * @param type the type
	 * @param instance the instance
	 * @return {@code plugboard.<type>.<instance>.url}
	 */
	public static String property(String type, String instance) {
		return "plugboard." + type + "." + instance + ".url";
	}

	/**
	 * The instance type a container serves, from its class or image name.
	 * @param container the container
	 * @return {@code postgres}, {@code redis} or {@code rabbitmq}
	 * @throws IllegalArgumentException if the container is none of these
	 */
	public static String type(Container<?> container) {
		if (isInstance("org.testcontainers.postgresql.PostgreSQLContainer", container)) {
			return "postgres";
		}
		if (isInstance("org.testcontainers.rabbitmq.RabbitMQContainer", container)) {
			return "rabbitmq";
		}
		String image = container.getDockerImageName().toLowerCase(Locale.ROOT);
		for (String type : new String[] { "postgres", "redis", "rabbitmq" }) {
			if (image.contains(type)) {
				return type;
			}
		}
		if (image.contains("valkey")) {
			return "redis";
		}
		throw new IllegalArgumentException("Cannot tell which instance type the container " + image
				+ " serves; name it with @PlugConnection(type = \"…\")");
	}

	/**
	 * The connection URL of a running container for an instance type.
	 * @param type the type
	 * @param container the container
	 * @return the URL
	 */
	public static String url(String type, ContainerState container) {
		String host = container.getHost();
		return switch (type) {
			case "postgres" -> Postgres.url(container, host);
			case "redis" -> "redis://" + host + ":" + container.getMappedPort(6379) + "/0";
			case "rabbitmq" -> Rabbit.url(container, host);
			default -> throw new IllegalArgumentException("No connection URL is known for type '" + type + "'");
		};
	}

	/**
	 * Percent-encode one part of a URL (a user, a password, a database), so that characters
	 * such as {@code @}, {@code :} or {@code /} neither break the URL nor escape Plugboard's
	 * masking of the password.
	 * @param value the value
	 * @return the encoded value (a space as {@code %20})
	 */
	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static boolean isInstance(String className, Object object) {
		return ClassUtils.isPresent(className, loader)
				&& ClassUtils.resolveClassName(className, loader).isInstance(object);
	}

	private static final class Postgres {

		static String url(ContainerState state, String host) {
			if (state instanceof org.testcontainers.postgresql.PostgreSQLContainer postgres) {
				return "postgres://" + encode(postgres.getUsername()) + ":" + encode(postgres.getPassword()) + "@" + host
						+ ":" + postgres.getMappedPort(5432) + "/" + encode(postgres.getDatabaseName());
			}
			return "postgres://postgres@" + host + ":" + state.getMappedPort(5432) + "/postgres";
		}

	}

	private static final class Rabbit {

		static String url(ContainerState state, String host) {
			if (ClassUtils.isPresent("org.testcontainers.rabbitmq.RabbitMQContainer", loader)
					&& state instanceof org.testcontainers.rabbitmq.RabbitMQContainer rabbit) {
				return "amqp://" + encode(rabbit.getAdminUsername()) + ":" + encode(rabbit.getAdminPassword()) + "@"
						+ host + ":" + rabbit.getAmqpPort() + "/";
			}
			return "amqp://guest:guest@" + host + ":" + state.getMappedPort(5672) + "/";
		}

	}

}
