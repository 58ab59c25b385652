package dev.plugboard.sentry.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A Sentry DSN taken apart: {@code https://PUBLIC_KEY[:SECRET_KEY]@host[:port][/path]/PROJECT_ID}.
 * Its keys are secrets: {@link #toString()} and {@link #mask(String)} never show them.
 *
 * @param scheme {@code http} or {@code https}
 * @param publicKey the public key
 * @param secretKey the legacy secret key, if any
 * @param host the ingest host and port
 * @param projectId the project id
 * @author Plugboard
 */
record SentryDsn(String scheme, String publicKey, @Nullable String secretKey, String host, String projectId) {

	private static final String MASK = "******";

	/**
	 * Parse a DSN.
	 * @param dsn the DSN
	 * @return the parts
	 * @throws IllegalArgumentException naming what is wrong, without the keys
	 */
	static SentryDsn parse(String dsn) {
		URI uri;
		try {
			uri = new URI(dsn.trim());
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("it is not a URL");
		}
		String scheme = uri.getScheme();
		if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
			throw new IllegalArgumentException("the scheme must be https:// (or http://) but is "
					+ ((scheme != null) ? "'" + scheme + "://'" : "missing"));
		}
		String userInfo = uri.getRawUserInfo();
		if (userInfo == null || userInfo.isEmpty() || userInfo.startsWith(":")) {
			throw new IllegalArgumentException("it has no public key before the '@'");
		}
		if (uri.getHost() == null) {
			throw new IllegalArgumentException("it has no host");
		}
		String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		int slash = path.lastIndexOf('/');
		String projectId = (slash >= 0) ? path.substring(slash + 1) : "";
		if (projectId.isEmpty()) {
			throw new IllegalArgumentException("it has no project id at the end of its path");
		}
		if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new IllegalArgumentException("it ends with a query or fragment, which a DSN never has");
		}
		int colon = userInfo.indexOf(':');
		String publicKey = (colon >= 0) ? userInfo.substring(0, colon) : userInfo;
		String secretKey = (colon >= 0) ? userInfo.substring(colon + 1) : null;
		String host = uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "") + path.substring(0, slash);
		return new SentryDsn(scheme.toLowerCase(java.util.Locale.ROOT), publicKey,
				(secretKey != null && !secretKey.isEmpty()) ? secretKey : null, host, projectId);
	}

	/**
	 * Where the DSN points, without its keys.
	 * @return for example {@code o1.ingest.sentry.io/42}
	 */
	String endpoint() {
		return this.host + "/" + this.projectId;
	}

	/**
	 * The keys, to mask them wherever they appear.
	 * @return the public key and the secret key, if any
	 */
	Set<String> secrets() {
		Set<String> secrets = new LinkedHashSet<>();
		secrets.add(this.publicKey);
		if (this.secretKey != null) {
			secrets.add(this.secretKey);
		}
		return secrets;
	}

	@Override
	public String toString() {
		return this.scheme + "://" + MASK + "@" + endpoint();
	}

	/**
	 * A DSN with its keys masked, whether or not it parses.
	 * @param dsn the DSN
	 * @return the masked DSN, or {@code null}
	 */
	static @Nullable String mask(@Nullable String dsn) {
		if (dsn == null) {
			return null;
		}
		int at = dsn.lastIndexOf('@');
		if (at < 0) {
			return dsn;
		}
		int start = dsn.indexOf("://");
		start = (start >= 0 && start < at) ? start + 3 : 0;
		return dsn.substring(0, start) + MASK + dsn.substring(at);
	}

	/**
	 * The keys of a DSN that may not parse, for masking.
	 * @param dsn the DSN
	 * @return the keys found
	 */
	static Set<String> secretsOf(@Nullable String dsn) {
		if (dsn == null) {
			return Set.of();
		}
		int at = dsn.lastIndexOf('@');
		int start = dsn.indexOf("://");
		if (at < 0) {
			return Set.of();
		}
		start = (start >= 0 && start < at) ? start + 3 : 0;
		Set<String> secrets = new LinkedHashSet<>();
		for (String part : dsn.substring(start, at).split(":")) {
			if (!part.isEmpty()) {
				secrets.add(part);
			}
		}
		return secrets;
	}

}
