package dev.plugboard.sentry;

import org.junit.jupiter.api.Test;

import dev.plugboard.core.testing.ConfigurationMetadata;
import dev.plugboard.core.testing.ModuleBoundaries;

class SentryModuleBoundaryTests {

	@Test
	void knowsOnlyTheCoreApiAndSpiAndItsOwnClient() {
		ModuleBoundaries.check("dev.plugboard.sentry");
	}

	@Test
	void everySettingIsDescribed() {
		ConfigurationMetadata.assertEveryPropertyIsDescribed("plugboard.sentry");
	}

}
