package dev.plugboard.postgres.jooq;

import org.junit.jupiter.api.Test;

import dev.plugboard.core.testing.ModuleBoundaries;

class PostgresJooqModuleBoundaryTests {

	@Test
	void knowsOnlyTheCoreApiAndSpiThePostgresModuleAndItsOwnClient() {
		ModuleBoundaries.check("dev.plugboard.postgres.jooq", "dev.plugboard.postgres");
	}

}
