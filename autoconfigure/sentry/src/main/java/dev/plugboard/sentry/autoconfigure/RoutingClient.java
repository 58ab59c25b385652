package dev.plugboard.sentry.autoconfigure;

import io.sentry.CheckIn;
import io.sentry.Hint;
import io.sentry.IScope;
import io.sentry.ISentryClient;
import io.sentry.ProfileChunk;
import io.sentry.ProfilingTraceData;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEvent;
import io.sentry.SentryLogEvent;
import io.sentry.SentryLogEvents;
import io.sentry.SentryMetricsEvent;
import io.sentry.SentryMetricsEvents;
import io.sentry.SentryReplayEvent;
import io.sentry.Session;
import io.sentry.TraceContext;
import io.sentry.UserFeedback;
import io.sentry.protocol.Feedback;
import io.sentry.protocol.SentryId;
import io.sentry.protocol.SentryTransaction;
import io.sentry.transport.RateLimiter;
import org.jspecify.annotations.Nullable;

/**
 * The client bound to Sentry's global scope when other instances claim packages: every event
 * that Sentry's integrations capture (the Logback appender, the exception resolver, uncaught
 * exceptions) passes here, before any scope or processor has touched it, and goes to the client
 * of the instance whose packages it belongs to, with the current scope (request data,
 * breadcrumbs) and that instance's own options (environment, release, tags, callbacks). All else
 * stays with the primary client.
 *
 * @author Plugboard
 */
final class RoutingClient implements ISentryClient {

	private final ISentryClient primary;

	private final PackageRoutes<ISentryClient> routes;

	RoutingClient(ISentryClient primary, PackageRoutes<ISentryClient> routes) {
		this.primary = primary;
		this.routes = routes;
	}

	ISentryClient primary() {
		return this.primary;
	}

	@Override
	public SentryId captureEvent(SentryEvent event, @Nullable IScope scope, @Nullable Hint hint) {
		ISentryClient target = this.routes.route(event);
		return ((target != null) ? target : this.primary).captureEvent(event, scope, hint);
	}

	@Override
	public boolean isEnabled() {
		return this.primary.isEnabled();
	}

	@Override
	public void close() {
		this.primary.close();
	}

	@Override
	public void close(boolean isRestarting) {
		this.primary.close(isRestarting);
	}

	@Override
	public void flush(long timeoutMillis) {
		this.primary.flush(timeoutMillis);
	}

	@Override
	public SentryId captureFeedback(Feedback feedback, @Nullable Hint hint, IScope scope) {
		return this.primary.captureFeedback(feedback, hint, scope);
	}

	@Override
	public SentryId captureReplayEvent(SentryReplayEvent event, @Nullable IScope scope, @Nullable Hint hint) {
		return this.primary.captureReplayEvent(event, scope, hint);
	}

	@Override
	@SuppressWarnings("deprecation")
	public void captureUserFeedback(UserFeedback userFeedback) {
		this.primary.captureUserFeedback(userFeedback);
	}

	@Override
	public void captureSession(Session session, @Nullable Hint hint) {
		this.primary.captureSession(session, hint);
	}

	@Override
	public @Nullable SentryId captureEnvelope(SentryEnvelope envelope, @Nullable Hint hint) {
		return this.primary.captureEnvelope(envelope, hint);
	}

	@Override
	public SentryId captureTransaction(SentryTransaction transaction, @Nullable TraceContext traceContext,
			@Nullable IScope scope, @Nullable Hint hint, @Nullable ProfilingTraceData profilingTraceData) {
		return this.primary.captureTransaction(transaction, traceContext, scope, hint, profilingTraceData);
	}

	@Override
	public SentryId captureProfileChunk(ProfileChunk profileChunk, @Nullable IScope scope) {
		return this.primary.captureProfileChunk(profileChunk, scope);
	}

	@Override
	public SentryId captureCheckIn(CheckIn checkIn, @Nullable IScope scope, @Nullable Hint hint) {
		return this.primary.captureCheckIn(checkIn, scope, hint);
	}

	@Override
	public void captureLog(SentryLogEvent logEvent, @Nullable IScope scope) {
		this.primary.captureLog(logEvent, scope);
	}

	@Override
	public void captureMetric(SentryMetricsEvent metricsEvent, @Nullable IScope scope, @Nullable Hint hint) {
		this.primary.captureMetric(metricsEvent, scope, hint);
	}

	@Override
	public void captureBatchedLogEvents(SentryLogEvents logEvents) {
		this.primary.captureBatchedLogEvents(logEvents);
	}

	@Override
	public void captureBatchedMetricsEvents(SentryMetricsEvents metricsEvents) {
		this.primary.captureBatchedMetricsEvents(metricsEvents);
	}

	@Override
	public @Nullable RateLimiter getRateLimiter() {
		return this.primary.getRateLimiter();
	}

	@Override
	public boolean isHealthy() {
		return this.primary.isHealthy();
	}

}
