package dev.plugboard.core.spi;

/**
 * A property under {@code plugboard.} names no setting, or no type, that Plugboard knows.
 *
 * @author Plugboard
 */
public class UnknownSettingException extends PlugboardException {

	private final String property;

	/**
	 * Create a new exception.
	 * @param property the full property name, as written
	 * @param environmentVariable the environment variable that sets it
	 * @param problem what is unknown, and the nearest known name if there is one
	 * @param action how to fix it
	 */
	public UnknownSettingException(String property, String environmentVariable, String problem, String action) {
		super("Unknown setting '" + property + "' (environment variable " + environmentVariable + "): " + problem,
				action);
		this.property = property;
	}

	/**
	 * The full name of the property.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

}
