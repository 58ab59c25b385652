package dev.plugboard.devservices;

import org.junit.jupiter.api.Test;

import dev.plugboard.core.testing.ConfigurationMetadata;
import dev.plugboard.core.testing.ModuleBoundaries;

class DevservicesModuleBoundaryTests {

	@Test
	void knowsOnlyTheCoreApiAndSpiAndItsOwnClient() {
		ModuleBoundaries.check("dev.plugboard.devservices");
	}

	@Test
	void everySettingIsDescribed() {
		ConfigurationMetadata.assertEveryPropertyIsDescribed("plugboard.devservices");
	}

}
