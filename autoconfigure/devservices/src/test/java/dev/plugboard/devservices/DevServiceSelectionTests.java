package dev.plugboard.devservices;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.plugboard.core.spi.InstanceBeans;
import dev.plugboard.core.spi.InstanceContext;
import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.InstanceSettings;
import dev.plugboard.core.spi.InstanceType;
import dev.plugboard.devservices.DevServicesProperties.Mode;

import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which way an instance is served, with which settings, and that configured instances and
 * repackaged applications are never served.
 */
class DevServiceSelectionTests {

	@Test
	void autoUsesContainersWhereDockerAnswersAndEmbeddedServersWhereNot() {
		FakeService both = new FakeService(true, true);
		AtomicInteger asked = new AtomicInteger();
		assertThat(DevServiceSelection.useContainer(Mode.AUTO, both, () -> asked.incrementAndGet() > 0)).isTrue();
		assertThat(DevServiceSelection.useContainer(Mode.AUTO, both, () -> false)).isFalse();
		assertThat(asked).hasValue(1);
	}

	@Test
	void autoDoesNotAskDockerWithoutTestcontainers() {
		FakeService embeddedOnly = new FakeService(false, true);
		assertThat(DevServiceSelection.useContainer(Mode.AUTO, embeddedOnly, () -> {
			throw new AssertionError("Docker must not be asked");
		})).isFalse();
	}

	@Test
	void explicitModesAndMissingLibraries() {
		assertThat(DevServiceSelection.useContainer(Mode.EMBEDDED, new FakeService(true, true), () -> true)).isFalse();
		assertThat(DevServiceSelection.useContainer(Mode.CONTAINER, new FakeService(true, true), () -> false)).isTrue();
		assertThat(DevServiceSelection.useContainer(Mode.CONTAINER, new FakeService(false, true), () -> true)).isNull();
		assertThat(DevServiceSelection.useContainer(Mode.AUTO, new FakeService(false, false), () -> true)).isNull();
	}

	@Test
	void dockerIsNotAvailableOnThisMachineSoEmbeddedServersAreChosen() {
		// where a Docker engine answers this test documents the other branch; CI here has none
		boolean docker = Docker.isAvailable();
		assertThat(DevServiceSelection.useContainer(Mode.AUTO, new PostgresDevService(), () -> docker))
			.isEqualTo(docker);
	}

	@Test
	void unconfiguredInstanceGetsAServerAndItsUrl() {
		FakeService service = new FakeService(true, true);
		DevServicesConnectionProvider provider = provider(service, () -> false);
		InstanceDefinition<InstanceSettings> definition = definition("cache-one", Set.of());
		provider.provide(new FakeType(), definition, new MockEnvironment());
		assertThat(service.served).containsExactly("cache-one/embedded");
		assertThat(definition.settings().getUrl()).isEqualTo("fake://cache-one");
		assertThat(definition.attributes()).containsEntry("devService", "fake server for cache-one");
	}

	@Test
	void configuredInstanceIsNeverServed() {
		FakeService service = new FakeService(true, true);
		DevServicesConnectionProvider provider = provider(service, () -> true);
		InstanceDefinition<InstanceSettings> withHost = definition("a", Set.of("host"));
		InstanceDefinition<InstanceSettings> withUrl = definition("b", Set.of());
		InstanceDefinition<InstanceSettings> withPort = definition("c", Set.of("port"));
		withUrl.settings().setUrl("fake://configured");
		provider.provide(new FakeType(), withHost, new MockEnvironment());
		provider.provide(new FakeType(), withUrl, new MockEnvironment());
		provider.provide(new FakeType(), withPort, new MockEnvironment());
		assertThat(service.served).isEmpty();
		assertThat(withUrl.settings().getUrl()).isEqualTo("fake://configured");
		assertThat(withHost.settings().getUrl()).isNull();
		assertThat(withPort.settings().getUrl()).isNull();
		assertThat(withPort.attributes()).doesNotContainKey("devService");
	}

	@Test
	void discreteSettingsAreReadFromTheEnvironmentAndGivenToTheService() {
		FakeService service = new FakeService(true, true);
		MockEnvironment environment = new MockEnvironment().withProperty("plugboard.fake.users-db.database", "users")
			.withProperty("plugboard.fake.users-db.username", "app")
			.withProperty("plugboard.fake.users-db.password", "s3cret")
			.withProperty("plugboard.fake.users-db.virtual-host", "billing");
		provider(service, () -> false).provide(new FakeType(), definition("users-db", Set.of()), environment);
		assertThat(service.instances).singleElement().satisfies((instance) -> {
			assertThat(instance).isEqualTo(new DevInstance("fake", "users-db", "users", "app", "s3cret", "billing"));
			assertThat(instance.toString()).contains("app", "users", "billing").doesNotContain("s3cret");
		});
	}

	@Test
	void discreteSettingsAreReadFromEnvironmentVariablesToo() {
		FakeService service = new FakeService(true, true);
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("PLUGBOARD_FAKE_DATACACHE_PASSWORD", "s3cret", "PLUGBOARD_FAKE_DATACACHE_DATABASE",
									"3")));
		provider(service, () -> false).provide(new FakeType(), definition("datacache", Set.of()), environment);
		assertThat(service.instances)
			.containsExactly(new DevInstance("fake", "datacache", "3", null, "s3cret", null));
	}

	@Test
	void blankDiscreteSettingsCountAsUnset() {
		FakeService service = new FakeService(true, true);
		provider(service, () -> false).provide(new FakeType(), definition("a", Set.of()),
				new MockEnvironment().withProperty("plugboard.fake.a.password", "").withProperty("plugboard.fake.a.database", " "));
		assertThat(service.instances).containsExactly(DevInstance.named("fake", "a"));
	}

	@Test
	void disabledDevServicesServeNothing() {
		FakeService service = new FakeService(true, true);
		DevServicesConnectionProvider provider = provider(service, () -> false);
		provider.provide(new FakeType(), definition("a", Set.of()),
				new MockEnvironment().withProperty("plugboard.devservices.enabled", "false"));
		assertThat(service.served).isEmpty();
	}

	@Test
	void enabledByDefaultOutsideARepackagedArchive() {
		DevServicesProperties properties = new DevServicesProperties();
		assertThat(DevServicesConnectionProvider.isEnabled(properties, () -> false)).isTrue();
		properties.setEnabled(false);
		assertThat(DevServicesConnectionProvider.isEnabled(properties, () -> false)).isFalse();
	}

	@Test
	void offByDefaultInARepackagedArchiveUnlessEnabledExplicitly() {
		DevServicesProperties properties = new DevServicesProperties();
		assertThat(DevServicesConnectionProvider.isEnabled(properties, () -> true)).isFalse();
		properties.setEnabled(true);
		assertThat(DevServicesConnectionProvider.isEnabled(properties, () -> true)).isTrue();
		properties.setEnabled(false);
		assertThat(DevServicesConnectionProvider.isEnabled(properties, () -> true)).isFalse();
	}

	@Test
	void explicitSettingIsNotSecondGuessedByTheLauncherCheck() {
		DevServicesProperties properties = new DevServicesProperties();
		properties.setEnabled(true);
		assertThat(DevServicesConnectionProvider.isEnabled(properties, () -> {
			throw new AssertionError("the launcher must not be looked for");
		})).isTrue();
	}

	@Test
	void repackagedApplicationServesNothingUnlessEnabled() {
		FakeService service = new FakeService(true, true);
		DevServicesConnectionProvider provider = new DevServicesConnectionProvider(Map.of("fake", service), () -> false,
				() -> true);
		InstanceDefinition<InstanceSettings> off = definition("a", Set.of());
		provider.provide(new FakeType(), off, new MockEnvironment());
		assertThat(service.served).isEmpty();
		assertThat(off.settings().getUrl()).isNull();
		InstanceDefinition<InstanceSettings> on = definition("b", Set.of());
		provider.provide(new FakeType(), on, new MockEnvironment().withProperty("plugboard.devservices.enabled", "true"));
		assertThat(service.served).containsExactly("b/embedded");
		assertThat(on.settings().getUrl()).isEqualTo("fake://b");
	}

	@Test
	void theLauncherCheckLooksForBootsJarLauncher() {
		// the loader is not on this module's test classpath, as in development; a repackaged
		// jar or war carries it at its root
		assertThat(ClassUtils.isPresent(DevServicesConnectionProvider.JAR_LAUNCHER, getClass().getClassLoader()))
			.isFalse();
		assertThat(DevServicesConnectionProvider.JAR_LAUNCHER)
			.isEqualTo("org.springframework.boot.loader.launch.JarLauncher");
	}

	private static DevServicesConnectionProvider provider(FakeService service, java.util.function.BooleanSupplier docker) {
		return new DevServicesConnectionProvider(Map.of("fake", service), docker, () -> false);
	}

	private static InstanceDefinition<InstanceSettings> definition(String name, Set<String> bound) {
		return new InstanceDefinition<>("fake", name, new InstanceSettings(), null, bound::contains);
	}

	static class FakeService implements DevService {

		private final boolean container;

		private final boolean embedded;

		final List<String> served = new ArrayList<>();

		final List<DevInstance> instances = new ArrayList<>();

		FakeService(boolean container, boolean embedded) {
			this.container = container;
			this.embedded = embedded;
		}

		@Override
		public String type() {
			return "fake";
		}

		@Override
		public boolean isAvailable(boolean container) {
			return container ? this.container : this.embedded;
		}

		@Override
		public String describe(boolean container, DevServicesProperties properties) {
			return container ? "a fake container" : "a fake embedded server";
		}

		@Override
		public DevConnection connect(DevInstance instance, boolean container, DevServicesProperties properties) {
			this.served.add(instance.name() + (container ? "/container" : "/embedded"));
			this.instances.add(instance);
			return new DevConnection("fake://" + instance.name(), "fake server for " + instance.name());
		}

	}

	static final class FakeType implements InstanceType<InstanceSettings> {

		@Override
		public String name() {
			return "fake";
		}

		@Override
		public Class<InstanceSettings> settingsClass() {
			return InstanceSettings.class;
		}

		@Override
		public String prepare(InstanceDefinition<InstanceSettings> definition) {
			return "fake";
		}

		@Override
		public void registerBeans(InstanceBeans<InstanceSettings> beans) {
		}

		@Override
		public Map<String, Object> check(InstanceContext<InstanceSettings> context) {
			return Map.of();
		}

	}

}
