package dev.plugboard.sentry.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.sentry.SentryEvent;
import io.sentry.protocol.SentryException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.plugboard.sentry.testing.SentryIngestStandIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.task.TaskDecorator;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Spring MVC application with Sentry's own integrations (exception resolver, request filter,
 * task decorator, Logback appender) on the primary instance {@code errors}, and
 * {@code payments} claiming {@code dev.plugboard.sentry.routed.payments}, against a stand-in of
 * Sentry's ingest API: errors thrown from controllers and from {@code @Async} work go to the
 * instance whose package raised them, with the request's data but no personal data; the actuator
 * shows no key.
 */
@SpringBootTest(classes = SentryWebApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,plugboard",
				"management.endpoint.health.show-details=always" })
@DirtiesContext
class SentryWebRoutingTests {

	private static final SentryIngestStandIn ingest = SentryIngestStandIn.start();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		registry.add("plugboard.sentry.errors.url", () -> ingest.dsn("42"));
		registry.add("plugboard.sentry.errors.primary", () -> "true");
		registry.add("plugboard.sentry.errors.environment", () -> "web");
		registry.add("plugboard.sentry.payments.url", () -> ingest.dsn("77"));
		registry.add("plugboard.sentry.payments.packages", () -> "dev.plugboard.sentry.routed.payments");
		registry.add("plugboard.sentry.payments.environment", () -> "web-payments");
	}

	@AfterAll
	static void stopIngest() {
		ingest.close();
	}

	private int before42;

	private int before77;

	@BeforeEach
	void count() {
		this.before42 = ingest.events("42").size();
		this.before77 = ingest.events("77").size();
	}

	@Test
	void errorsThrownFromAControllerGoToTheInstanceOfTheControllersPackage() throws Exception {
		HttpResponse<String> payment = get("/payments/o-1", "Authorization", "Bearer s3cr3t-t0ken");
		HttpResponse<String> shop = get("/shop/o-2", "Cookie", "session=c00kie-value");
		assertThat(payment.statusCode()).isEqualTo(500);
		assertThat(shop.statusCode()).isEqualTo(500);
		SentryEvent routed = awaitEvent("77", this.before77, "payment of o-1 refused");
		assertThat(routed.getEnvironment()).isEqualTo("web-payments");
		assertThat(routed.getRequest()).isNotNull();
		assertThat(routed.getRequest().getUrl()).endsWith("/payments/o-1");
		assertThat(String.valueOf(routed.getRequest().getHeaders())).doesNotContain("s3cr3t-t0ken");
		assertThat(routed.getTransaction()).isEqualTo("GET /payments/{order}");
		SentryEvent primary = awaitEvent("42", this.before42, "order o-2 unknown");
		assertThat(primary.getEnvironment()).isEqualTo("web");
		assertThat(String.valueOf(primary.getRequest().getHeaders())).doesNotContain("c00kie-value");
		assertThat(primary.getRequest().getCookies()).isNull();
		assertThat(ingest.received().toString()).doesNotContain("s3cr3t-t0ken").doesNotContain("c00kie-value");
	}

	@Test
	void errorsOfAsyncWorkGoToTheInstanceOfThePackageThatRaisedThem() throws Exception {
		assertThat(get("/payments/o-3/later").body()).isEqualTo("queued");
		assertThat(get("/shop/o-4/later").body()).isEqualTo("queued");
		SentryEvent routed = awaitEvent("77", this.before77, "settlement of o-3 failed");
		assertThat(routed.getEnvironment()).isEqualTo("web-payments");
		SentryEvent primary = awaitEvent("42", this.before42, "shipping of o-4 failed");
		assertThat(primary.getEnvironment()).isEqualTo("web");
		assertThat(this.context.getBean(TaskDecorator.class).getClass().getName())
			.isEqualTo("io.sentry.spring.jakarta.SentryTaskDecorator");
	}

	@Test
	void theActuatorShowsTheInstancesWithoutTheirKey() throws Exception {
		HttpResponse<String> plugboard = get("/actuator/plugboard");
		assertThat(plugboard.statusCode()).isEqualTo(200);
		assertThat(plugboard.body()).contains("\"payments\"").contains("127.0.0.1:" + ingest.port() + "/77")
			.doesNotContain(SentryIngestStandIn.KEY);
		HttpResponse<String> health = get("/actuator/health/sentry/payments");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"queued\"").doesNotContain(SentryIngestStandIn.KEY);
	}

	private SentryEvent awaitEvent(String project, int before, String value) {
		await().atMost(Duration.ofSeconds(10)).until(() -> find(project, before, value) != null);
		return find(project, before, value);
	}

	private static SentryEvent find(String project, int before, String value) {
		List<SentryEvent> events = ingest.events(project);
		for (SentryEvent event : events.subList(Math.min(before, events.size()), events.size())) {
			List<SentryException> exceptions = event.getExceptions();
			if (exceptions != null && exceptions.stream().anyMatch((exception) -> value.equals(exception.getValue()))) {
				return event;
			}
		}
		return null;
	}

	private HttpResponse<String> get(String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
