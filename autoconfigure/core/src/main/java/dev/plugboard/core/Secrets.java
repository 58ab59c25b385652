package dev.plugboard.core;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.ConnectionUrl;

/**
 * Masks the known secrets of one instance in any text Plugboard shows.
 *
 * @author Plugboard
 */
public final class Secrets {

	private static final String MASK = "******";

	private final List<String> values;

	/**
	 * Create a masker for the given secret values.
	 * @param values the secrets
	 */
	public Secrets(Set<String> values) {
		this.values = values.stream()
			.filter((value) -> !value.isEmpty())
			.sorted(Comparator.comparingInt(String::length).reversed())
			.toList();
	}

	/**
	 * Mask the secrets and any URL password in a text.
	 * @param text the text
	 * @return the masked text
	 */
	public @Nullable String mask(@Nullable String text) {
		if (text == null) {
			return null;
		}
		String result = text;
		for (String value : this.values) {
			result = result.replace(value, MASK);
		}
		return ConnectionUrl.mask(result);
	}

	/**
	 * Describe an error in one line: its type and message, and those of its root cause, masked.
	 * @param error the error
	 * @return the description
	 */
	public String describe(Throwable error) {
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String text = summary(error);
		if (root != error) {
			String rootText = summary(root);
			if (!text.contains(rootText)) {
				text = text + "; caused by " + rootText;
			}
		}
		return mask(text);
	}

	private static String summary(Throwable error) {
		String message = error.getMessage();
		String name = error.getClass().getSimpleName();
		return (message != null && !message.isBlank()) ? name + ": " + message.strip() : name;
	}

}
