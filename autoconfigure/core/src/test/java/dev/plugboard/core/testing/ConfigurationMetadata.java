package dev.plugboard.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the {@code spring-configuration-metadata.json} a module's build generated: every
 * property it lists has a description, which is what an IDE shows a user.
 */
public final class ConfigurationMetadata {

	private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

	private ConfigurationMetadata() {
	}

	/**
	 * Assert that every property of the module under test is described.
	 * @param prefix the prefix the module's properties share, for example {@code plugboard.redis}
	 */
	public static void assertEveryPropertyIsDescribed(String prefix) {
		List<Map<String, Object>> properties = JsonPath.read(read(), "$.properties[*]");
		List<Object> names = properties.stream()
			.map((property) -> property.get("name"))
			.filter((name) -> String.valueOf(name).startsWith(prefix + "."))
			.toList();
		assertThat(names).as("properties under %s in %s", prefix, METADATA).isNotEmpty();
		List<Object> undescribed = properties.stream()
			.filter((property) -> String.valueOf(property.get("name")).startsWith(prefix + "."))
			.filter((property) -> !(property.get("description") instanceof String description)
					|| description.isBlank())
			.map((property) -> property.get("name"))
			.toList();
		assertThat(undescribed).as("properties without a description in %s", METADATA).isEmpty();
	}

	private static String read() {
		try {
			return Files.readString(METADATA);
		}
		catch (IOException ex) {
			throw new AssertionError("No configuration metadata at " + METADATA.toAbsolutePath()
					+ ": is spring-boot-configuration-processor on the annotation processor path?", ex);
		}
	}

}
