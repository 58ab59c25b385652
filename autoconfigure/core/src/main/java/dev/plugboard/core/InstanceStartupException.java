package dev.plugboard.core;

import java.util.List;
import java.util.stream.Collectors;

import dev.plugboard.core.spi.PlugboardException;

/**
 * One or more critical instances could not start: they never answered within their startup
 * timeout, or they answered with an error that waiting cannot fix.
 *
 * @author Plugboard
 */
public class InstanceStartupException extends PlugboardException {

	private final List<String> instances;

	InstanceStartupException(List<ManagedInstance> failed) {
		super(describe(failed), action(failed));
		this.instances = failed.stream().map((instance) -> instance.type() + "/" + instance.name()).toList();
	}

	/**
	 * The failed instances as {@code type/name}.
	 * @return the instances
	 */
	public List<String> getInstances() {
		return this.instances;
	}

	private static String describe(List<ManagedInstance> failed) {
		return failed.stream().map((instance) -> {
			var common = instance.definition().common();
			if (instance.failedOnAnswer()) {
				return "Critical " + instance + " at " + instance.endpoint() + " answered but could not start: "
						+ instance.lastError();
			}
			return "Critical " + instance + " at " + instance.endpoint() + " did not answer within "
					+ common.getStartup().getTimeout().toMillis() + " ms: " + instance.lastError();
		}).collect(Collectors.joining("\n"));
	}

	private static String action(List<ManagedInstance> failed) {
		return failed.stream().map((instance) -> {
			var definition = instance.definition();
			String critical = definition.property("critical");
			String advice = instance.advice();
			if (advice != null) {
				return advice + " To start without it, set '" + critical + "=false' ("
						+ definition.environmentVariable("critical") + "=false).";
			}
			if (instance.failedOnAnswer()) {
				return "Fix the cause above on the server at " + instance.endpoint() + " or in the instance's settings ('"
						+ definition.property("*") + "'); waiting longer will not help. To start without it, set '"
						+ critical + "=false' (" + definition.environmentVariable("critical") + "=false).";
			}
			return "Make sure the server at " + instance.endpoint() + " is running and reachable, and check '"
					+ definition.property("url") + "' or its host, port and credentials (environment variable "
					+ definition.environmentVariable("url") + "). To start without it, set '" + critical
					+ "=false' (" + definition.environmentVariable("critical") + "=false), or allow more time with '"
					+ definition.property("startup.timeout") + "'.";
		}).collect(Collectors.joining("\n"));
	}

}
