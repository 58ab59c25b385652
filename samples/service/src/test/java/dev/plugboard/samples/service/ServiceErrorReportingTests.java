package dev.plugboard.samples.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.sentry.SentryEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import dev.plugboard.Plug;
import dev.plugboard.sentry.SentryInstance;
import dev.plugboard.sentry.testing.SentryIngestStandIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service with its {@code errors} instance pointed at a stand-in of Sentry's ingest API
 * (as {@code SERVICE_ERRORS_URL} points it at Sentry): what the service logs at ERROR arrives
 * there, tagged as configured. Every other test runs without a URL, the instance switched off.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ServiceErrorReportingTests {

	private static final SentryIngestStandIn ingest = SentryIngestStandIn.start();

	@Autowired
	@Plug("errors")
	SentryInstance errors;

	@DynamicPropertySource
	static void sentry(DynamicPropertyRegistry registry) {
		registry.add("plugboard.sentry.errors.url", () -> ingest.dsn("1"));
	}

	@AfterAll
	static void stopIngest() {
		ingest.close();
	}

	@LocalServerPort
	int port;

	@Test
	void unhandledControllerErrorsArriveWithTheirRequest() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/errors/test"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(500);
		await().atMost(Duration.ofSeconds(10)).until(() -> find("test error from the service") != null);
		SentryEvent event = find("test error from the service");
		assertThat(event.getRequest().getUrl()).endsWith("/errors/test");
		assertThat(event.getTransaction()).isEqualTo("POST /errors/test");
	}

	private static SentryEvent find(String value) {
		return ingest.events("1")
			.stream()
			.filter((event) -> event.getExceptions() != null
					&& event.getExceptions().stream().anyMatch((exception) -> value.equals(exception.getValue())))
			.findFirst()
			.orElse(null);
	}

	@Test
	void loggedErrorsArriveAtTheErrorsInstance() {
		LoggerFactory.getLogger(ServiceApplication.class)
			.error("nightly export failed", new IllegalStateException("disk full"));
		await().atMost(Duration.ofSeconds(10)).until(() -> find("disk full") != null);
		SentryEvent event = find("disk full");
		assertThat(event.getMessage().getFormatted()).isEqualTo("nightly export failed");
		assertThat(event.getExceptions()).last().satisfies((exception) -> {
			assertThat(exception.getType()).isEqualTo("IllegalStateException");
			assertThat(exception.getValue()).isEqualTo("disk full");
		});
		assertThat(event.getEnvironment()).isEqualTo("dev");
		assertThat(event.getTags()).containsEntry("service", "service");
		assertThat(this.errors.state().name()).isEqualTo("RUNNING");
	}

}
