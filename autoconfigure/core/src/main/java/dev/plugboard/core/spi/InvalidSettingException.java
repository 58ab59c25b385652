package dev.plugboard.core.spi;

/**
 * A setting of one instance has a value Plugboard cannot use.
 *
 * @author Plugboard
 */
public class InvalidSettingException extends PlugboardException {

	private final String property;

	/**
	 * Create a new exception for a setting of an instance.
	 * @param definition the instance
	 * @param setting the setting relative to the instance, for example {@code url}
	 * @param problem what is wrong with the value (no password in it)
	 * @param action how to fix it
	 */
	public InvalidSettingException(InstanceDefinition<?> definition, String setting, String problem, String action) {
		this(definition.property(setting), definition.environmentVariable(setting), problem, action);
	}

	/**
	 * Create a new exception for a property.
	 * @param property the full property name
	 * @param environmentVariable the environment variable that sets it
	 * @param problem what is wrong with the value (no password in it)
	 * @param action how to fix it
	 */
	public InvalidSettingException(String property, String environmentVariable, String problem, String action) {
		super("Invalid value for '" + property + "' (environment variable " + environmentVariable + "): " + problem,
				action);
		this.property = property;
	}

	/**
	 * The full name of the property that is wrong.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

}
