package dev.plugboard.devservices;

import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Chooses between a container and an embedded server for a dev service: containers where a
 * Docker engine answers (and Testcontainers is present), embedded servers where not.
 *
 * @author Plugboard
 */
final class DevServiceSelection {

	private DevServiceSelection() {
	}

	/**
	 * Choose how to serve an instance.
	 * @param mode the configured mode
	 * @param service the dev service of the instance's type
	 * @param dockerAvailable asked only when containers are possible
	 * @return {@code true} for a container, {@code false} for an embedded server, {@code null}
	 * if the instance cannot be served
	 */
	static @Nullable Boolean useContainer(DevServicesProperties.Mode mode, DevService service,
			BooleanSupplier dockerAvailable) {
		return switch (mode) {
			case EMBEDDED -> service.isAvailable(false) ? Boolean.FALSE : null;
			case CONTAINER -> service.isAvailable(true) ? Boolean.TRUE : null;
			case AUTO -> {
				if (service.isAvailable(true) && dockerAvailable.getAsBoolean()) {
					yield Boolean.TRUE;
				}
				yield service.isAvailable(false) ? Boolean.FALSE : null;
			}
		};
	}

}
