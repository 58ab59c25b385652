package dev.plugboard.core.spi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A parsed connection URL (DSN): {@code scheme://[user[:password]@]host[:port][,host[:port]…][/path][?query]}.
 * Several hosts are accepted for clusters; a leading {@code jdbc:} is ignored. {@link #toString()}
 * never shows the password.
 *
 * @author Plugboard
 */
public final class ConnectionUrl {

	private static final String MASK = "******";

	private final String scheme;

	private final @Nullable String username;

	private final @Nullable String password;

	private final List<HostAndPort> hosts;

	private final @Nullable String path;

	private final Map<String, String> query;

	private final String masked;

	private ConnectionUrl(String scheme, @Nullable String username, @Nullable String password,
			List<HostAndPort> hosts, @Nullable String path, Map<String, String> query, String masked) {
		this.scheme = scheme;
		this.username = username;
		this.password = password;
		this.hosts = hosts;
		this.path = path;
		this.query = query;
		this.masked = masked;
	}

	/**
	 * Parse the {@code url} setting of an instance.
	 * @param definition the instance
	 * @param schemes the schemes the integration accepts, lower case
	 * @return the parsed URL
	 * @throws InvalidSettingException naming the property if the URL is malformed
	 */
	public static ConnectionUrl parse(InstanceDefinition<?> definition, Set<String> schemes) {
		String url = definition.common().getUrl();
		if (url == null) {
			throw new IllegalStateException("Instance " + definition.name() + " has no url");
		}
		try {
			return parse(url, schemes);
		}
		catch (IllegalArgumentException ex) {
			List<String> sorted = schemes.stream().sorted().toList();
			throw new InvalidSettingException(definition, "url", ex.getMessage(),
					"Use a URL of the form " + String.join(" or ", sorted.stream().map((s) -> s + "://…").toList())
							+ ", for example " + sorted.get(0)
							+ "://user:password@host:port/…; percent-encode special characters in the password.");
		}
	}

	/**
	 * Parse a connection URL.
	 * @param url the URL
	 * @param schemes the accepted schemes, lower case
	 * @return the parsed URL
	 * @throws IllegalArgumentException with a message that shows the URL masked
	 */
	public static ConnectionUrl parse(String url, Set<String> schemes) {
		String masked = mask(url);
		String text = url.trim();
		if (text.regionMatches(true, 0, "jdbc:", 0, 5)) {
			text = text.substring(5);
		}
		int schemeEnd = text.indexOf("://");
		if (schemeEnd <= 0) {
			throw new IllegalArgumentException("'" + masked + "' is not a URL: expected scheme://host");
		}
		String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
		if (!schemes.contains(scheme)) {
			throw new IllegalArgumentException("'" + masked + "' has the unsupported scheme '" + scheme
					+ "'; expected one of " + String.join(", ", schemes));
		}
		String rest = text.substring(schemeEnd + 3);
		String queryPart = null;
		int queryStart = rest.indexOf('?');
		if (queryStart >= 0) {
			queryPart = rest.substring(queryStart + 1);
			rest = rest.substring(0, queryStart);
		}
		String path = null;
		int pathStart = rest.indexOf('/');
		if (pathStart >= 0) {
			path = decode(rest.substring(pathStart + 1), masked);
			rest = rest.substring(0, pathStart);
		}
		String username = null;
		String password = null;
		int at = rest.lastIndexOf('@');
		if (at >= 0) {
			String userInfo = rest.substring(0, at);
			rest = rest.substring(at + 1);
			int colon = userInfo.indexOf(':');
			username = decode((colon >= 0) ? userInfo.substring(0, colon) : userInfo, masked);
			password = (colon >= 0) ? decode(userInfo.substring(colon + 1), masked) : null;
			username = (username.isEmpty()) ? null : username;
		}
		List<HostAndPort> hosts = new ArrayList<>();
		if (!rest.isEmpty()) {
			for (String hostPort : rest.split(",")) {
				hosts.add(parseHost(hostPort, masked));
			}
		}
		return new ConnectionUrl(scheme, username, password, Collections.unmodifiableList(hosts),
				(path == null || path.isEmpty()) ? null : path, parseQuery(queryPart, masked), masked);
	}

	private static HostAndPort parseHost(String hostPort, String masked) {
		String host = hostPort;
		String port = null;
		if (hostPort.startsWith("[")) {
			int close = hostPort.indexOf(']');
			if (close < 0) {
				throw new IllegalArgumentException("'" + masked + "' has an unterminated IPv6 address");
			}
			host = hostPort.substring(1, close);
			if (close + 1 < hostPort.length()) {
				if (hostPort.charAt(close + 1) != ':') {
					throw new IllegalArgumentException("'" + masked + "' has a malformed host '" + hostPort + "'");
				}
				port = hostPort.substring(close + 2);
			}
		}
		else {
			int colon = hostPort.lastIndexOf(':');
			if (colon >= 0) {
				host = hostPort.substring(0, colon);
				port = hostPort.substring(colon + 1);
			}
		}
		if (host.isEmpty() || host.chars().anyMatch((c) -> Character.isWhitespace(c) || c == '/' || c == '@')) {
			throw new IllegalArgumentException("'" + masked + "' has an empty or malformed host");
		}
		Integer portNumber = null;
		if (port != null) {
			try {
				portNumber = Integer.parseInt(port);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("'" + masked + "' has the port '" + port + "', which is not a number");
			}
			if (portNumber < 1 || portNumber > 65535) {
				throw new IllegalArgumentException("'" + masked + "' has the port " + port + ", outside 1-65535");
			}
		}
		return new HostAndPort(host, portNumber);
	}

	private static Map<String, String> parseQuery(@Nullable String query, String masked) {
		if (query == null || query.isEmpty()) {
			return Map.of();
		}
		Map<String, String> result = new LinkedHashMap<>();
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String key = decode((eq >= 0) ? pair.substring(0, eq) : pair, masked);
			String value = (eq >= 0) ? decode(pair.substring(eq + 1), masked) : "";
			result.put(key, value);
		}
		return Collections.unmodifiableMap(result);
	}

	private static String decode(String text, String masked) {
		try {
			return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("'" + masked + "' has a malformed percent-encoding");
		}
	}

	/**
	 * Mask the password of a URL, if it has one.
	 * @param url the URL or {@code null}
	 * @return the URL with {@code ******} in place of its password
	 */
	public static @Nullable String mask(@Nullable String url) {
		if (url == null) {
			return null;
		}
		int start = url.indexOf("://");
		if (start < 0) {
			return url;
		}
		start += 3;
		int end = url.length();
		for (int i = start; i < url.length(); i++) {
			char c = url.charAt(i);
			if (c == '/' || c == '?') {
				end = i;
				break;
			}
		}
		int at = url.lastIndexOf('@', end - 1);
		if (at < start) {
			return url;
		}
		int colon = url.indexOf(':', start);
		if (colon < 0 || colon > at) {
			return url;
		}
		return url.substring(0, colon + 1) + MASK + url.substring(at);
	}

	/**
	 * The password in a URL's user information, whatever its scheme, as written and decoded,
	 * so that both forms can be masked.
	 * @param url the URL
	 * @return the password forms, empty if there is none
	 */
	public static Set<String> passwordsOf(String url) {
		String masked = mask(url);
		if (masked == null || masked.equals(url)) {
			return Set.of();
		}
		int start = masked.indexOf(MASK);
		int end = url.length() - (masked.length() - start - MASK.length());
		String raw = url.substring(start, end);
		Set<String> forms = new java.util.HashSet<>();
		if (!raw.isEmpty()) {
			forms.add(raw);
			try {
				forms.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
			}
			catch (IllegalArgumentException ex) {
				// the raw form is all there is
			}
		}
		return forms;
	}

	public String scheme() {
		return this.scheme;
	}

	public @Nullable String username() {
		return this.username;
	}

	public @Nullable String password() {
		return this.password;
	}

	public List<HostAndPort> hosts() {
		return this.hosts;
	}

	/**
	 * The first host, if any.
	 * @return the first host or {@code null}
	 */
	public @Nullable String host() {
		return this.hosts.isEmpty() ? null : this.hosts.get(0).host();
	}

	/**
	 * The port of the first host, if given.
	 * @return the port or {@code null}
	 */
	public @Nullable Integer port() {
		return this.hosts.isEmpty() ? null : this.hosts.get(0).port();
	}

	/**
	 * The decoded path without its leading slash (a database name, a virtual host).
	 * @return the path or {@code null}
	 */
	public @Nullable String path() {
		return this.path;
	}

	public Map<String, String> query() {
		return this.query;
	}

	@Override
	public String toString() {
		return this.masked;
	}

	/**
	 * One host of a URL.
	 *
	 * @param host the host name or address
	 * @param port the port, or {@code null} if the URL gave none
	 */
	public record HostAndPort(String host, @Nullable Integer port) {

		/**
		 * The port, or a default.
		 * @param defaultPort the default
		 * @return the port
		 */
		public int portOr(int defaultPort) {
			return (this.port != null) ? this.port : defaultPort;
		}

	}

}
