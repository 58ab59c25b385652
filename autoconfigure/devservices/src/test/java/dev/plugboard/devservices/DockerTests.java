package dev.plugboard.devservices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When Testcontainers is asked whether Docker answers: only where an engine may exist.
 */
class DockerTests {

	@TempDir
	Path root;

	@TempDir
	Path home;

	@Test
	void linuxWithoutVariableConfigurationOrSocketHasNoEngine() {
		assertThat(Docker.mayHaveEngine(Map.of(), "Linux", this.root, this.home)).isFalse();
	}

	@Test
	void dockerHostPointsToAnEngine() {
		assertThat(Docker.mayHaveEngine(Map.of("DOCKER_HOST", "tcp://docker:2375"), "Linux", this.root, this.home))
			.isTrue();
		assertThat(Docker.mayHaveEngine(Map.of("DOCKER_HOST", ""), "Linux", this.root, this.home)).isFalse();
	}

	@Test
	void aSocketOrTestcontainersConfigurationPointsToAnEngine() throws IOException {
		Files.createDirectories(this.root.resolve("var/run"));
		Files.createFile(this.root.resolve("var/run/docker.sock"));
		assertThat(Docker.mayHaveEngine(Map.of(), "Linux", this.root, this.home)).isTrue();
		Path home = Files.createDirectory(this.root.resolve("user"));
		Files.createFile(home.resolve(".testcontainers.properties"));
		assertThat(Docker.mayHaveEngine(Map.of(), "Linux", this.home, home)).isTrue();
	}

	@Test
	void rootlessSocketInTheRuntimeDirectoryPointsToAnEngine() throws IOException {
		Path runtime = Files.createDirectory(this.root.resolve("run-user-1000"));
		Files.createFile(runtime.resolve("docker.sock"));
		assertThat(Docker.mayHaveEngine(Map.of("XDG_RUNTIME_DIR", runtime.toString()), "Linux", this.home, this.home))
			.isTrue();
	}

	@Test
	void otherSystemsAreLeftToTestcontainers() {
		assertThat(Docker.mayHaveEngine(Map.of(), "Mac OS X", this.root, this.home)).isTrue();
		assertThat(Docker.mayHaveEngine(Map.of(), "Windows 11", this.root, this.home)).isTrue();
	}

}
