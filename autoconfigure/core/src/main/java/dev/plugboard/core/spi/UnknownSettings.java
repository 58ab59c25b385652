package dev.plugboard.core.spi;

/**
 * What a setting or type that Plugboard does not know does at startup
 * ({@code plugboard.unknown-settings}).
 *
 * @author Plugboard
 */
public enum UnknownSettings {

	/** Stop the application, naming the setting and the nearest known one. */
	FAIL,

	/** Log a warning naming the setting and go on without it. */
	WARN;

	/** The property that chooses. */
	public static final String PROPERTY = "plugboard.unknown-settings";

}
