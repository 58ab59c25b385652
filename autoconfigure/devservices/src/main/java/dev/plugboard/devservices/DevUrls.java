package dev.plugboard.devservices;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Builds the connection URLs that dev services give instances. User, password, database and
 * virtual host are percent-encoded, so that characters such as {@code @}, {@code :} or
 * {@code /} in a password neither break the URL nor escape the core's masking.
 *
 * @author Plugboard
 */
final class DevUrls {

	private DevUrls() {
	}

	/**
	 * A URL of the form {@code scheme://[user][:password]@host:port/path}.
	 * @param scheme the scheme
	 * @param username the user, if any
	 * @param password the password, if any
	 * @param address {@code host:port}
	 * @param path the database or virtual host, unencoded, or an empty string
	 * @return the URL
	 */
	static String url(String scheme, @Nullable String username, @Nullable String password, String address,
			String path) {
		StringBuilder url = new StringBuilder(scheme).append("://");
		if (username != null || password != null) {
			if (username != null) {
				url.append(encode(username));
			}
			if (password != null) {
				url.append(':').append(encode(password));
			}
			url.append('@');
		}
		return url.append(address).append('/').append(encode(path)).toString();
	}

	/**
	 * Percent-encode one part of a URL.
	 * @param value the value
	 * @return the value with every character other than letters, digits and {@code .-_*}
	 * percent-encoded (a space as {@code %20}, not {@code +})
	 */
	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
