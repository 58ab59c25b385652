package dev.plugboard.test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.Container;
import org.testcontainers.lifecycle.Startable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds {@link PlugConnection @PlugConnection} container fields on a test class (and its
 * enclosing classes) and points their instances at them before the application context starts.
 *
 * @author Plugboard
 */
class PlugConnectionContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		List<Connection> connections = new ArrayList<>();
		for (Class<?> type = testClass; type != null; type = TestContextAnnotationUtils
			.searchEnclosingClass(type) ? type.getEnclosingClass() : null) {
			collect(type, connections);
		}
		return connections.isEmpty() ? null : new Customizer(connections);
	}

	private static void collect(Class<?> type, List<Connection> connections) {
		ReflectionUtils.doWithFields(type, (field) -> {
			PlugConnection annotation = field.getAnnotation(PlugConnection.class);
			if (annotation == null) {
				return;
			}
			if (!Modifier.isStatic(field.getModifiers()) || !Container.class.isAssignableFrom(field.getType())) {
				throw new IllegalStateException("@PlugConnection field " + field + " must be a static Testcontainers "
						+ "container");
			}
			ReflectionUtils.makeAccessible(field);
			Container<?> container = (Container<?>) Objects.requireNonNull(ReflectionUtils.getField(field, null),
					() -> "@PlugConnection field " + field + " is null");
			connections.add(new Connection(field, annotation.type(), annotation.value(), container));
		});
	}

	record Connection(Field field, String type, String instance, Container<?> container) {
	}

	static final class Customizer implements ContextCustomizer {

		private final List<Connection> connections;

		Customizer(List<Connection> connections) {
			this.connections = connections;
		}

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
			context.getEnvironment().getPropertySources().addFirst(propertySource(this.connections));
		}

		static PropertySource<?> propertySource(List<Connection> connections) {
			Map<String, Object> properties = new LinkedHashMap<>();
			for (Connection connection : connections) {
				if (!connection.container().isRunning() && connection.container() instanceof Startable startable) {
					startable.start();
				}
				// the image is known for sure only once the container runs
				String type = connection.type().isEmpty() ? PlugConnections.type(connection.container())
						: connection.type();
				properties.put(PlugConnections.property(type, connection.instance()),
						PlugConnections.url(type, connection.container()));
			}
			return new MapPropertySource("plugboardConnections", properties);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Customizer customizer && customizer.connections.stream()
				.map(Connection::field)
				.toList()
				.equals(this.connections.stream().map(Connection::field).toList());
		}

		@Override
		public int hashCode() {
			return this.connections.stream().map(Connection::field).toList().hashCode();
		}

	}

}
