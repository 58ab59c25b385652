package dev.plugboard.postgres.jpa;

import org.junit.jupiter.api.Test;

import dev.plugboard.core.testing.ModuleBoundaries;

class PostgresJpaModuleBoundaryTests {

	@Test
	void knowsOnlyTheCoreApiAndSpiAndItsOwnClient() {
		ModuleBoundaries.check("dev.plugboard.postgres.jpa", "dev.plugboard.postgres");
	}

}
