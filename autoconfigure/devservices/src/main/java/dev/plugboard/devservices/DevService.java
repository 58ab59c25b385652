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
	 * What serves instances the given way, for messages.
	 * @param container whether containers serve
	 * @param properties the dev services settings
	 * @return for example {@code a PostgreSQL container (postgres:16-alpine)}
	 */
	String describe(boolean container, DevServicesProperties properties);

	/**
	 * Start (or reuse) a server for an instance, one that has the database, user and virtual
	 * host the instance names.
	 * @param instance the instance and its discrete settings
	 * @param container whether to use a container
	 * @param properties the dev services settings
	 * @return the connection
	 */
	DevConnection connect(DevInstance instance, boolean container, DevServicesProperties properties);

}
