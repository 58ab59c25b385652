package dev.plugboard.sentry.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import io.sentry.Breadcrumb;
import io.sentry.EventProcessor;
import io.sentry.Hint;
import io.sentry.IScopes;
import io.sentry.ISentryClient;
import io.sentry.Scope;
import io.sentry.Scopes;
import io.sentry.ScopesAdapter;
import io.sentry.Sentry;
import io.sentry.SentryClient;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.InstanceContext;
import dev.plugboard.core.spi.PlugAssignments;
import dev.plugboard.core.spi.PlugboardPhases;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.ClassUtils;

/**
 * The Sentry client, scopes and transport of one instance, and its shutdown: a flush bounded
 * by {@code shutdown.timeout}. The primary instance is Sentry's global one ({@code Sentry.init});
 * the others are independent clients and scopes that nothing global knows of.
 *
 * @author Plugboard
 */
final class InstanceSentry implements SmartLifecycle {

	/** After every store has stopped, so that their errors at shutdown are still reported. */
	static final int PHASE = PlugboardPhases.STORES - 1;

	private static final boolean LOGBACK_PRESENT = ClassUtils.isPresent("io.sentry.logback.SentryAppender",
			InstanceSentry.class.getClassLoader())
			&& ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", InstanceSentry.class.getClassLoader());

	private final String name;

	private final boolean primary;

	private final SentryOptions options;

	private final ISentryClient client;

	private final IScopes scopes;

	private final InstanceTransport transport;

	private final Duration shutdownTimeout;

	private final @Nullable Runnable detachLogback;

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile boolean running;

	private InstanceSentry(String name, boolean primary, SentryOptions options, ISentryClient client, IScopes scopes,
			InstanceTransport transport, Duration shutdownTimeout, @Nullable Runnable detachLogback) {
		this.name = name;
		this.primary = primary;
		this.options = options;
		this.client = client;
		this.scopes = scopes;
		this.transport = transport;
		this.shutdownTimeout = shutdownTimeout;
		this.detachLogback = detachLogback;
	}

	static InstanceSentry create(InstanceContext<SentrySettings> context, SentryRoutes routes) {
		SentrySettings settings = context.settings();
		InstanceTransport[] transport = new InstanceTransport[1];
		SentryOptions options = options(context, transport);
		Duration shutdownTimeout = settings.getShutdown().getTimeout();
		if (!context.definition().primary()) {
			SentryClient client = new SentryClient(options);
			Scope global = new Scope(options);
			global.bindClient(client);
			IScopes scopes = new Scopes(new Scope(options), new Scope(options), global, "plugboard:" + context.name());
			return new InstanceSentry(context.name(), false, options, client, scopes, transport[0], shutdownTimeout, null);
		}
		Sentry.init(options);
		ISentryClient client = Sentry.getGlobalScope().getClient();
		PackageRoutes<ISentryClient> clients = routes.clients(context.beanFactory());
		if (!clients.isEmpty()) {
			Sentry.getGlobalScope().bindClient(new RoutingClient(client, clients));
		}
		Runnable detach = (LOGBACK_PRESENT && settings.getLogging().isEnabled()) ? SentryLogback.attach(settings) : null;
		return new InstanceSentry(context.name(), true, options, client, ScopesAdapter.getInstance(), transport[0],
				shutdownTimeout, detach);
	}

	private static SentryOptions options(InstanceContext<SentrySettings> context, InstanceTransport[] transport) {
		SentrySettings settings = context.settings();
		SentryOptions options = new SentryOptions();
		options.setDsn(settings.getUrl());
		options.setEnvironment(settings.getEnvironment());
		options.setRelease((settings.getRelease() != null) ? settings.getRelease() : gitCommitId());
		if (settings.getServerName() != null) {
			options.setServerName(settings.getServerName());
		}
		options.setSampleRate(settings.getSampleRate());
		options.setTracesSampleRate(settings.getTracesSampleRate());
		settings.getTags().forEach(options::setTag);
		settings.getInAppIncludes().forEach(options::addInAppInclude);
		options.setSendDefaultPii(settings.isSendDefaultPii());
		options.setMaxQueueSize(settings.getMaxQueueSize());
		options.setMaxBreadcrumbs(settings.getMaxBreadcrumbs());
		long shutdownMillis = settings.getShutdown().getTimeout().toMillis();
		options.setShutdownTimeoutMillis(shutdownMillis);
		options.setFlushTimeoutMillis(shutdownMillis);
		options.setTransportFactory((sentryOptions, request) -> {
			transport[0] = new InstanceTransport(context.name(), sentryOptions, request, settings.getMaxQueueSize(),
					settings.getSendTimeout());
			return transport[0];
		});
		List<SentryOptions.BeforeSendCallback> beforeSend = assigned(context, SentryOptions.BeforeSendCallback.class);
		if (!beforeSend.isEmpty()) {
			options.setBeforeSend((event, hint) -> beforeSend(beforeSend, event, hint));
		}
		List<SentryOptions.BeforeBreadcrumbCallback> beforeBreadcrumb = assigned(context,
				SentryOptions.BeforeBreadcrumbCallback.class);
		if (!beforeBreadcrumb.isEmpty()) {
			options.setBeforeBreadcrumb((breadcrumb, hint) -> beforeBreadcrumb(beforeBreadcrumb, breadcrumb, hint));
		}
		assigned(context, EventProcessor.class).forEach(options::addEventProcessor);
		return options;
	}

	private static <T> List<T> assigned(InstanceContext<SentrySettings> context, Class<T> type) {
		return PlugAssignments.ordered(context, type, PlugAssignments.assigned(context, type, "Sentry"));
	}

	private static @Nullable SentryEvent beforeSend(List<SentryOptions.BeforeSendCallback> callbacks,
			SentryEvent event, Hint hint) {
		SentryEvent current = event;
		for (SentryOptions.BeforeSendCallback callback : callbacks) {
			current = callback.execute(current, hint);
			if (current == null) {
				return null;
			}
		}
		return current;
	}

	private static @Nullable Breadcrumb beforeBreadcrumb(List<SentryOptions.BeforeBreadcrumbCallback> callbacks,
			Breadcrumb breadcrumb, Hint hint) {
		Breadcrumb current = breadcrumb;
		for (SentryOptions.BeforeBreadcrumbCallback callback : callbacks) {
			current = callback.execute(current, hint);
			if (current == null) {
				return null;
			}
		}
		return current;
	}

	/** The release Sentry's own starter uses when none is set: the commit of git.properties. */
	private static @Nullable String gitCommitId() {
		try (InputStream in = InstanceSentry.class.getClassLoader().getResourceAsStream("git.properties")) {
			if (in == null) {
				return null;
			}
			Properties git = new Properties();
			git.load(in);
			String id = git.getProperty("git.commit.id");
			return (id != null) ? id : git.getProperty("git.commit.id.full");
		}
		catch (IOException ex) {
			return null;
		}
	}

	SentryOptions options() {
		return this.options;
	}

	ISentryClient client() {
		return this.client;
	}

	IScopes scopes() {
		return this.scopes;
	}

	InstanceTransport transport() {
		return this.transport;
	}

	Map<String, Object> details() {
		return this.transport.details();
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		close();
	}

	/** Every instance of the phase flushes at the same time, each within its own timeout. */
	@Override
	public void stop(Runnable callback) {
		Thread closer = new Thread(() -> {
			try {
				close();
			}
			finally {
				callback.run();
			}
		}, "sentry-" + this.name + "-shutdown");
		closer.setDaemon(true);
		closer.start();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/** Flush what is queued within {@code shutdown.timeout}, then close; idempotent. */
	public void close() {
		this.running = false;
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.transport.shutdownWithin(this.shutdownTimeout);
		if (this.detachLogback != null) {
			this.detachLogback.run();
		}
		if (this.primary) {
			ISentryClient global = Sentry.getGlobalScope().getClient();
			boolean ours = global == this.client
					|| (global instanceof RoutingClient routing && routing.primary() == this.client);
			if (ours) {
				Sentry.close();
				return;
			}
		}
		this.client.close(false);
	}

	@Override
	public String toString() {
		return "InstanceSentry[" + this.name + (this.primary ? ", primary" : "") + "]";
	}

}
