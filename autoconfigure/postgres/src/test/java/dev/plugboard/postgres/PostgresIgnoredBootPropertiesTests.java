package dev.plugboard.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.postgres.autoconfigure.PostgresAutoConfiguration;
import dev.plugboard.postgres.testing.SharedPostgres;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's DataSource, JPA and Flyway properties are ignored once instances are declared:
 * each one that is set gets a WARN line naming the instance setting to use instead.
 */
@ExtendWith(OutputCaptureExtension.class)
class PostgresIgnoredBootPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, PostgresAutoConfiguration.class))
		.withPropertyValues("plugboard.postgres.main-db.url=" + SharedPostgres.url("test"));

	@Test
	void eachIgnoredKeyIsNamedWithItsReplacement(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("spring.datasource.url=jdbc:postgresql://db9/other", "spring.datasource.username=app",
					"spring.datasource.hikari.maximum-pool-size=7", "spring.datasource.driver-class-name=org.h2.Driver",
					"spring.jpa.properties.hibernate.format_sql=true", "spring.jpa.hibernate.ddl-auto=update",
					"spring.jpa.open-in-view=false", "spring.flyway.locations=classpath:db/other",
					"spring.flyway.clean-disabled=false", "spring.sql.init.mode=never")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("'spring.datasource.url' is ignored: Plugboard's postgres instances replace "
						+ "Spring Boot's auto-configuration for it; set 'plugboard.postgres.main-db.url' instead. "
						+ "[\"spring.datasource.url\" from property source \"test\"]")
					.contains("'spring.datasource.username' is ignored")
					.contains("set 'plugboard.postgres.main-db.username' instead.")
					.contains("set 'plugboard.postgres.main-db.hikari.maximum-pool-size' instead.")
					.contains("set 'plugboard.postgres.main-db.jpa.properties.hibernate.format_sql' instead.")
					.contains("set 'plugboard.postgres.main-db.jpa.ddl-auto' instead.")
					.contains("set 'plugboard.postgres.main-db.flyway.locations' instead.")
					.contains("'spring.datasource.driver-class-name' is ignored: Plugboard's postgres instances replace "
							+ "Spring Boot's auto-configuration for it, and they have no setting of that name; remove it.")
					.contains("'spring.jpa.open-in-view' is ignored")
					.contains("'spring.flyway.clean-disabled' is ignored")
					// spring.sql.init runs on the primary instance: not ignored
					.doesNotContain("spring.sql.init");
				assertThat(output.toString().lines().filter((line) -> line.contains(" is ignored: ")))
					.hasSize(9)
					.allMatch((line) -> line.contains(" WARN "));
			});
	}

	@Test
	void nothingIsSaidWithoutIgnoredKeys(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).doesNotContain(" is ignored: ");
		});
	}

	@Test
	void nothingIsSaidWithoutInstances(CapturedOutput output) {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, PostgresAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:postgresql://db9/other")
			.run((context) -> assertThat(output).doesNotContain(" is ignored: "));
	}

}
