package dev.plugboard.redis.testing;

/**
 * The shared Redis server of the test machine, {@code redis://127.0.0.1:6379} unless
 * {@code PLUGBOARD_TEST_REDIS_URL} names another; tests use their own database numbers and keys.
 */
public final class SharedRedis {

	private static final String BASE = trim(System.getenv().getOrDefault("PLUGBOARD_TEST_REDIS_URL", "redis://127.0.0.1:6379"));

	private SharedRedis() {
	}

	/**
	 * A URL for one database of the shared server.
	 * @param database the database index
	 * @return the URL
	 */
	public static String url(int database) {
		return BASE + "/" + database;
	}

	private static String trim(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
