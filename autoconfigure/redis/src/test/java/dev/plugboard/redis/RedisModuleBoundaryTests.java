package dev.plugboard.redis;

import org.junit.jupiter.api.Test;

import dev.plugboard.core.testing.ConfigurationMetadata;
import dev.plugboard.core.testing.ModuleBoundaries;

class RedisModuleBoundaryTests {

	@Test
	void knowsOnlyTheCoreApiAndSpiAndItsOwnClient() {
		ModuleBoundaries.check("dev.plugboard.redis");
	}

	@Test
	void everySettingIsDescribed() {
		ConfigurationMetadata.assertEveryPropertyIsDescribed("plugboard.redis");
	}

}
