package dev.plugboard.core.spi;

/**
 * Advice for the startup errors every integration meets, naming the settings to fix and their
 * environment variables.
 *
 * @author Plugboard
 */
public final class InstanceAdvice {

	private InstanceAdvice() {
	}

	/**
	 * Nothing answers at the instance's endpoint.
	 * @param definition the instance
	 * @param what what should answer, such as "the server"
	 * @return the advice
	 */
	public static String unreachable(InstanceDefinition<?> definition, String what) {
		if (definition.discoveredService() != null) {
			return discoveredUnreachable(definition, what);
		}
		return "Nothing answers at " + definition.endpoint() + ": start " + what + " or fix '" + definition.property("host")
				+ "' / '" + definition.property("port") + "' (environment variable " + definition.environmentVariable("host")
				+ ") or '" + definition.property("url") + "'.";
	}

	/**
	 * Nothing answers at the instance's endpoint, which one setting other than host and port
	 * names, such as a list of cluster nodes.
	 * @param definition the instance
	 * @param what what should answer, such as "the cluster nodes"
	 * @param setting the setting naming the endpoint, relative to the instance (such as
	 * "cluster.nodes")
	 * @return the advice
	 */
	public static String unreachable(InstanceDefinition<?> definition, String what, String setting) {
		if (definition.discoveredService() != null) {
			return discoveredUnreachable(definition, what);
		}
		return "Nothing answers at " + definition.endpoint() + ": start " + what + " or fix '" + definition.property(setting)
				+ "' (environment variable " + definition.environmentVariable(setting) + ") or '"
				+ definition.property("url") + "'.";
	}

	private static String discoveredUnreachable(InstanceDefinition<?> definition, String what) {
		return "Nothing answers at the endpoint that discovery lists for the service '" + definition.discoveredService()
				+ "' (shown above): start " + what + " there, or fix the service's registration (its address, port "
				+ "and health check), or the service name in '" + definition.property("url") + "' (environment variable "
				+ definition.environmentVariable("url") + ").";
	}

	/**
	 * The server refused the credentials.
	 * @param definition the instance
	 * @param who who refused, such as "the broker"
	 * @return the advice
	 */
	public static String credentials(InstanceDefinition<?> definition, String who) {
		return who + " refused the credentials: check '" + definition.property("username") + "' and '"
				+ definition.property("password") + "' (environment variable " + definition.environmentVariable("password")
				+ ") or the user and password in '" + definition.property("url") + "'.";
	}

	/**
	 * The messages of an error and its causes, for matching.
	 * @param error the error
	 * @return the messages, one a line
	 */
	public static String messages(Throwable error) {
		StringBuilder text = new StringBuilder();
		for (Throwable candidate = error; candidate != null; candidate = candidate.getCause()) {
			text.append(candidate.getClass().getSimpleName()).append(": ").append(candidate.getMessage()).append('\n');
		}
		return text.toString();
	}

}
