package dev.plugboard.devservices;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.core.diagnostics.PlugboardFailureAnalyzer;
import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.InstanceSettings;
import dev.plugboard.core.spi.PlugboardException;
import dev.plugboard.devservices.DevServiceSelectionTests.FakeService;
import dev.plugboard.devservices.DevServiceSelectionTests.FakeType;
import dev.plugboard.postgres.autoconfigure.PostgresAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A server that cannot start is explained by Plugboard's failure analyzer: which instance,
 * which dev service, the cause, and how to do without it.
 */
class DevServiceFailureTests {

	@Test
	void failureNamesTheInstanceTheServiceTheCauseAndTheWaysOut() {
		FakeService broken = new FakeService(true, true) {

			@Override
			public DevConnection connect(DevInstance instance, boolean container, DevServicesProperties properties) {
				throw new IllegalStateException("Could not start an embedded fake server",
						new java.io.IOException("initdb failed for password s3cret (" + DevUrls.encode("s3cret") + ")"));
			}

		};
		DevServicesConnectionProvider provider = new DevServicesConnectionProvider(Map.of("fake", broken), () -> false,
				() -> false);
		InstanceDefinition<InstanceSettings> definition = new InstanceDefinition<>("fake", "users-db",
				new InstanceSettings(), null, Set.of()::contains);
		MockEnvironment environment = new MockEnvironment().withProperty("plugboard.fake.users-db.password", "s3cret");
		assertThatExceptionOfType(PlugboardException.class)
			.isThrownBy(() -> provider.provide(new FakeType(), definition, environment))
			.satisfies((ex) -> {
				assertThat(ex.getDescription()).startsWith(
						"Dev services could not serve the fake instance 'users-db' with a fake embedded server: ")
					.contains("Could not start an embedded fake server", "initdb failed")
					.doesNotContain("s3cret");
				assertThat(ex.getAction()).contains("'plugboard.fake.users-db.url'", "PLUGBOARD_FAKE_USERS_DB_URL",
						"'plugboard.devservices.enabled=false'", "PLUGBOARD_DEVSERVICES_ENABLED=false")
					.doesNotContain("mode=embedded");
				assertThat(ex).hasCauseInstanceOf(IllegalStateException.class);
			});
		assertThat(definition.settings().getUrl()).isNull();
	}

	@Test
	void containerThatCannotStartFailsTheApplicationWithAnAnalysis() {
		// with no Docker engine here, Testcontainers fails at once: a real start failure
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, PostgresAutoConfiguration.class))
			.withPropertyValues("plugboard.devservices.mode=container", "plugboard.postgres.failing-db.enabled=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new PlugboardFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription())
					.startsWith("Dev services could not serve the postgres instance 'failing-db' with a PostgreSQL "
							+ "container (postgres:16-alpine): ")
					.contains("Docker");
				assertThat(analysis.getAction()).contains("'plugboard.devservices.mode=embedded'",
						"'plugboard.postgres.failing-db.url'", "PLUGBOARD_POSTGRES_FAILING_DB_URL",
						"'plugboard.devservices.enabled=false'", "PLUGBOARD_DEVSERVICES_ENABLED=false");
			});
	}

}
