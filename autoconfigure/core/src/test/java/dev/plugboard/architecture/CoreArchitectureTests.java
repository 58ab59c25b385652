package dev.plugboard.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The core knows no integration: none of its classes touches a JDBC pool, Redis, AMQP or JPA.
 */
class CoreArchitectureTests {

	private final JavaClasses core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.plugboard");

	@Test
	void coreDependsOnNoIntegrationLibrary() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("javax.sql..", "java.sql..", "com.zaxxer..", "org.springframework.jdbc..",
					"org.springframework.data..", "io.lettuce..", "org.springframework.amqp..", "com.rabbitmq..",
					"jakarta.persistence..", "org.hibernate..", "org.flywaydb..", "dev.plugboard.postgres..",
					"dev.plugboard.redis..", "dev.plugboard.rabbitmq..")
			.check(this.core);
	}

	@Test
	void spiDependsOnlyOnTheApiAndSpring() {
		noClasses().that()
			.resideInAPackage("dev.plugboard.core.spi..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.plugboard.core.endpoint..", "dev.plugboard.core.metrics..",
					"dev.plugboard.core.diagnostics..")
			.check(this.core);
	}

}
