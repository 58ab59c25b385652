package dev.plugboard.postgres.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.plugboard.core.spi.InstanceDefinition;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A class belongs to the instance that names the most specific package holding it; a default
 * scan of the application's packages names none.
 */
class PackageOwnershipTests {

	private final MockEnvironment environment = new MockEnvironment()
		.withProperty("plugboard.postgres.main-db.url", "postgres://db1/main")
		.withProperty("plugboard.postgres.inventory-db.jpa.packages", "com.acme.inventory")
		.withProperty("plugboard.postgres.shared-db.jpa.packages", "com.acme.shared,com.acme.users.audit");

	@Test
	void defaultScanLeavesOutEveryPackageAnotherInstanceNames() {
		PackageOwnership ownership = ownership(List.of("com.acme"), true);
		assertThat(ownership.owns("com.acme.users.User")).isTrue();
		assertThat(ownership.owns("com.acme.inventory.Item")).isFalse();
		assertThat(ownership.owns("com.acme.inventory.parts.Part")).isFalse();
		assertThat(ownership.owns("com.acme.users.audit.Entry")).isFalse();
	}

	@Test
	void explicitPackagesLeaveOutOnlyMoreSpecificOnes() {
		PackageOwnership ownership = ownership(List.of("com.acme", "com.acme.users.audit.special"), false);
		assertThat(ownership.owns("com.acme.users.User")).isTrue();
		assertThat(ownership.owns("com.acme.inventory.Item")).isFalse();
		assertThat(ownership.owns("com.acme.users.audit.Entry")).isFalse();
		assertThat(ownership.owns("com.acme.users.audit.special.Entry")).isTrue();
	}

	@Test
	void thePackageTwoInstancesNameIsShared() {
		PackageOwnership ownership = ownership(List.of("com.acme.shared"), false);
		assertThat(ownership.owns("com.acme.shared.Country")).isTrue();
	}

	private PackageOwnership ownership(List<String> packages, boolean implicit) {
		InstanceDefinition<PostgresSettings> definition = new InstanceDefinition<>("postgres", "main-db",
				new PostgresSettings(), null, (setting) -> false);
		return PackageOwnership.of(definition, packages, implicit, this.environment, "jpa.packages");
	}

}
