package dev.plugboard.postgres;

import org.junit.jupiter.api.Test;

import dev.plugboard.core.testing.ModuleBoundaries;

class PostgresModuleBoundaryTests {

	@Test
	void knowsOnlyTheCoreApiAndSpiAndItsOwnClient() {
		ModuleBoundaries.check("dev.plugboard.postgres");
	}

}
