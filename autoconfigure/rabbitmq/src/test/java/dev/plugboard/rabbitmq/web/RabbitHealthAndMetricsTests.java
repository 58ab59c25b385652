package dev.plugboard.rabbitmq.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import dev.plugboard.Plug;
import dev.plugboard.rabbitmq.RabbitInstance;
import dev.plugboard.rabbitmq.testing.RabbitBroker;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.TestExecutionListeners.MergeMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health, metrics and the Plugboard endpoint of two RabbitMQ instances over HTTP, with Spring
 * Boot's full auto-configuration (its RabbitMQ health indicator and metrics included).
 */
@SpringBootTest(classes = RabbitWebApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,metrics,plugboard",
				"management.endpoint.health.show-details=always" })
@TestExecutionListeners(listeners = RabbitHealthAndMetricsTests.DeleteVirtualHosts.class,
		mergeMode = MergeMode.MERGE_WITH_DEFAULTS)
class RabbitHealthAndMetricsTests {

	private static final String ORDERS = RabbitBroker.uniqueName("plugboard-web-orders");

	private static final String BILLING = RabbitBroker.uniqueName("plugboard-web-billing");

	private static final String PASSWORD = "Web-Secret-1";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	@Plug("billing-eu")
	RabbitInstance billing;

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		RabbitBroker.createVirtualHost(ORDERS);
		RabbitBroker.createVirtualHost(BILLING);
		registry.add("plugboard.rabbitmq.orders.url", () -> RabbitBroker.url(ORDERS));
		registry.add("plugboard.rabbitmq.orders.primary", () -> "true");
		registry.add("plugboard.rabbitmq.billing-eu.url", () -> RabbitBroker.url(BILLING));
		registry.add("plugboard.rabbitmq.billing-eu.critical", () -> "false");
		// never sent anywhere: it must not show either
		registry.add("plugboard.rabbitmq.billing-eu.ssl.trust-store-password", () -> PASSWORD);
	}

	@Test
	void healthHasOneNodePerInstanceAndBootsIndicatorBacksOff() throws Exception {
		String body = get("/actuator/health", 200);
		assertThat(JsonPath.<String>read(body, "$.status")).isEqualTo("UP");
		assertThat(JsonPath.<Map<String, Object>>read(body, "$.components")).containsKey("rabbitmq")
			.doesNotContainKey("rabbit");
		String orders = "$.components.rabbitmq.components.orders";
		assertThat(JsonPath.<String>read(body, orders + ".status")).isEqualTo("UP");
		assertThat(JsonPath.<String>read(body, orders + ".details.version")).startsWith("RabbitMQ ");
		assertThat(JsonPath.<String>read(body, orders + ".details.virtualHost")).isEqualTo(ORDERS);
		assertThat(JsonPath.<String>read(body, orders + ".details.endpoint"))
			.isEqualTo(RabbitBroker.HOST + ":" + RabbitBroker.PORT + "/" + ORDERS);
		String billing = get("/actuator/health/rabbitmq/billing-eu", 200);
		assertThat(JsonPath.<String>read(billing, "$.status")).isEqualTo("UP");
		assertThat(JsonPath.<Boolean>read(billing, "$.details.critical")).isFalse();
		assertThat(body + billing).doesNotContain(PASSWORD);
	}

	@Test
	void clientMetricsCarryTheInstanceNameNotTheBeanName() throws Exception {
		this.billing.publish("plugboard.web.metrics", "unroutable but confirmed");
		String body = get("/actuator/metrics/rabbitmq.published?tag=name:billing-eu", 200);
		assertThat(JsonPath.<Double>read(body, "$.measurements[0].value")).isGreaterThanOrEqualTo(1.0);
		String connections = get("/actuator/metrics/rabbitmq.connections?tag=name:billing-eu", 200);
		assertThat(JsonPath.<Double>read(connections, "$.measurements[0].value")).isGreaterThanOrEqualTo(1.0);
		// Spring Boot's own RabbitMQ metrics, which tag with the bean name, stayed out
		get("/actuator/metrics/rabbitmq.connections?tag=name:billingEu", 404);
		String state = get("/actuator/metrics/plugboard.instance.state?tag=type:rabbitmq&tag=name:billing-eu", 200);
		assertThat(JsonPath.<Double>read(state, "$.measurements[0].value")).isEqualTo(2.0);
	}

	@Test
	void endpointListsBothInstancesWithTheirBeans() throws Exception {
		String body = get("/actuator/plugboard", 200);
		List<String> names = JsonPath.read(body, "$.instances[?(@.type == 'rabbitmq')].name");
		assertThat(names).containsExactlyInAnyOrder("orders", "billing-eu");
		assertThat(JsonPath.<List<String>>read(body, "$.instances[?(@.name == 'billing-eu')].beans.ConnectionFactory"))
			.containsExactly("billingEuConnectionFactory");
		assertThat(JsonPath.<List<String>>read(body, "$.modules[*].name")).contains("plugboard-autoconfigure-rabbitmq");
		assertThat(body).doesNotContain(PASSWORD);
		assertThat(this.context.getBeansOfType(ConnectionFactory.class)).containsOnlyKeys("ordersConnectionFactory",
				"billingEuConnectionFactory");
	}

	private String get(String path, int status) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(status);
		return response.body();
	}

	/**
	 * Closes the context and then deletes its virtual hosts. An {@code @AfterAll} method would
	 * run while Spring still caches the context, whose instances would then see their virtual
	 * hosts vanish and turn DEGRADED.
	 */
	static class DeleteVirtualHosts implements TestExecutionListener, Ordered {

		// first before, last after: the other listeners' after-class callbacks still have the context
		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

		@Override
		public void afterTestClass(TestContext testContext) {
			testContext.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
			RabbitBroker.deleteVirtualHost(ORDERS);
			RabbitBroker.deleteVirtualHost(BILLING);
		}

	}

}
