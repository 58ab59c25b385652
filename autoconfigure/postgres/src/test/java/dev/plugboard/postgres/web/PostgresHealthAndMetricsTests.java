package dev.plugboard.postgres.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;

import javax.sql.DataSource;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.Plug;
import dev.plugboard.postgres.testing.SharedPostgres;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health and metrics of two PostgreSQL instances over HTTP.
 */
@SpringBootTest(classes = PostgresWebApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,metrics,plugboard",
				"management.endpoint.health.show-details=always" })
class PostgresHealthAndMetricsTests {

	private static final String MAIN = "plugboard_web_main";

	private static final String REPORTS = "plugboard_web_reports";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	@Plug("reports-db")
	DataSource reports;

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		SharedPostgres.recreate(MAIN);
		SharedPostgres.recreate(REPORTS);
		registry.add("plugboard.postgres.main-db.url", () -> SharedPostgres.url(MAIN));
		registry.add("plugboard.postgres.main-db.password", () -> "Unused-But-Secret");
		registry.add("plugboard.postgres.reports-db.url", () -> SharedPostgres.url(REPORTS));
		registry.add("plugboard.postgres.reports-db.critical", () -> "false");
		registry.add("plugboard.postgres.reports-db.hikari.maximum-pool-size", () -> "3");
		registry.add("plugboard.postgres.reports-db.hikari.minimum-idle", () -> "1");
	}

	@AfterAll
	static void drop() {
		SharedPostgres.drop(MAIN);
		SharedPostgres.drop(REPORTS);
	}

	@Test
	void healthHasOneNodePerInstanceAndBootsOwnIndicatorBacksOff() throws Exception {
		String body = get("/actuator/health");
		assertThat(JsonPath.<String>read(body, "$.status")).isEqualTo("UP");
		assertThat(JsonPath.<java.util.Map<String, Object>>read(body, "$.components")).containsKey("postgres")
			.doesNotContainKey("db");
		assertThat(JsonPath.<String>read(body, "$.components.postgres.components.main-db.status")).isEqualTo("UP");
		assertThat(JsonPath.<String>read(body, "$.components.postgres.components.main-db.details.endpoint"))
			.isEqualTo(SharedPostgres.HOST + ":" + SharedPostgres.PORT + "/" + MAIN);
		assertThat(JsonPath.<String>read(body, "$.components.postgres.components.main-db.details.version"))
			.startsWith("PostgreSQL ");
		assertThat(JsonPath.<Integer>read(body, "$.components.postgres.components.main-db.details.pool.max"))
			.isEqualTo(10);
		assertThat(JsonPath.<String>read(body, "$.components.postgres.components.reports-db.details.database"))
			.isEqualTo(REPORTS);
		assertThat(body).doesNotContain("Unused-But-Secret");
	}

	@Test
	void healthShowsThePoolFigures() throws Exception {
		try (Connection held = this.reports.getConnection()) {
			String pool = "$.components.reports-db.details.pool";
			String body = get("/actuator/health/postgres");
			assertThat(JsonPath.<Integer>read(body, pool + ".max")).isEqualTo(3);
			// the connection the test holds is active; the health check's own is back in the pool
			assertThat(JsonPath.<Integer>read(body, pool + ".active")).isBetween(1, 2);
			assertThat(JsonPath.<Integer>read(body, pool + ".idle")).isBetween(0, 2);
			assertThat(JsonPath.<Integer>read(body, pool + ".pending")).isZero();
			assertThat(JsonPath.<Integer>read(body, pool.replace("reports-db", "main-db") + ".max")).isEqualTo(10);
		}
		String body = get("/actuator/health/postgres/reports-db");
		assertThat(JsonPath.<Integer>read(body, "$.details.pool.idle")).isBetween(1, 3);
		assertThat(JsonPath.<Integer>read(body, "$.details.pool.active")
				+ JsonPath.<Integer>read(body, "$.details.pool.idle")).isBetween(1, 3);
	}

	@Test
	void hikariMetricsCarryTheInstanceAsPool() throws Exception {
		String body = get("/actuator/metrics/hikaricp.connections.max?tag=pool:reports-db");
		assertThat(JsonPath.<Double>read(body, "$.measurements[0].value")).isEqualTo(3.0);
		String state = get("/actuator/metrics/plugboard.instance.state?tag=type:postgres&tag=name:main-db");
		assertThat(JsonPath.<Double>read(state, "$.measurements[0].value")).isEqualTo(2.0);
	}

	@Test
	void endpointListsBothInstancesWithoutPasswords() throws Exception {
		String body = get("/actuator/plugboard");
		assertThat(JsonPath.<java.util.List<String>>read(body, "$.instances[*].name")).containsExactly("main-db",
				"reports-db");
		assertThat(JsonPath.<String>read(body, "$.instances[0].beans.DataSource")).isEqualTo("mainDbDataSource");
		assertThat(JsonPath.<java.util.List<String>>read(body, "$.modules[*].name"))
			.contains("plugboard-autoconfigure-core", "plugboard-autoconfigure-postgres");
		assertThat(body).doesNotContain("Unused-But-Secret");
	}

	private String get(String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

}
