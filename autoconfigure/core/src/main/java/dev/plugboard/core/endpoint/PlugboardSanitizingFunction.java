package dev.plugboard.core.endpoint;

import java.util.Objects;

import dev.plugboard.core.ManagedInstance;
import dev.plugboard.core.PlugboardRegistry;
import dev.plugboard.core.Secrets;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.util.function.SingletonSupplier;

/**
 * Keeps the passwords of every instance out of the {@code env} and {@code configprops}
 * endpoints when their values are shown ({@code management.endpoint.env.show-values=always}):
 * whatever the key — a Plugboard setting, a toolkit-style environment variable, a property of
 * the application's own — a value that holds a known password, or a URL with a password in it,
 * is shown with the password masked.
 *
 * @author Plugboard
 */
public final class PlugboardSanitizingFunction implements SanitizingFunction {

	// the instances are fixed once the context has started, and the endpoints ask for every
	// value: gather their secrets once
	private final SingletonSupplier<Secrets> secrets;

	/**
	 * Create the function.
	 * @param registry the instances whose secrets to mask
	 */
	public PlugboardSanitizingFunction(PlugboardRegistry registry) {
		this.secrets = SingletonSupplier.of(() -> Secrets
			.of(registry.managedInstances().stream().map(ManagedInstance::secrets).toList()));
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		if (!(data.getValue() instanceof CharSequence value)) {
			return data;
		}
		String text = value.toString();
		String masked = Objects.requireNonNull(this.secrets.obtain().mask(text));
		return masked.equals(text) ? data : data.withValue(masked);
	}

}
