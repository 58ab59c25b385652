package dev.plugboard.discovery.consul;

import org.junit.jupiter.api.Test;

import dev.plugboard.core.testing.ModuleBoundaries;

class DiscoveryConsulModuleBoundaryTests {

	@Test
	void knowsOnlyTheCoreSpiAndSpringCloudConsul() {
		ModuleBoundaries.check("dev.plugboard.discovery");
	}

}
