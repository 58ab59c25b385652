package dev.plugboard.postgres.datajdbc;

import org.junit.jupiter.api.Test;

import dev.plugboard.core.testing.ModuleBoundaries;

class PostgresDataJdbcModuleBoundaryTests {

	@Test
	void knowsOnlyTheCoreApiAndSpiThePostgresModuleAndItsOwnClient() {
		ModuleBoundaries.check("dev.plugboard.postgres.datajdbc", "dev.plugboard.postgres");
	}

}
