package dev.plugboard.samples.service.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Steady HTTP load from one thread: a GET every few milliseconds, each outcome recorded with
 * its time. Bounded in count and time; stops by itself.
 */
final class Load implements AutoCloseable {

	/**
	 * One call.
	 * @param startedNanos when it was sent
	 * @param atNanos when its answer (or error) came
	 * @param status the HTTP status, -1 for no answer
	 */
	record Outcome(long startedNanos, long atNanos, int status) {
	}

	private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();

	private final Thread thread;

	private volatile boolean running = true;

	Load(String url, Duration pause, int maxCalls) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		this.thread = new Thread(() -> {
			for (int i = 0; i < maxCalls && this.running; i++) {
				long started = System.nanoTime();
				int status;
				try {
					status = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
							HttpResponse.BodyHandlers.discarding()).statusCode();
				}
				catch (Exception ex) {
					status = -1;
				}
				this.outcomes.add(new Outcome(started, System.nanoTime(), status));
				try {
					Thread.sleep(pause.toMillis());
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "load");
		this.thread.start();
	}

	List<Outcome> outcomes() {
		return List.copyOf(this.outcomes);
	}

	long count(java.util.function.IntPredicate status) {
		return this.outcomes.stream().filter((outcome) -> status.test(outcome.status())).count();
	}

	/**
	 * The number of calls sent at or after a time.
	 * @param nanos the time, from {@link System#nanoTime()}
	 * @return the count of calls that have answered
	 */
	long sentSince(long nanos) {
		return this.outcomes.stream().filter((outcome) -> outcome.startedNanos() >= nanos).count();
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join(15_000);
	}

}
