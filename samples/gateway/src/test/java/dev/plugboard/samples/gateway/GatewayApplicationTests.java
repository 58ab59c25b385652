package dev.plugboard.samples.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.Plugboard;
import dev.plugboard.core.InstanceGroup;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway forwards to a backend, and Plugboard's core alone costs nothing: no instances, no
 * pools, no connection factories.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class GatewayApplicationTests {

	private static final HttpServer backend = backend();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	Plugboard plugboard;

	@DynamicPropertySource
	static void service(DynamicPropertyRegistry registry) {
		registry.add("service.url", () -> "http://127.0.0.1:" + backend.getAddress().getPort());
	}

	@AfterAll
	static void stopBackend() {
		backend.stop(0);
	}

	@Test
	void forwardsApiCallsToTheService() throws Exception {
		HttpResponse<String> response = get("/api/users/7");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("backend saw /users/7");
	}

	@Test
	void coreWithoutIntegrationsStartsNoPoolsAndListsNoInstances() throws Exception {
		assertThat(this.plugboard.instances()).isEmpty();
		assertThat(this.context.getBeansOfType(InstanceGroup.class)).isEmpty();
		assertThat(this.context.getBeansOfType(javax.sql.DataSource.class)).isEmpty();
		for (String type : new String[] { "com.zaxxer.hikari.HikariDataSource",
				"org.springframework.data.redis.connection.RedisConnectionFactory",
				"org.springframework.amqp.rabbit.connection.ConnectionFactory" }) {
			assertThat(isPresent(type)).as(type + " on the gateway's classpath").isFalse();
		}
		assertThat(Thread.getAllStackTraces().keySet()).noneMatch((thread) -> thread.getName().startsWith("plugboard-"));
		HttpResponse<String> endpoint = get("/actuator/plugboard");
		assertThat(endpoint.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<java.util.List<Object>>read(endpoint.body(), "$.instances")).isEmpty();
		assertThat(JsonPath.<java.util.List<String>>read(endpoint.body(), "$.modules[*].name"))
			.containsExactly("plugboard-autoconfigure-core", "plugboard-starter-core");
		assertThat(get("/actuator/health").body()).contains("\"status\":\"UP\"");
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, GatewayApplicationTests.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException ex) {
			return false;
		}
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpServer backend() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", (exchange) -> {
				byte[] body = ("backend saw " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
