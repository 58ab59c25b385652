package dev.plugboard.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one check of an instance.
 *
 * @param up whether the instance answered
 * @param details details from the integration (server version, pool figures)
 * @param latency how long the round trip took
 * @param error why it did not answer, or {@code null}
 * @param completedAt when the check ended
 * @author Plugboard
 */
public record CheckResult(boolean up, Map<String, Object> details, Duration latency, @Nullable Throwable error,
		Instant completedAt) {

	static CheckResult up(Map<String, Object> details, Duration latency) {
		return new CheckResult(true, details, latency, null, Instant.now());
	}

	static CheckResult down(Throwable error, Duration latency) {
		return new CheckResult(false, Map.of(), latency, error, Instant.now());
	}

}
