package dev.plugboard.devservices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.testcontainers.containers.GenericContainer;
import redis.embedded.RedisServer;

import org.springframework.util.ClassUtils;
import org.springframework.util.FileSystemUtils;

/**
 * Redis for unconfigured instances: a container or an embedded server (Redis 6.2) per instance,
 * persistence off, its working directory in the system temp directory.
 *
 * @author Plugboard
 */
final class RedisDevService implements DevService {

	private static final ClassLoader loader = RedisDevService.class.getClassLoader();

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
	public DevConnection connect(String instance, boolean container, DevServicesProperties properties) {
		return container ? Containers.connect(instance, properties) : Embedded.connect(instance);
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static final class Embedded {

		static DevConnection connect(String instance) {
			int port = DevServers.get("redis/embedded/" + instance, Embedded::start);
			return new DevConnection("redis://127.0.0.1:" + port + "/0",
					"embedded Redis 6.2 on 127.0.0.1:" + port);
		}

		private static Integer start() {
			try {
				int port = freePort();
				Path directory = Files.createTempDirectory("plugboard-redis-");
				RedisServer server = RedisServer.newRedisServer()
					.port(port)
					.bind("127.0.0.1")
					.setting("save \"\"")
					.setting("appendonly no")
					.setting("dir " + directory)
					.build();
				server.start();
				DevServers.stopOnExit(() -> {
					server.stop();
					FileSystemUtils.deleteRecursively(directory);
				});
				return port;
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not start an embedded Redis server: " + ex.getMessage(), ex);
			}
		}

	}

	private static final class Containers {

		@SuppressWarnings("resource")
		static DevConnection connect(String instance, DevServicesProperties properties) {
			GenericContainer<?> container = DevServers.get("redis/container/" + instance, () -> {
				GenericContainer<?> started = new GenericContainer<>(properties.getRedisImage()).withExposedPorts(6379);
				started.start();
				DevServers.stopOnExit(started::stop);
				return started;
			});
			String address = container.getHost() + ":" + container.getMappedPort(6379);
			return new DevConnection("redis://" + address + "/0",
					"Redis container " + properties.getRedisImage() + " on " + address);
		}

	}

}
