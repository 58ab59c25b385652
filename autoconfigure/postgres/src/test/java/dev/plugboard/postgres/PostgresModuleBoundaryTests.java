package dev.plugboard.postgres;

import org.junit.jupiter.api.Test;

import dev.plugboard.core.testing.ConfigurationMetadata;
import dev.plugboard.core.testing.ModuleBoundaries;

class PostgresModuleBoundaryTests {

	@Test
	void knowsOnlyTheCoreApiAndSpiAndItsOwnClient() {
		ModuleBoundaries.check("dev.plugboard.postgres");
	}

	@Test
	void everySettingIsDescribed() {
		ConfigurationMetadata.assertEveryPropertyIsDescribed("plugboard.postgres");
	}

}
