package dev.plugboard.core;

import org.junit.jupiter.api.Test;

import dev.plugboard.core.tcp.TcpType;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configurations an instance type names are left out by what is declared: the replaced
 * ones whenever instances are, the ones needing "the" client only when none is primary.
 */
class BootAutoConfigurationFilterTests {

	private static final String UNRELATED = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";

	private static final String[] CANDIDATES = { TcpType.REPLACED_AUTO_CONFIGURATION,
			TcpType.SINGLE_CLIENT_AUTO_CONFIGURATION, UNRELATED };

	@Test
	void withoutInstancesEverythingStays() {
		assertThat(match(new MockEnvironment())).containsExactly(true, true, true);
	}

	@Test
	void instancesWithoutPrimaryLeaveOutBoth() {
		assertThat(match(new MockEnvironment().withProperty("plugboard.tcp.one.port", "1")
			.withProperty("plugboard.tcp.two.port", "2"))).containsExactly(false, false, true);
	}

	@Test
	void aLoneInstanceIsPrimarySoOnlyTheReplacedOneGoes() {
		assertThat(match(new MockEnvironment().withProperty("plugboard.tcp.one.port", "1"))).containsExactly(false,
				true, true);
	}

	@Test
	void aDeclaredPrimaryKeepsTheSingleClientOne() {
		assertThat(match(new MockEnvironment().withProperty("plugboard.tcp.one.port", "1")
			.withProperty("plugboard.tcp.two.port", "2")
			.withProperty("plugboard.tcp.two.primary", "true"))).containsExactly(false, true, true);
	}

	@Test
	void invalidSettingsAreLeftToTheRegistrarToReport() {
		assertThat(match(new MockEnvironment().withProperty("plugboard.tcp.one.primary", "true")
			.withProperty("plugboard.tcp.two.primary", "true"))).containsExactly(true, true, true);
	}

	private static boolean[] match(MockEnvironment environment) {
		BootAutoConfigurationFilter filter = new BootAutoConfigurationFilter();
		filter.setEnvironment(environment);
		filter.setBeanClassLoader(BootAutoConfigurationFilterTests.class.getClassLoader());
		return filter.match(CANDIDATES.clone(), null);
	}

}
