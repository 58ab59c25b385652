package dev.plugboard.core.spi;

/**
 * A configuration or startup problem that Plugboard explains at startup through its failure
 * analyzer: a description that names the property and its environment variable, and an action
 * that says how to fix it. Messages never contain a password.
 *
 * @author Plugboard
 */
public class PlugboardException extends RuntimeException {

	private final String description;

	private final String action;

	/**
	 * Create a new exception.
	 * @param description what is wrong
	 * @param action how to fix it
	 * @param cause the cause or {@code null}
	 */
	public PlugboardException(String description, String action, Throwable cause) {
		super(description, cause);
		this.description = description;
		this.action = action;
	}

	/**
	 * Create a new exception.
	 * @param description what is wrong
	 * @param action how to fix it
	 */
	public PlugboardException(String description, String action) {
		super(description);
		this.description = description;
		this.action = action;
	}

	public String getDescription() {
		return this.description;
	}

	public String getAction() {
		return this.action;
	}

}
