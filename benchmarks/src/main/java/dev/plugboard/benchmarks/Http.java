package dev.plugboard.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Times HTTP calls; a call that takes longer than the client timeout counts as that timeout.
 */
final class Http {

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private Http() {
	}

	/**
	 * Time one GET in milliseconds.
	 * @param url the URL
	 * @param timeout the longest wait
	 * @return the elapsed milliseconds (the timeout if it expired)
	 */
	static double timeGet(String url, Duration timeout) {
		long start = System.nanoTime();
		try {
			client.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(),
					HttpResponse.BodyHandlers.discarding());
		}
		catch (java.net.http.HttpTimeoutException ex) {
			return timeout.toMillis();
		}
		catch (Exception ex) {
			throw new IllegalStateException("GET " + url + " failed: " + ex.getMessage(), ex);
		}
		return (System.nanoTime() - start) / 1_000_000.0;
	}

}
