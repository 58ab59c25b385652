package dev.plugboard.devservices;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Whether a Docker engine answers, asked once per JVM through Testcontainers, and only where
 * one may exist: on Linux without {@code DOCKER_HOST}, a Testcontainers configuration or a
 * Docker socket, Testcontainers is not asked (it would log an error about the missing engine on
 * every start).
 *
 * @author Plugboard
 */
final class Docker {

	private static final List<String> ENVIRONMENT = List.of("DOCKER_HOST", "TESTCONTAINERS_HOST_OVERRIDE",
			"TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE");

	private static final List<String> SOCKETS = List.of("var/run/docker.sock", "run/docker.sock",
			"run/podman/podman.sock");

	private static final List<String> HOME_SOCKETS = List.of(".docker/run/docker.sock",
			".docker/desktop/docker.sock", ".colima/default/docker.sock", ".rd/docker.sock",
			".testcontainers.properties");

	private static volatile Boolean available;

	private Docker() {
	}

	static boolean isAvailable() {
		Boolean result = available;
		if (result == null) {
			result = ClassUtils.isPresent("org.testcontainers.DockerClientFactory", Docker.class.getClassLoader())
					&& mayHaveEngine(System.getenv(), System.getProperty("os.name"), Path.of("/"),
							Path.of(System.getProperty("user.home")))
					&& ask();
			available = result;
		}
		return result;
	}

	/**
	 * Whether a Docker engine may answer, judged without asking it.
	 * @param environment the environment variables
	 * @param osName the operating system's name
	 * @param root the file system root
	 * @param home the user's home directory
	 * @return {@code false} only on Linux where no variable, configuration or socket points to one
	 */
	static boolean mayHaveEngine(Map<String, String> environment, String osName, Path root, Path home) {
		if (ENVIRONMENT.stream().anyMatch((name) -> StringUtils.hasText(environment.get(name)))
				|| !osName.toLowerCase(Locale.ROOT).contains("linux")) {
			return true;
		}
		String runtimeDirectory = environment.get("XDG_RUNTIME_DIR");
		Stream<Path> userSockets = StringUtils.hasText(runtimeDirectory)
				? Stream.of(Path.of(runtimeDirectory, "docker.sock"), Path.of(runtimeDirectory, "podman", "podman.sock"))
				: Stream.empty();
		return Stream
			.of(SOCKETS.stream().map(root::resolve), HOME_SOCKETS.stream().map(home::resolve), userSockets)
			.flatMap((paths) -> paths)
			.anyMatch(Files::exists);
	}

	private static boolean ask() {
		try {
			return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

}
