package dev.plugboard.devservices;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At JVM exit the dev servers wait for Spring's shutdown hooks, and only for them, within a
 * limit.
 */
class DevServersTests {

	@Test
	void waitsForSpringsShutdownHooksToFinish() {
		AtomicBoolean contextsClosed = new AtomicBoolean();
		Thread boot = sleeper("SpringApplicationShutdownHook", 300, contextsClosed);
		Thread other = sleeper("some-other-hook", 60_000, new AtomicBoolean());
		try {
			assertThat(DevServers.awaitSpringShutdownHooks(List.of(other, boot), Duration.ofSeconds(10))).isTrue();
			assertThat(contextsClosed).isTrue();
			assertThat(other.isAlive()).as("other hooks are not waited for").isTrue();
		}
		finally {
			other.interrupt();
		}
	}

	@Test
	void givesUpAtTheLimit() {
		Thread stuck = sleeper("SpringContextShutdownHook", 60_000, new AtomicBoolean());
		try {
			long start = System.nanoTime();
			assertThat(DevServers.awaitSpringShutdownHooks(List.of(stuck), Duration.ofMillis(200))).isFalse();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		}
		finally {
			stuck.interrupt();
		}
	}

	private static Thread sleeper(String name, long millis, AtomicBoolean done) {
		Thread thread = new Thread(() -> {
			try {
				Thread.sleep(millis);
				done.set(true);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, name);
		thread.start();
		return thread;
	}

}
