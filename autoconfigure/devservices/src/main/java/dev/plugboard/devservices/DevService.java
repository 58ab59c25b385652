package dev.plugboard.devservices;

/**
 * Serves the instances of one type, with a container or an embedded server.
 *
 * @author Plugboard
 */
interface DevService {

	/**
	 * The instance type this service serves.
	 * @return the type name
	 */
	String type();

	/**
	 * Whether the classes for the given way of serving are on the classpath.
	 * @param container {@code true} for containers, {@code false} for embedded servers
	 * @return {@code true} if available
	 */
	boolean isAvailable(boolean container);

	/**
	 * Start (or reuse) a server for an instance.
	 * @param instance the instance name
	 * @param container whether to use a container
	 * @param properties the dev services settings
	 * @return the connection
	 */
	DevConnection connect(String instance, boolean container, DevServicesProperties properties);

}
