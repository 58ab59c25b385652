package dev.plugboard.redis.autoconfigure;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.ConnectionUrl;
import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.InvalidSettingException;

/**
 * Reads a Redis URL the way Spring Boot reads {@code spring.data.redis.url}, so that a URL copied
 * from there means the same here: user information without a colon, as in
 * {@code redis://secret@cache1}, is the password (Redis' {@code AUTH <password>}), not a user name.
 * The core's URL parser takes such user information for a user name and would show it
 * unmasked, so the URL is parsed as {@code redis://:secret@cache1} and shown as
 * {@code redis://******@cache1}.
 *
 * @author Plugboard
 */
final class RedisUrls {

	private static final Set<String> SCHEMES = Set.of("redis", "rediss");

	private static final String MASK = "******";

	private RedisUrls() {
	}

	/**
	 * Parse the {@code url} setting of an instance.
	 * @param definition the instance
	 * @return the parsed URL; its password is the user information when that has no colon
	 * @throws InvalidSettingException naming the property, with the password masked, if the URL is
	 * malformed
	 */
	static ConnectionUrl parse(InstanceDefinition<RedisSettings> definition) {
		String url = definition.settings().getUrl();
		if (url == null) {
			throw new IllegalStateException("Instance " + definition.name() + " has no url");
		}
		UserInfo userInfo = UserInfo.of(url);
		String parsed = (userInfo != null && userInfo.passwordOnly()) ? userInfo.withEmptyUsername() : url;
		try {
			return ConnectionUrl.parse(parsed, SCHEMES);
		}
		catch (IllegalArgumentException ex) {
			// the core's message shows the URL it parsed, masked: show the one the user wrote instead
			String problem = String.valueOf(ex.getMessage()).replace(String.valueOf(ConnectionUrl.mask(parsed)), mask(url));
			throw new InvalidSettingException(definition, "url", problem,
					"Use a URL of the form redis://[[user]:password@]host[:port][/database], or rediss://… for TLS; "
							+ "percent-encode special characters in the password.");
		}
	}

	/**
	 * Mask the password of a Redis URL, including user information without a colon.
	 * @param url the URL
	 * @return the URL with {@code ******} in place of its password
	 */
	static String mask(String url) {
		UserInfo userInfo = UserInfo.of(url);
		if (userInfo != null && userInfo.passwordOnly()) {
			return url.substring(0, userInfo.start()) + MASK + url.substring(userInfo.end());
		}
		return String.valueOf(ConnectionUrl.mask(url));
	}

	/**
	 * The password of a URL whose user information has no colon, as written and decoded, so that
	 * both forms are masked wherever Plugboard shows text; the core finds passwords after a colon
	 * itself.
	 * @param url the URL or {@code null}
	 * @return the password forms, empty if the URL has no password-only user information
	 */
	static Set<String> secrets(@Nullable String url) {
		UserInfo userInfo = (url != null) ? UserInfo.of(url) : null;
		if (userInfo == null || !userInfo.passwordOnly()) {
			return Set.of();
		}
		// read as the URL is parsed, with the user information after a colon
		return ConnectionUrl.passwordsOf(userInfo.withEmptyUsername());
	}

	/**
	 * The user information of a URL: the text between {@code ://} and the last {@code @} of the
	 * authority.
	 *
	 * @param url the URL
	 * @param start where the user information starts
	 * @param end where it ends (the {@code @})
	 */
	private record UserInfo(String url, int start, int end) {

		static @Nullable UserInfo of(String url) {
			int scheme = url.indexOf("://");
			if (scheme < 0) {
				return null;
			}
			int start = scheme + 3;
			int authorityEnd = url.length();
			for (int i = start; i < url.length(); i++) {
				char c = url.charAt(i);
				if (c == '/' || c == '?') {
					authorityEnd = i;
					break;
				}
			}
			int at = url.lastIndexOf('@', authorityEnd - 1);
			return (at >= start) ? new UserInfo(url, start, at) : null;
		}

		String text() {
			return this.url.substring(this.start, this.end);
		}

		boolean passwordOnly() {
			return this.end > this.start && text().indexOf(':') < 0;
		}

		String withEmptyUsername() {
			return this.url.substring(0, this.start) + ":" + this.url.substring(this.start);
		}

	}

}
