package dev.plugboard.core;

import java.util.Comparator;
import java.util.HashSet;
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
	 * One masker for the secrets of several instances.
	 * @param maskers the maskers of the instances
	 * @return a masker of all their secrets
	 */
	public static Secrets of(List<Secrets> maskers) {
		Set<String> values = new HashSet<>();
		maskers.forEach((masker) -> values.addAll(masker.values));
		return new Secrets(values);
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
