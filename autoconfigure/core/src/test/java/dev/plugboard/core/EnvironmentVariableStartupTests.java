package dev.plugboard.core;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.plugboard.InstanceState;
import dev.plugboard.Plugboard;
import dev.plugboard.core.tcp.PingServer;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Environment variables in the toolkit style through a real application startup: a mapped
 * variable reaches the instance's client, an ambiguous one stops startup with the analyzer's
 * text.
 */
@ExtendWith(OutputCaptureExtension.class)
class EnvironmentVariableStartupTests {

	private final PingServer server = new PingServer();

	@BeforeEach
	void start() throws Exception {
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void prefixedVariableReachesTheInstanceItNames() {
		// without the variable the instance has no port and cannot start
		Map<String, Object> variables = Map.of("MYSERVICE_PRIMARY_DB_PORT", String.valueOf(this.server.port()),
				"MYSERVICE_PRIMARY_DB_STARTUP_RETRY_INTERVAL", "150ms");
		try (ConfigurableApplicationContext context = application(variables)
			.properties("plugboard.env-prefix=MYSERVICE", "plugboard.tcp.primary-db.host=127.0.0.1")
			.run()) {
			Plugboard plugboard = context.getBean(Plugboard.class);
			assertThat(plugboard.find("tcp", "primary-db").orElseThrow().state()).isEqualTo(InstanceState.RUNNING);
			assertThat(plugboard.find("tcp", "primary-db").orElseThrow().endpoint())
				.isEqualTo("127.0.0.1:" + this.server.port());
			assertThat(context.getEnvironment().getProperty("plugboard.tcp.primary-db.startup.retry-interval"))
				.isEqualTo("150ms");
		}
	}

	@Test
	void ambiguousVariableStopsStartupNamingBothCandidates(CapturedOutput output) {
		// APP_REPORTS_HEALTH_ENABLED is reports.health.enabled or reports-health.enabled
		SpringApplicationBuilder application = application(Map.of("APP_REPORTS_HEALTH_ENABLED", "false"))
			.properties("plugboard.env-prefix=APP", "plugboard.tcp.reports.port=" + this.server.port(),
					"plugboard.tcp.reports-health.port=" + this.server.port());
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("APP_REPORTS_HEALTH_ENABLED")
			.contains("'plugboard.tcp.reports.health.enabled'")
			.contains("'plugboard.tcp.reports-health.enabled'")
			.contains("Rename one of the instances");
	}

	private static SpringApplicationBuilder application(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new LinkedHashMap<>(variables)));
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE).environment(environment);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
