package dev.plugboard.discovery.consul.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * A real Consul agent ({@code agent -dev}) in a container, used where a Docker engine answers.
 * Services are registered through the agent's API with a TTL check whose state the test sets;
 * their addresses are the host's, where the servers run.
 */
public final class ConsulContainer implements ConsulServer {

	private static final String IMAGE = "hashicorp/consul:1.20";

	private final GenericContainer<?> container;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private ConsulContainer(GenericContainer<?> container) {
		this.container = container;
	}

	static boolean dockerAnswers() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	static ConsulContainer launch() {
		GenericContainer<?> container = new GenericContainer<>(IMAGE).withCommand("agent", "-dev", "-client", "0.0.0.0")
			.withExposedPorts(8500)
			.waitingFor(Wait.forHttp("/v1/status/leader").forPort(8500).forResponsePredicate((body) -> body.contains(":")));
		container.start();
		return new ConsulContainer(container);
	}

	@Override
	public int port() {
		return this.container.getMappedPort(8500);
	}

	@Override
	public void register(String service, String id, String address, int port, String status, String... tags) {
		String tagList = Arrays.stream(tags).map((tag) -> "\"" + tag + "\"").collect(Collectors.joining(",", "[", "]"));
		put("/v1/agent/service/register", "{\"ID\":\"" + id + "\",\"Name\":\"" + service + "\",\"Address\":\"" + address
				+ "\",\"Port\":" + port + ",\"Tags\":" + tagList + ",\"Check\":{\"TTL\":\"1h\"}}");
		status(id, status);
	}

	@Override
	public void status(String id, String status) {
		String verb = switch (status) {
			case "passing" -> "pass";
			case "warning" -> "warn";
			default -> "fail";
		};
		put("/v1/agent/check/" + verb + "/service:" + id, "");
	}

	@Override
	public void deregister(String id) {
		put("/v1/agent/service/deregister/" + id, "");
	}

	/** Paused: connections are accepted by Docker's proxy and never answered. */
	@Override
	public void stop() {
		DockerClientFactory.instance().client().pauseContainerCmd(this.container.getContainerId()).exec();
	}

	@Override
	public void start() {
		DockerClientFactory.instance().client().unpauseContainerCmd(this.container.getContainerId()).exec();
	}

	@Override
	public @Nullable List<String> requests() {
		return null;
	}

	@Override
	public void close() {
		this.container.stop();
	}

	private void put(String path, String body) {
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(URI.create("http://" + this.container.getHost() + ":" + port() + path))
						.PUT(HttpRequest.BodyPublishers.ofString(body))
						.timeout(Duration.ofSeconds(10))
						.build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("Consul answered " + response.statusCode() + " to " + path + ": "
						+ response.body());
			}
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
