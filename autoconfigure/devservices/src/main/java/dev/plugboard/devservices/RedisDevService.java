package dev.plugboard.devservices;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

import org.springframework.util.ClassUtils;

/**
 * Redis for unconfigured instances: a container or an embedded server (Redis 6.2) per instance,
 * persistence off, everything it writes in a directory of its own in the system temp directory.
 * A password the instance names is required by its server ({@code requirepass}), a user becomes
 * an ACL user with every permission, and a database index beyond the default 16 is provided.
 *
 * @author Plugboard
 */
final class RedisDevService implements DevService {

	private static final ClassLoader loader = RedisDevService.class.getClassLoader();

	private static final int DEFAULT_DATABASES = 16;

	private final DevServers servers;

	RedisDevService() {
		this(DevServers.shared());
	}

	RedisDevService(DevServers servers) {
		this.servers = servers;
	}

	@Override
	public String type() {
		return "redis";
	}

	@Override
	public boolean isAvailable(boolean container) {
		return container ? ClassUtils.isPresent("org.testcontainers.containers.GenericContainer", loader)
				: ClassUtils.isPresent("redis.embedded.RedisServer", loader);
	}

	@Override
	public String describe(boolean container, DevServicesProperties properties) {
		return container ? "a Redis container (" + properties.getRedisImage() + ")"
				: "an embedded Redis server (com.github.codemonstur:embedded-redis)";
	}

	@Override
	public DevConnection connect(DevInstance instance, boolean container, DevServicesProperties properties) {
		return container ? Containers.connect(this.servers, instance, properties.getRedisImage())
				: Embedded.connect(this.servers, instance);
	}

	/**
	 * The database index an instance names, or 0.
	 */
	static int database(DevInstance instance) {
		try {
			return (instance.database() != null) ? Math.max(0, Integer.parseInt(instance.database().trim())) : 0;
		}
		catch (NumberFormatException ex) {
			// not an index: the type rejects it with a message naming the setting
			return 0;
		}
	}

	/**
	 * The username to create as an ACL user, or {@code null} for the default user.
	 */
	static @Nullable String aclUser(DevInstance instance) {
		return (instance.username() != null && !instance.username().equals("default")) ? instance.username() : null;
	}

	/**
	 * The server settings an instance needs beyond the defaults, as {@code redis.conf} lines
	 * of arguments (the first the directive).
	 */
	static List<List<String>> settings(DevInstance instance) {
		List<List<String>> settings = new ArrayList<>();
		int database = database(instance);
		if (database >= DEFAULT_DATABASES) {
			settings.add(List.of("databases", Integer.toString(database + 1)));
		}
		if (instance.password() != null) {
			// also with an ACL user, so that no connection works without a password
			settings.add(List.of("requirepass", instance.password()));
		}
		String user = aclUser(instance);
		if (user != null) {
			String password = (instance.password() != null) ? ">" + instance.password() : "nopass";
			settings.add(List.of("user", user, "on", password, "~*", "&*", "+@all"));
		}
		return settings;
	}

	static String url(DevInstance instance, String address) {
		return DevUrls.url("redis", instance.username(), instance.password(), address,
				Integer.toString(database(instance)));
	}

	private static final class Embedded {

		static DevConnection connect(DevServers servers, DevInstance instance) {
			// settings are part of the key: a context that names another password gets a
			// server that requires it
			int port = servers.get("redis/embedded/" + instance.name() + "/"
					+ DevServers.fingerprint(instance.username(), instance.password(), instance.database()),
					() -> start(servers, instance));
			String address = "127.0.0.1:" + port;
			return new DevConnection(url(instance, address), "embedded Redis 6.2 on " + address
					+ ((instance.password() != null) ? ", password required" : ""));
		}

		private static Integer start(DevServers servers, DevInstance instance) {
			File executable = servers.get("redis/executable", () -> unpack(servers));
			try {
				int port = DevServers.freePort();
				Path directory = servers.directory("plugboard-redis-");
				// a configuration file rather than arguments keeps the password out of the
				// process list; temp directories are private to their owner
				Path configuration = Files.writeString(directory.resolve("redis.conf"),
						configuration(port, directory, instance), StandardCharsets.UTF_8);
				// the process runs in the executable's directory, and writes to "dir" only
				RedisServer server = new RedisServer(port,
						List.of(executable.getAbsolutePath(), configuration.toString()), false);
				server.start();
				servers.onStop(server::stop);
				return port;
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not start an embedded Redis server: " + ex.getMessage(), ex);
			}
		}

		private static File unpack(DevServers servers) {
			try {
				return ExecutableProvider.newJarResourceProvider(servers.directory("plugboard-redis-bin-").toFile())
					.get();
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not unpack the embedded Redis server: " + ex.getMessage(), ex);
			}
		}

		static String configuration(int port, Path directory, DevInstance instance) {
			List<List<String>> lines = new ArrayList<>();
			lines.add(List.of("port", Integer.toString(port)));
			lines.add(List.of("bind", "127.0.0.1"));
			lines.add(List.of("save", ""));
			lines.add(List.of("appendonly", "no"));
			lines.add(List.of("dir", directory.toString()));
			lines.addAll(settings(instance));
			StringBuilder text = new StringBuilder();
			for (List<String> line : lines) {
				text.append(String.join(" ", line.stream().map(Embedded::quote).toList())).append('\n');
			}
			return text.toString();
		}

		/**
		 * Quote a redis.conf argument, which Redis reads like a C string in double quotes.
		 */
		static String quote(String argument) {
			StringBuilder quoted = new StringBuilder("\"");
			for (byte b : argument.getBytes(StandardCharsets.UTF_8)) {
				int c = b & 0xff;
				if (c == '"' || c == '\\') {
					quoted.append('\\').append((char) c);
				}
				else if (c < 0x20 || c >= 0x7f) {
					quoted.append(String.format("\\x%02x", c));
				}
				else {
					quoted.append((char) c);
				}
			}
			return quoted.append('"').toString();
		}

	}

	/**
	 * A container per instance, started with the settings the instance needs.
	 */
	static final class Containers {

		static final int PORT = 6379;

		private Containers() {
		}

		@SuppressWarnings("resource")
		static DevConnection connect(DevServers servers, DevInstance instance, String image) {
			GenericContainer<?> container = servers.container(key(instance, image), () -> create(instance, image));
			return connection(container, instance, image);
		}

		static String key(DevInstance instance, String image) {
			return DevServers.containerKey("redis", instance, image, instance.username(), instance.password(),
					instance.database());
		}

		@SuppressWarnings("resource")
		static GenericContainer<?> create(DevInstance instance, String image) {
			List<String> command = new ArrayList<>(List.of("redis-server", "--save", "", "--appendonly", "no"));
			for (List<String> setting : settings(instance)) {
				command.add("--" + setting.get(0));
				command.addAll(setting.subList(1, setting.size()));
			}
			return new GenericContainer<>(DockerImageName.parse(image)).withExposedPorts(PORT)
				.withCommand(command.toArray(String[]::new));
		}

		static DevConnection connection(GenericContainer<?> container, DevInstance instance, String image) {
			String address = container.getHost() + ":" + container.getMappedPort(PORT);
			return new DevConnection(url(instance, address), "Redis container " + image + " on " + address);
		}

	}

}
