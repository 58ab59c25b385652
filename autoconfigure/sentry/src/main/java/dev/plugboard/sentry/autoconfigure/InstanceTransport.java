package dev.plugboard.sentry.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

import io.sentry.DateUtils;
import io.sentry.Hint;
import io.sentry.RequestDetails;
import io.sentry.SentryEnvelope;
import io.sentry.SentryOptions;
import io.sentry.clientreport.DiscardReason;
import io.sentry.hints.DiskFlushNotification;
import io.sentry.hints.Enqueable;
import io.sentry.hints.Retryable;
import io.sentry.hints.SubmissionResult;
import io.sentry.transport.ITransport;
import io.sentry.transport.RateLimiter;
import io.sentry.util.HintUtils;
import dev.plugboard.core.spi.InstanceType;
import org.jspecify.annotations.Nullable;

/**
 * The transport of one instance: a bounded queue and one sender thread that posts envelopes to
 * Sentry's ingest API with the SDK's serializer, request details (URL, auth header) and rate
 * limiter. It keeps what health reports (last success, last failure, rate-limited until, queued
 * events), never blocks a caller (a full queue drops the event and counts it), and closes by a
 * deadline: a stalled ingest cannot hold shutdown longer than {@code shutdown.timeout}.
 *
 * @author Plugboard
 */
final class InstanceTransport implements ITransport {

	/** Sentry's own default when a 429 names no Retry-After. */
	private static final long DEFAULT_RETRY_AFTER_SECONDS = 60;

	private final SentryOptions options;

	private final RequestDetails request;

	private final RateLimiter rateLimiter;

	private final HttpClient http;

	private final Duration sendTimeout;

	private final ArrayBlockingQueue<Pending> queue;

	/** Queued plus in flight: zero means idle. */
	private final AtomicInteger pending = new AtomicInteger();

	private final Object idle = new Object();

	private final Thread sender;

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	private volatile @Nullable Instant lastSuccess;

	private volatile @Nullable Instant lastFailure;

	private volatile @Nullable String lastError;

	private volatile @Nullable Instant rateLimitedUntil;

	private volatile boolean closed;

	/** System.nanoTime() by which every wait ends, once shutdown has begun. */
	private volatile long deadline = Long.MAX_VALUE;

	InstanceTransport(String instance, SentryOptions options, RequestDetails request, int maxQueueSize,
			Duration sendTimeout) {
		this.options = options;
		this.request = request;
		this.rateLimiter = new RateLimiter(options);
		this.sendTimeout = sendTimeout;
		this.http = HttpClient.newBuilder()
			.connectTimeout(sendTimeout)
			.proxy(ProxySelector.getDefault())
			.build();
		this.queue = new ArrayBlockingQueue<>(maxQueueSize);
		this.sender = new Thread(this::run, "sentry-" + instance);
		this.sender.setDaemon(true);
		this.sender.start();
	}

	@Override
	public void send(SentryEnvelope envelope, Hint hint) throws IOException {
		SentryEnvelope filtered = this.rateLimiter.filter(envelope, hint);
		if (filtered == null) {
			return;
		}
		if (this.closed || !offer(new Pending(filtered, hint))) {
			this.dropped.incrementAndGet();
			this.options.getClientReportRecorder().recordLostEnvelope(DiscardReason.QUEUE_OVERFLOW, filtered);
			HintUtils.runIfHasType(hint, SubmissionResult.class, (result) -> result.setResult(false));
			return;
		}
		HintUtils.runIfHasType(hint, Enqueable.class, Enqueable::markEnqueued);
	}

	private boolean offer(Pending envelope) {
		this.pending.incrementAndGet();
		if (this.queue.offer(envelope)) {
			return true;
		}
		done();
		return false;
	}

	private void run() {
		while (true) {
			Pending next;
			try {
				next = this.queue.take();
			}
			catch (InterruptedException ex) {
				return;
			}
			try {
				deliver(next);
			}
			catch (InterruptedException ex) {
				fail("interrupted at shutdown");
				return;
			}
			finally {
				done();
			}
		}
	}

	private void done() {
		if (this.pending.decrementAndGet() == 0) {
			synchronized (this.idle) {
				this.idle.notifyAll();
			}
		}
	}

	private void deliver(Pending next) throws InterruptedException {
		SentryEnvelope envelope = this.options.getClientReportRecorder().attachReportToEnvelope(next.envelope());
		boolean success = false;
		try {
			envelope.getHeader().setSentAt(DateUtils.nanosToDate(this.options.getDateProvider().now().nanoTimestamp()));
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			try (GZIPOutputStream gzip = new GZIPOutputStream(body)) {
				this.options.getSerializer().serialize(envelope, gzip);
			}
			HttpRequest.Builder builder = HttpRequest.newBuilder(this.request.getUrl().toURI())
				.timeout(this.sendTimeout)
				.header("Content-Type", "application/x-sentry-envelope")
				.header("Content-Encoding", "gzip")
				.header("Accept", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
			this.request.getHeaders().forEach(builder::header);
			HttpResponse<Void> response = this.http.send(builder.build(), HttpResponse.BodyHandlers.discarding());
			int status = response.statusCode();
			String rateLimits = response.headers().firstValue("X-Sentry-Rate-Limits").orElse(null);
			String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
			this.rateLimiter.updateRetryAfterLimits(rateLimits, retryAfter, status);
			rateLimited(status, rateLimits, retryAfter);
			if (status >= 200 && status < 300) {
				success = true;
				this.sent.incrementAndGet();
				this.lastSuccess = Instant.now();
			}
			else {
				if (status >= 400 && status != 429) {
					this.options.getClientReportRecorder().recordLostEnvelope(DiscardReason.SEND_ERROR, envelope);
				}
				fail("the ingest API answered HTTP " + status);
			}
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			this.options.getClientReportRecorder().recordLostEnvelope(DiscardReason.NETWORK_ERROR, envelope);
			fail(ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : ""));
		}
		finally {
			boolean result = success;
			HintUtils.runIfHasType(next.hint(), SubmissionResult.class, (submission) -> submission.setResult(result));
			HintUtils.runIfHasType(next.hint(), Retryable.class, (retryable) -> retryable.setRetry(false));
			HintUtils.runIfHasType(next.hint(), DiskFlushNotification.class, (flush) -> {
				if (flush.isFlushable(next.envelope().getHeader().getEventId())) {
					flush.markFlushed();
				}
			});
		}
	}

	private void fail(String error) {
		this.failed.incrementAndGet();
		this.lastFailure = Instant.now();
		this.lastError = error;
	}

	/** Reads the same headers as the SDK's rate limiter, to say until when. */
	private void rateLimited(int status, @Nullable String rateLimits, @Nullable String retryAfter) {
		long seconds = -1;
		if (rateLimits != null) {
			for (String limit : rateLimits.split(",")) {
				String[] parts = limit.trim().split(":", -1);
				seconds = Math.max(seconds, parseSeconds(parts[0], -1));
			}
		}
		else if (status == 429) {
			seconds = parseSeconds(retryAfter, DEFAULT_RETRY_AFTER_SECONDS);
		}
		if (seconds > 0) {
			Instant until = Instant.now().plusSeconds(seconds);
			Instant current = this.rateLimitedUntil;
			if (current == null || until.isAfter(current)) {
				this.rateLimitedUntil = until;
			}
		}
	}

	private static long parseSeconds(@Nullable String value, long fallback) {
		if (value == null) {
			return fallback;
		}
		try {
			return (long) Math.ceil(Double.parseDouble(value.trim()));
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

	@Override
	public void flush(long timeoutMillis) {
		long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(timeoutMillis, 0));
		until = Math.min(until, this.deadline);
		synchronized (this.idle) {
			while (this.pending.get() > 0) {
				long left = until - System.nanoTime();
				if (left <= 0) {
					return;
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.idle, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	/**
	 * Bound every wait from now on: flushes and {@link #close} end by then.
	 * @param timeout the time left for shutdown
	 */
	void shutdownWithin(Duration timeout) {
		this.deadline = System.nanoTime() + timeout.toNanos();
	}

	@Override
	public RateLimiter getRateLimiter() {
		return this.rateLimiter;
	}

	@Override
	public boolean isHealthy() {
		return !this.rateLimiter.isAnyRateLimitActive() && !failing();
	}

	private boolean failing() {
		Instant failure = this.lastFailure;
		Instant success = this.lastSuccess;
		return failure != null && (success == null || failure.isAfter(success));
	}

	@Override
	public void close(boolean isRestarting) throws IOException {
		this.closed = true;
		if (!isRestarting) {
			flush(this.options.getShutdownTimeoutMillis());
		}
		this.sender.interrupt();
		List<Pending> left = new ArrayList<>();
		this.queue.drainTo(left);
		for (Pending envelope : left) {
			this.dropped.incrementAndGet();
			this.options.getClientReportRecorder().recordLostEnvelope(DiscardReason.NETWORK_ERROR, envelope.envelope());
			done();
		}
		this.rateLimiter.close();
	}

	@Override
	public void close() throws IOException {
		close(false);
	}

	long sent() {
		return this.sent.get();
	}

	long failed() {
		return this.failed.get();
	}

	long dropped() {
		return this.dropped.get();
	}

	int queued() {
		return this.pending.get();
	}

	/**
	 * What health shows: the state of real sends.
	 * @return the details
	 */
	Map<String, Object> details() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("queued", this.pending.get());
		details.put("sent", this.sent.get());
		details.put("failed", this.failed.get());
		details.put("dropped", this.dropped.get());
		putIfSet(details, "lastSuccess", this.lastSuccess);
		putIfSet(details, "lastFailure", this.lastFailure);
		putIfSet(details, "lastError", this.lastError);
		Instant until = this.rateLimitedUntil;
		boolean limited = this.rateLimiter.isAnyRateLimitActive() || (until != null && until.isAfter(Instant.now()));
		if (limited && until != null) {
			details.put("rateLimitedUntil", until.toString());
		}
		if (limited) {
			details.put(InstanceType.DEGRADED_DETAIL, "rate-limited by Sentry" + ((until != null) ? " until " + until : "")
					+ ": events of the limited categories are dropped until then");
		}
		else if (failing()) {
			details.put(InstanceType.DEGRADED_DETAIL, "sends to Sentry fail: " + this.lastError);
		}
		return details;
	}

	private static void putIfSet(Map<String, Object> details, String key, @Nullable Object value) {
		if (value != null) {
			details.put(key, value.toString());
		}
	}

	private record Pending(SentryEnvelope envelope, Hint hint) {
	}

}
