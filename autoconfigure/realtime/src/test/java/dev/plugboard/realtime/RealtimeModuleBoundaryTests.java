package dev.plugboard.realtime;

import org.junit.jupiter.api.Test;

import dev.plugboard.core.testing.ConfigurationMetadata;
import dev.plugboard.core.testing.ModuleBoundaries;

class RealtimeModuleBoundaryTests {

	/** The broker is a Plugboard Redis instance: the Redis integration is the one other it knows. */
	@Test
	void knowsOnlyTheCoreApiAndSpiItsClientLibrariesAndTheRedisIntegration() {
		ModuleBoundaries.check("dev.plugboard.realtime", "dev.plugboard.redis");
	}

	@Test
	void everySettingIsDescribed() {
		ConfigurationMetadata.assertEveryPropertyIsDescribed("plugboard.realtime");
	}

}
