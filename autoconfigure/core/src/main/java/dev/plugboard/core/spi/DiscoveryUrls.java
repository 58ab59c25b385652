package dev.plugboard.core.spi;

import java.util.Locale;
import java.util.Set;

import org.springframework.util.ClassUtils;

/**
 * Turns {@code discovery://[user[:password]@]<service>[/…]} into the type's own URL with the
 * service name as its host, so that the type prepares it as usual, and records the service.
 *
 * @author Plugboard
 */
final class DiscoveryUrls {

	static final String SCHEME = "discovery";

	private static final String DISCOVERY_CLIENT = "org.springframework.cloud.client.discovery.DiscoveryClient";

	private DiscoveryUrls() {
	}

	static boolean isDiscovery(InstanceDefinition<?> definition) {
		String url = definition.common().getUrl();
		return url != null && url.trim().toLowerCase(Locale.ROOT).startsWith(SCHEME + "://");
	}

	/**
	 * Rewrite the URL of an instance that follows a service, if it does.
	 * @param type the type
	 * @param definition the instance
	 */
	static void apply(InstanceType<?> type, InstanceDefinition<?> definition) {
		if (!isDiscovery(definition) || definition.connectionReplacement() != null) {
			return;
		}
		String url = definition.common().getUrl().trim();
		String scheme = type.discoveryScheme();
		if (scheme == null) {
			throw new InvalidSettingException(definition, "url",
					"the " + type.name() + " type cannot find its server through discovery",
					"Give the server's own URL instead of discovery://….");
		}
		ConnectionUrl parsed;
		try {
			parsed = ConnectionUrl.parse(url, Set.of(SCHEME));
		}
		catch (IllegalArgumentException ex) {
			throw invalid(definition, ex.getMessage());
		}
		if (parsed.hosts().size() != 1) {
			throw invalid(definition, "'" + parsed + "' names " + parsed.hosts().size() + " services; name one");
		}
		if (parsed.port() != null) {
			throw invalid(definition, "'" + parsed + "' gives a port, which comes from the discovery client");
		}
		if (!ClassUtils.isPresent(DISCOVERY_CLIENT, DiscoveryUrls.class.getClassLoader())) {
			throw new PlugboardException("The " + type.name() + " instance '" + definition.name() + "' ('"
					+ definition.property("url") + "') finds its server through discovery, but Spring Cloud's "
					+ "DiscoveryClient is not on the classpath.",
					"Add plugboard-starter-discovery-consul (Consul), or spring-cloud-commons with the discovery "
							+ "client of your platform; or give the server's own URL.");
		}
		definition.common().setUrl(scheme + url.substring(SCHEME.length()));
		definition.discoveredService(parsed.host());
	}

	private static InvalidSettingException invalid(InstanceDefinition<?> definition, String problem) {
		return new InvalidSettingException(definition, "url", problem,
				"Use discovery://<service>/… with the service name as registered, for example "
						+ "discovery://users-db/users; the rest is as in the type's own URL.");
	}

}
