package dev.plugboard.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.plugboard.InstanceState;
import dev.plugboard.PlugInstance;
import dev.plugboard.core.discovery.NoServiceInstanceException;
import dev.plugboard.core.discovery.PlugboardDiscovery;
import dev.plugboard.core.discovery.ServiceLookupException;
import dev.plugboard.core.spi.InstanceContext;
import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.InstanceSettings;
import dev.plugboard.core.spi.InstanceType;

/**
 * One named instance under management: its state machine, bounded checks, startup with
 * retries and background recovery.
 *
 * @author Plugboard
 */
public final class ManagedInstance implements PlugInstance {

	private static final Log logger = LogFactory.getLog(ManagedInstance.class);

	private static final Duration PREFETCH_FRESHNESS = Duration.ofMillis(250);

	private final InstanceType<InstanceSettings> type;

	private final InstanceDefinition<InstanceSettings> definition;

	private final InstanceContext<InstanceSettings> context;

	private final Map<String, String> beanNames;

	private final Secrets secrets;

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	private final AtomicBoolean recovering = new AtomicBoolean();

	private volatile InstanceState state = InstanceState.CREATED;

	private volatile Instant since = Instant.now();

	private volatile @Nullable String lastError;

	private volatile @Nullable Throwable lastFailure;

	private volatile @Nullable Duration startupDuration;

	private volatile Map<String, Object> lastDetails = Map.of();

	private volatile @Nullable CompletableFuture<CheckResult> inFlight;

	private volatile Instant inFlightStarted = Instant.EPOCH;

	private volatile @Nullable InFlight prefetched;

	private volatile @Nullable Runtime runtime;

	private volatile @Nullable ScheduledFuture<?> monitor;

	/** Whether startup failed on an answer of the server rather than on its silence. */
	private volatile boolean answered;

	@SuppressWarnings("unchecked")
	ManagedInstance(InstanceType<?> type, InstanceDefinition<?> definition, Map<String, String> beanNames,
			Secrets secrets, java.util.function.Function<ManagedInstance, InstanceContext<?>> contextFactory) {
		this.type = (InstanceType<InstanceSettings>) type;
		this.definition = (InstanceDefinition<InstanceSettings>) definition;
		this.beanNames = Collections.unmodifiableMap(beanNames);
		this.secrets = secrets;
		this.context = (InstanceContext<InstanceSettings>) contextFactory.apply(this);
		this.attributes.putAll(definition.attributes());
	}

	@Override
	public String type() {
		return this.definition.type();
	}

	@Override
	public String name() {
		return this.definition.name();
	}

	@Override
	public InstanceState state() {
		return this.state;
	}

	@Override
	public Instant since() {
		return this.since;
	}

	@Override
	public boolean critical() {
		return this.definition.critical();
	}

	@Override
	public boolean primary() {
		return this.definition.primary();
	}

	@Override
	public String endpoint() {
		if (this.definition.discoveredService() != null) {
			return discovery().endpoint(this.definition);
		}
		return this.definition.endpoint();
	}

	/**
	 * What the discovery client says of the instance's service, for health, or {@code null} if
	 * the instance does not use discovery.
	 * @return the details or {@code null}
	 */
	public @Nullable Map<String, Object> discoveryDetails() {
		return (this.definition.discoveredService() != null) ? discovery().describe(this.definition) : null;
	}

	private PlugboardDiscovery discovery() {
		return this.context.beanFactory().getBean(PlugboardDiscovery.BEAN_NAME, PlugboardDiscovery.class);
	}

	@Override
	public Map<String, String> beanNames() {
		return this.beanNames;
	}

	@Override
	public @Nullable String lastError() {
		return this.lastError;
	}

	@Override
	public @Nullable Duration startupDuration() {
		return this.startupDuration;
	}

	/**
	 * Whether startup failed although the server answered: it refused (authentication, an
	 * unknown database) or the work on it failed (a migration, schema validation), which waiting
	 * longer cannot fix.
	 * @return {@code true} if the server answered
	 */
	boolean failedOnAnswer() {
		return this.answered;
	}

	/**
	 * Advice from the integration for the last startup error, if it has any.
	 * @return the advice or {@code null}
	 */
	@Nullable String advice() {
		Throwable error = this.lastFailure;
		if (error == null) {
			return null;
		}
		if (this.definition.discoveredService() != null) {
			String discoveryAdvice = discoveryAdvice(error);
			if (discoveryAdvice != null) {
				return this.secrets.mask(discoveryAdvice);
			}
		}
		return this.secrets.mask(this.type.advice(this.definition, error));
	}

	private @Nullable String discoveryAdvice(Throwable error) {
		String url = "'" + this.definition.property("url") + "' (environment variable "
				+ this.definition.environmentVariable("url") + ")";
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof NoServiceInstanceException none) {
				return "No passing instance of the service '" + none.service() + "' is registered in " + none.via()
						+ ", which " + url + " names" + (none.tags().isEmpty() ? ""
								: " with the tags " + none.tags() + " ('" + this.definition.property("discovery.tags")
										+ "')")
						+ ": register the service and make its health check pass, or fix the service name"
						+ (none.tags().isEmpty() ? "" : " or the tags") + ".";
			}
			if (cause instanceof ServiceLookupException) {
				return "The discovery client could not be asked for the service that " + url
						+ " names, and no endpoint of it was known: make the discovery server ("
						+ discovery().clients() + ") reachable, or give the server's own URL.";
			}
		}
		return null;
	}

	/**
	 * The definition the instance was registered from.
	 * @return the definition
	 */
	public InstanceDefinition<?> definition() {
		return this.definition;
	}

	InstanceContext<?> context() {
		return this.context;
	}

	/**
	 * The masker for this instance's secrets.
	 * @return the masker
	 */
	public Secrets secrets() {
		return this.secrets;
	}

	/**
	 * Extra facts shown by the endpoint (for example which dev service serves the instance).
	 * @return the mutable attributes
	 */
	public Map<String, Object> attributes() {
		return this.attributes;
	}

	/**
	 * The details of the last successful check.
	 * @return the details
	 */
	public Map<String, Object> lastDetails() {
		return this.lastDetails;
	}

	void attach(Runtime runtime) {
		this.runtime = runtime;
	}

	private Runtime runtime() {
		Runtime runtime = this.runtime;
		if (runtime == null) {
			throw new IllegalStateException("Instance " + this + " is not attached to the Plugboard lifecycle");
		}
		return runtime;
	}

	/**
	 * Check the instance, joining a check already under way rather than starting another, so
	 * that a hung server never piles up threads.
	 * @return the check under way
	 */
	public CompletableFuture<CheckResult> checkAsync() {
		return startCheck().future();
	}

	private InFlight startCheck() {
		synchronized (this) {
			CompletableFuture<CheckResult> current = this.inFlight;
			if (current != null && !current.isDone()) {
				return new InFlight(current, this.inFlightStarted);
			}
			Instant now = Instant.now();
			CompletableFuture<CheckResult> started = runtime().plugboard().supply(this::checkNow);
			this.inFlight = started;
			this.inFlightStarted = now;
			return new InFlight(started, now);
		}
	}

	/**
	 * Start a check now for a health request that will ask for it shortly, so that the checks
	 * of many instances run side by side.
	 */
	public void prefetch() {
		this.prefetched = startCheck();
	}

	/**
	 * The result for a health request: the prefetched check if there is a fresh one, else a new
	 * check; either way bounded by {@code health.timeout} from the moment the check started.
	 * @return the result
	 */
	public CheckResult checkForHealth() {
		Duration timeout = this.definition.common().getHealth().getTimeout();
		InFlight check = this.prefetched;
		this.prefetched = null;
		if (check == null || isStale(check, timeout)) {
			check = startCheck();
		}
		return await(check.future(), check.started().plus(timeout));
	}

	// A prefetched check serves the request that started it: while it still runs (a hung
	// server), or shortly after it finished. One left over by a request that never asked for
	// it (a health group without this instance) must not answer a later request.
	private static boolean isStale(InFlight check, Duration timeout) {
		Instant now = Instant.now();
		if (check.started().isBefore(now.minus(timeout).minus(PREFETCH_FRESHNESS))) {
			return true;
		}
		CheckResult result = check.future().getNow(null);
		return result != null && result.completedAt().isBefore(now.minus(PREFETCH_FRESHNESS));
	}

	private CheckResult checkNow() {
		long start = System.nanoTime();
		CheckResult result;
		try {
			Map<String, Object> details = this.type.check(this.context);
			result = CheckResult.up(details, Duration.ofNanos(System.nanoTime() - start));
			this.lastDetails = details;
		}
		catch (Throwable ex) {
			result = CheckResult.down(ex, Duration.ofNanos(System.nanoTime() - start));
		}
		return result;
	}

	/**
	 * Wait for a check until a deadline.
	 * @param check the check
	 * @param deadline the deadline
	 * @return the result, or a timeout result
	 */
	public CheckResult await(CompletableFuture<CheckResult> check, Instant deadline) {
		long waitNanos = Math.max(0, Duration.between(Instant.now(), deadline).toNanos());
		try {
			return check.get(waitNanos, TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			Duration timeout = this.definition.common().getHealth().getTimeout();
			return CheckResult.down(new TimeoutException("no answer from " + endpoint() + " within "
					+ timeout.toMillis() + " ms (plugboard." + type() + "." + name() + ".health.timeout)"),
					timeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return CheckResult.down(ex, Duration.ZERO);
		}
		catch (ExecutionException ex) {
			return CheckResult.down(ex.getCause(), Duration.ZERO);
		}
	}

	/**
	 * Check the instance within its {@code health.timeout}.
	 * @return the result
	 */
	public CheckResult checkWithinTimeout() {
		Duration timeout = this.definition.common().getHealth().getTimeout();
		InFlight check = startCheck();
		return await(check.future(), check.started().plus(timeout));
	}

	/**
	 * Prove the instance answers, retrying until {@code startup.timeout}.
	 * @return {@code true} if it is running
	 */
	boolean startup() {
		transition(InstanceState.STARTING, null);
		runtime().listeners().preStart(this);
		long started = System.nanoTime();
		Duration retry = this.definition.common().getStartup().getRetryInterval();
		Instant deadline = Instant.now().plus(this.definition.common().getStartup().getTimeout());
		Throwable failure;
		while (true) {
			CheckResult result = checkWithinTimeout();
			if (result.up()) {
				try {
					this.type.onAvailable(this.context);
					this.startupDuration = Duration.ofNanos(System.nanoTime() - started);
					this.lastError = null;
					transition(InstanceState.RUNNING, null);
					scheduleMonitor();
					return true;
				}
				catch (Exception ex) {
					// the server answered: what failed (a migration, a schema check) fails again
					failure = ex;
					this.answered = true;
					break;
				}
			}
			failure = result.error();
			this.lastError = (failure != null) ? this.secrets.describe(failure) : null;
			if (failure != null && this.type.isPermanent(this.definition, failure)) {
				this.answered = true;
				break;
			}
			if (Instant.now().plus(retry).isAfter(deadline)) {
				break;
			}
			logger.debug("Waiting for " + this + ": " + this.lastError);
			if (!sleep(retry)) {
				break;
			}
		}
		this.lastError = (failure != null) ? this.secrets.describe(failure) : "did not answer";
		this.lastFailure = failure;
		if (critical()) {
			transition(InstanceState.FAILED, failure);
		}
		else {
			logger.warn("Non-critical " + this + " at " + endpoint() + " is DEGRADED: " + this.lastError
					+ ". The application starts without it and retries every " + retry.toMillis() + " ms.");
			transition(InstanceState.DEGRADED, failure);
			scheduleMonitor();
		}
		return false;
	}

	/**
	 * React to a check made by health: mark the instance degraded if it stopped answering, or
	 * recover it at once if it answers again.
	 * @param result the result
	 */
	public void observe(CheckResult result) {
		InstanceState current = this.state;
		if (current == InstanceState.RUNNING && !result.up()) {
			degrade(result.error());
		}
		else if (current == InstanceState.DEGRADED && result.up()) {
			runtime().plugboard().execute(this::recover);
		}
	}

	private void degrade(@Nullable Throwable error) {
		this.lastError = (error != null) ? this.secrets.describe(error) : "did not answer";
		if (transition(InstanceState.RUNNING, InstanceState.DEGRADED, error)) {
			logger.warn(this + " at " + endpoint() + " stopped answering and is DEGRADED: " + this.lastError);
			scheduleMonitor();
		}
	}

	private void recover() {
		if (!this.recovering.compareAndSet(false, true)) {
			return;
		}
		try {
			if (this.state != InstanceState.DEGRADED) {
				return;
			}
			CheckResult result = checkWithinTimeout();
			if (!result.up()) {
				this.lastError = (result.error() != null) ? this.secrets.describe(result.error()) : null;
				return;
			}
			this.type.onAvailable(this.context);
			this.lastError = null;
			if (this.startupDuration == null) {
				this.startupDuration = Duration.between(this.since, Instant.now());
			}
			if (transition(InstanceState.DEGRADED, InstanceState.RUNNING, null)) {
				logger.info(this + " at " + endpoint() + " answers again and is RUNNING");
			}
		}
		catch (Exception ex) {
			this.lastError = this.secrets.describe(ex);
		}
		finally {
			this.recovering.set(false);
		}
	}

	private void monitor() {
		InstanceState current = this.state;
		if (current == InstanceState.DEGRADED) {
			recover();
		}
		else if (current == InstanceState.RUNNING) {
			CheckResult result = checkWithinTimeout();
			if (!result.up()) {
				degrade(result.error());
				return;
			}
		}
		else {
			return;
		}
		scheduleMonitor();
	}

	private synchronized void scheduleMonitor() {
		ScheduledFuture<?> previous = this.monitor;
		if (previous != null) {
			previous.cancel(false);
		}
		Runtime runtime = this.runtime;
		InstanceState current = this.state;
		if (runtime == null || (current != InstanceState.RUNNING && current != InstanceState.DEGRADED)) {
			return;
		}
		Duration delay = (current == InstanceState.DEGRADED)
				? this.definition.common().getStartup().getRetryInterval()
				: this.definition.common().getHealth().getInterval();
		if (delay.isZero() || delay.isNegative()) {
			this.monitor = null;
			return;
		}
		this.monitor = runtime.plugboard().schedule(this::monitor, delay);
	}

	void stop() {
		synchronized (this) {
			ScheduledFuture<?> previous = this.monitor;
			if (previous != null) {
				previous.cancel(false);
			}
			this.monitor = null;
		}
		InstanceState current = this.state;
		if (current == InstanceState.STOPPED || current == InstanceState.STOPPING) {
			return;
		}
		transition(InstanceState.STOPPING, null);
		Runtime runtime = this.runtime;
		if (runtime != null) {
			runtime.listeners().onStop(this, this.definition.common().getShutdown().getTimeout());
		}
		transition(InstanceState.STOPPED, null);
	}

	private boolean transition(InstanceState expected, InstanceState to, @Nullable Throwable cause) {
		synchronized (this) {
			if (this.state != expected) {
				return false;
			}
		}
		return transition(to, cause);
	}

	private boolean transition(InstanceState to, @Nullable Throwable cause) {
		InstanceState from;
		synchronized (this) {
			from = this.state;
			if (from == to) {
				return false;
			}
			this.state = to;
			this.since = Instant.now();
		}
		Runtime runtime = this.runtime;
		if (runtime != null) {
			runtime.changed(this, from, to, cause);
		}
		return true;
	}

	private static boolean sleep(Duration duration) {
		try {
			Thread.sleep(Math.max(1, duration.toMillis()));
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public String toString() {
		return type() + " instance '" + name() + "'";
	}

	private record InFlight(CompletableFuture<CheckResult> future, Instant started) {
	}

	/**
	 * What an instance needs from the lifecycle that manages it.
	 */
	interface Runtime {

		PlugboardRuntime plugboard();

		PlugboardLifecycleListeners listeners();

		void changed(ManagedInstance instance, InstanceState from, InstanceState to, @Nullable Throwable cause);

	}

}
