package dev.plugboard.devservices;

import org.springframework.util.ClassUtils;

/**
 * Whether a Docker engine answers, asked once per JVM through Testcontainers.
 *
 * @author Plugboard
 */
final class Docker {

	private static volatile Boolean available;

	private Docker() {
	}

	static boolean isAvailable() {
		Boolean result = available;
		if (result == null) {
			result = ClassUtils.isPresent("org.testcontainers.DockerClientFactory", Docker.class.getClassLoader())
					&& ask();
			available = result;
		}
		return result;
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
