package dev.plugboard.core.discovery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.ConnectionUrl.HostAndPort;
import dev.plugboard.core.spi.ServiceEndpoints;

/**
 * The endpoints of one service for one instance: a snapshot of the passing instances, reused
 * for {@code discovery.cache-ttl} and then refreshed in the background, so that a new connection
 * never waits for the discovery server once one answer is known. While the discovery server
 * fails, the last known endpoints serve and the snapshot says since when it is stale.
 *
 * @author Plugboard
 */
final class DiscoveredEndpoints implements ServiceEndpoints {

	private static final Log logger = LogFactory.getLog(DiscoveredEndpoints.class);

	private static final long HANG_NANOS = Duration.ofSeconds(5).toNanos();

	private final String service;

	private final List<String> tags;

	private final long ttlNanos;

	private final ServiceLookup lookup;

	private final Executor executor;

	private final AtomicBoolean refreshing = new AtomicBoolean();

	private volatile long refreshStarted;

	private volatile @Nullable Snapshot snapshot;

	private volatile @Nullable HostAndPort current;

	/** Set when a connection failed or the discovery system announced a change. */
	private volatile boolean invalidated;

	DiscoveredEndpoints(String service, List<String> tags, Duration ttl, ServiceLookup lookup, Executor executor) {
		this.service = service;
		this.tags = List.copyOf(tags);
		this.ttlNanos = ttl.toNanos();
		this.lookup = lookup;
		this.executor = executor;
	}

	@Override
	public String service() {
		return this.service;
	}

	@Override
	public HostAndPort next() {
		List<HostAndPort> endpoints = endpoints();
		HostAndPort inUse = this.current;
		if (inUse != null && endpoints.contains(inUse)) {
			return inUse;
		}
		HostAndPort first = endpoints.get(0);
		this.current = first;
		return first;
	}

	@Override
	public List<HostAndPort> all() {
		return endpoints();
	}

	@Override
	public void unreachable(HostAndPort endpoint) {
		this.invalidated = true;
	}

	/** The discovery system says that something changed: ask again before the cache expires. */
	void invalidate() {
		this.invalidated = true;
	}

	private List<HostAndPort> endpoints() {
		Snapshot known = this.snapshot;
		if (known == null || known.endpoints().isEmpty()) {
			known = refreshNow();
		}
		else if (this.invalidated || known.isOlderThan(this.ttlNanos)) {
			refreshInBackground();
		}
		if (known.endpoints().isEmpty()) {
			throw new NoServiceInstanceException(this.service, this.tags, known.via());
		}
		return known.endpoints();
	}

	/** Ask now, unless a fresh answer is known: for the first connection, and in the background. */
	synchronized Snapshot refreshNow() {
		Snapshot known = this.snapshot;
		if (known != null && !known.endpoints().isEmpty() && !this.invalidated && !known.isOlderThan(this.ttlNanos)) {
			return known;
		}
		this.invalidated = false;
		Snapshot next;
		try {
			ServiceLookup.Answer answer = this.lookup.find(this.service, this.tags);
			next = new Snapshot(answer.endpoints(), answer.via(), System.nanoTime(), Instant.now(), null, null);
			if (known != null && !known.endpoints().equals(next.endpoints())) {
				logger.info("Service '" + this.service + "' moved: " + known.endpoints() + " → " + next.endpoints()
						+ " (via " + next.via() + ")");
			}
		}
		catch (RuntimeException ex) {
			if (known == null || known.endpoints().isEmpty()) {
				throw new ServiceLookupException("the service '" + this.service + "' could not be looked up in "
						+ this.lookup.clients() + ": " + ex.getMessage(), ex);
			}
			Instant staleSince = (known.staleSince() != null) ? known.staleSince() : Instant.now();
			if (known.staleSince() == null) {
				logger.warn("Service discovery does not answer for '" + this.service + "' (" + ex.getMessage()
						+ "); new connections use the last known endpoints " + known.endpoints());
			}
			// retried after the next ttl, not at every connection
			next = new Snapshot(known.endpoints(), known.via(), System.nanoTime(), known.answeredAt(), staleSince,
					String.valueOf(ex.getMessage()));
		}
		this.snapshot = next;
		return next;
	}

	private void refreshInBackground() {
		if (this.refreshing.compareAndSet(false, true)) {
			this.refreshStarted = System.nanoTime();
			try {
				this.executor.execute(() -> {
					try {
						refreshNow();
					}
					catch (RuntimeException ex) {
						logger.debug("Refreshing service '" + this.service + "' failed", ex);
					}
					finally {
						this.refreshing.set(false);
					}
				});
			}
			catch (RuntimeException ex) {
				this.refreshing.set(false);
			}
		}
	}

	/**
	 * What health shows of the service: the last answer, and a refresh in the background when
	 * it has expired, so that health never waits for the discovery server.
	 * @return the details
	 */
	Map<String, Object> describe() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("service", this.service);
		if (!this.tags.isEmpty()) {
			details.put("tags", this.tags);
		}
		Snapshot known = this.snapshot;
		if (known == null) {
			details.put("status", "not resolved yet");
			return details;
		}
		if (this.invalidated || known.isOlderThan(this.ttlNanos)) {
			refreshInBackground();
		}
		details.put("via", known.via());
		details.put("endpoints", known.endpoints().stream().map(DiscoveredEndpoints::text).toList());
		details.put("status", status(known));
		return details;
	}

	/**
	 * The instance's endpoint as shown in health and the endpoint:
	 * {@code users-db → 127.0.0.1:5432/users (via consul)}.
	 * @param typeEndpoint the endpoint that the type prepared, with the service name as its host
	 * @return the text
	 */
	String endpoint(String typeEndpoint) {
		int slash = typeEndpoint.indexOf('/');
		String rest = (slash >= 0) ? typeEndpoint.substring(slash) : "";
		Snapshot known = this.snapshot;
		if (known == null) {
			return this.service + " → (not resolved yet)" + rest;
		}
		List<String> endpoints = new ArrayList<>();
		HostAndPort inUse = this.current;
		if (inUse != null && known.endpoints().contains(inUse)) {
			endpoints.add(text(inUse));
		}
		else {
			known.endpoints().forEach((endpoint) -> endpoints.add(text(endpoint)));
		}
		return this.service + " → " + (endpoints.isEmpty() ? "(no passing instance)" : String.join(",", endpoints))
				+ rest + " (via " + known.via() + (isStale(known) ? ", stale" : "") + ")";
	}

	private String status(Snapshot known) {
		if (known.staleSince() != null) {
			return "stale since " + known.staleSince() + ": " + known.error();
		}
		if (hangs(known)) {
			return "stale since " + known.answeredAt() + ": the discovery client has not answered since";
		}
		return known.endpoints().isEmpty() ? "no passing instance" : "current";
	}

	private boolean isStale(Snapshot known) {
		return known.staleSince() != null || hangs(known);
	}

	/**
	 * A refresh that neither answers nor fails (a discovery server that accepts and never
	 * responds) leaves the last answer in place: it is stale once that refresh has waited a few
	 * cache lifetimes (at least 5 s).
	 */
	private boolean hangs(Snapshot known) {
		long started = this.refreshStarted;
		return this.refreshing.get() && started != 0
				&& System.nanoTime() - started > Math.max(3 * this.ttlNanos, HANG_NANOS);
	}

	static String text(HostAndPort endpoint) {
		String host = endpoint.host().contains(":") ? "[" + endpoint.host() + "]" : endpoint.host();
		return host + ":" + endpoint.port();
	}

	record Snapshot(List<HostAndPort> endpoints, String via, long fetchedAt, Instant answeredAt,
			@Nullable Instant staleSince, @Nullable String error) {

		boolean isOlderThan(long nanos) {
			return System.nanoTime() - this.fetchedAt > nanos;
		}

	}

}
