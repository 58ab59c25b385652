package dev.plugboard.rabbitmq;

import org.junit.jupiter.api.Test;

import dev.plugboard.core.testing.ConfigurationMetadata;
import dev.plugboard.core.testing.ModuleBoundaries;

class RabbitmqModuleBoundaryTests {

	@Test
	void knowsOnlyTheCoreApiAndSpiAndItsOwnClient() {
		ModuleBoundaries.check("dev.plugboard.rabbitmq");
	}

	@Test
	void everySettingIsDescribed() {
		ConfigurationMetadata.assertEveryPropertyIsDescribed("plugboard.rabbitmq");
	}

}
