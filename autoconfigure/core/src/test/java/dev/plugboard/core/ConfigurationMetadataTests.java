package dev.plugboard.core;

import org.junit.jupiter.api.Test;

import dev.plugboard.core.testing.ConfigurationMetadata;

/**
 * The core's own properties are described in its configuration metadata.
 */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyIsDescribed() {
		ConfigurationMetadata.assertEveryPropertyIsDescribed("plugboard");
	}

}
