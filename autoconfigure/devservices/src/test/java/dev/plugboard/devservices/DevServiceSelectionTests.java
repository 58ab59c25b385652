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

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which way an instance is served, and that configured instances are never served.
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
		DevServicesConnectionProvider provider = new DevServicesConnectionProvider(Map.of("fake", service), () -> false);
		InstanceDefinition<InstanceSettings> definition = definition("cache-one", Set.of());
		provider.provide(new FakeType(), definition, new MockEnvironment());
		assertThat(service.served).containsExactly("cache-one/embedded");
		assertThat(definition.settings().getUrl()).isEqualTo("fake://cache-one");
		assertThat(definition.attributes()).containsEntry("devService", "fake server for cache-one");
	}

	@Test
	void configuredInstanceIsNeverServed() {
		FakeService service = new FakeService(true, true);
		DevServicesConnectionProvider provider = new DevServicesConnectionProvider(Map.of("fake", service), () -> true);
		InstanceDefinition<InstanceSettings> withHost = definition("a", Set.of("host"));
		InstanceDefinition<InstanceSettings> withUrl = definition("b", Set.of());
		withUrl.settings().setUrl("fake://configured");
		provider.provide(new FakeType(), withHost, new MockEnvironment());
		provider.provide(new FakeType(), withUrl, new MockEnvironment());
		assertThat(service.served).isEmpty();
		assertThat(withUrl.settings().getUrl()).isEqualTo("fake://configured");
		assertThat(withHost.settings().getUrl()).isNull();
	}

	@Test
	void disabledDevServicesServeNothing() {
		FakeService service = new FakeService(true, true);
		DevServicesConnectionProvider provider = new DevServicesConnectionProvider(Map.of("fake", service), () -> false);
		provider.provide(new FakeType(), definition("a", Set.of()),
				new MockEnvironment().withProperty("plugboard.devservices.enabled", "false"));
		assertThat(service.served).isEmpty();
	}

	@Test
	void enabledByDefaultOutsideARepackagedJar() {
		DevServicesProperties properties = new DevServicesProperties();
		assertThat(DevServicesConnectionProvider.isEnabled(properties)).isTrue();
		properties.setEnabled(false);
		assertThat(DevServicesConnectionProvider.isEnabled(properties)).isFalse();
	}

	private static InstanceDefinition<InstanceSettings> definition(String name, Set<String> bound) {
		return new InstanceDefinition<>("fake", name, new InstanceSettings(), null, bound::contains);
	}

	static final class FakeService implements DevService {

		private final boolean container;

		private final boolean embedded;

		final List<String> served = new ArrayList<>();

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
		public DevConnection connect(String instance, boolean container, DevServicesProperties properties) {
			this.served.add(instance + (container ? "/container" : "/embedded"));
			return new DevConnection("fake://" + instance, "fake server for " + instance);
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
