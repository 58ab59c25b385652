package dev.plugboard.core.testing;

import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The boundary every integration keeps: it knows the public API ({@code dev.plugboard}), the core
 * SPI ({@code dev.plugboard.core.spi}) and its own client library — not the core's internals, not
 * another integration.
 */
public final class ModuleBoundaries {

	private static final List<String> INTEGRATIONS = List.of("dev.plugboard.postgres..", "dev.plugboard.redis..",
			"dev.plugboard.rabbitmq..", "dev.plugboard.devservices..", "dev.plugboard.test..",
			"dev.plugboard.discovery..");

	private ModuleBoundaries() {
	}

	/**
	 * Check the main classes of one integration.
	 * @param rootPackage its root package, for example {@code dev.plugboard.redis}
	 * @param allowed packages of other integrations it may use (the JPA module uses the JDBC one)
	 */
	public static void check(String rootPackage, String... allowed) {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(rootPackage);
		noClasses().that()
			.haveSimpleNameNotEndingWith("AutoConfiguration")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.plugboard.core")
			.because("integrations talk to the core through dev.plugboard and dev.plugboard.core.spi")
			.check(classes);
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.plugboard.core.health..", "dev.plugboard.core.endpoint..",
					"dev.plugboard.core.metrics..", "dev.plugboard.core.diagnostics..")
			.check(classes);
		List<String> others = new ArrayList<>();
		for (String integration : INTEGRATIONS) {
			String root = integration.substring(0, integration.length() - 2);
			if (!rootPackage.startsWith(root) && List.of(allowed).stream().noneMatch(root::startsWith)) {
				others.add(integration);
			}
		}
		noClasses().should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new)).check(classes);
	}

}
