package dev.plugboard.core.discovery;

/**
 * The discovery clients failed to answer for a service whose endpoints were never known.
 *
 * @author Plugboard
 */
public class ServiceLookupException extends IllegalStateException {

	ServiceLookupException(String message, Throwable cause) {
		super(message, cause);
	}

}
