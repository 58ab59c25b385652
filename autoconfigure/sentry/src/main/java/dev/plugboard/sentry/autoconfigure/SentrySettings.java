package dev.plugboard.sentry.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.InstanceSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesSource;

/**
 * Settings of one Sentry instance, bound from {@code plugboard.sentry.<instance>.*}. The names
 * are those of Sentry's own Spring Boot starter ({@code sentry.*}).
 *
 * @author Plugboard
 */
@ConfigurationProperties("plugboard.sentry.*")
public class SentrySettings extends InstanceSettings {

	/**
	 * The DSN of the Sentry project, an alias of url: https://PUBLIC_KEY@o1.ingest.sentry.io/42.
	 * Its key is a secret and never shown.
	 */
	private @Nullable String dsn;

	/**
	 * Environment that events are tagged with, such as prod or staging.
	 */
	private @Nullable String environment;

	/**
	 * Release that events are tagged with; defaults to the git commit id of git.properties when
	 * the build writes one, as Sentry's starter does.
	 */
	private @Nullable String release;

	/**
	 * Server name that events carry; defaults to the host name.
	 */
	private @Nullable String serverName;

	/**
	 * Share of error events sent, from 0.0 to 1.0.
	 */
	private double sampleRate = 1.0;

	/**
	 * Share of transactions sent for tracing, from 0.0 to 1.0; unset switches tracing off.
	 */
	private @Nullable Double tracesSampleRate;

	/**
	 * Tags added to every event of the instance.
	 */
	private final Map<String, String> tags = new LinkedHashMap<>();

	/**
	 * Packages whose errors go to this instance rather than the primary one: errors logged by
	 * a logger in them, and exceptions raised from their code. Not allowed on the primary
	 * instance, which receives everything that no other instance claims.
	 */
	private final List<String> packages = new ArrayList<>();

	/**
	 * Packages whose stack frames Sentry marks as the application's own (in-app).
	 */
	private final List<String> inAppIncludes = new ArrayList<>();

	/**
	 * Whether events carry personal data: user IP address, cookies, request headers such as
	 * Authorization. Off by default, as in Sentry.
	 */
	private boolean sendDefaultPii;

	/**
	 * Most events waiting to be sent; an event captured while the queue is full is dropped
	 * (and counted), so that a stalled Sentry never blocks the application.
	 */
	private int maxQueueSize = 100;

	/**
	 * Most breadcrumbs kept per scope and sent with an event.
	 */
	private int maxBreadcrumbs = 100;

	/**
	 * Upper bound of one send to Sentry's ingest API: connecting and receiving the answer.
	 */
	private Duration sendTimeout = Duration.ofSeconds(5);

	private final Logging loggingSettings = new Logging();

	/**
	 * Whether the instance is on: not switched off with {@code enabled=false}, and not given an
	 * empty DSN, which switches the instance off as an empty DSN switches Sentry off
	 * ({@code url: ${SENTRY_DSN:}} with the variable unset).
	 */
	@Override
	public boolean isEnabled() {
		return super.isEnabled() && !isEmpty(getUrl()) && !isEmpty(this.dsn);
	}

	private static boolean isEmpty(@Nullable String dsn) {
		return dsn != null && dsn.isBlank();
	}

	public @Nullable String getDsn() {
		return this.dsn;
	}

	public void setDsn(@Nullable String dsn) {
		this.dsn = dsn;
	}

	public @Nullable String getEnvironment() {
		return this.environment;
	}

	public void setEnvironment(@Nullable String environment) {
		this.environment = environment;
	}

	public @Nullable String getRelease() {
		return this.release;
	}

	public void setRelease(@Nullable String release) {
		this.release = release;
	}

	public @Nullable String getServerName() {
		return this.serverName;
	}

	public void setServerName(@Nullable String serverName) {
		this.serverName = serverName;
	}

	public double getSampleRate() {
		return this.sampleRate;
	}

	public void setSampleRate(double sampleRate) {
		this.sampleRate = sampleRate;
	}

	public @Nullable Double getTracesSampleRate() {
		return this.tracesSampleRate;
	}

	public void setTracesSampleRate(@Nullable Double tracesSampleRate) {
		this.tracesSampleRate = tracesSampleRate;
	}

	public Map<String, String> getTags() {
		return this.tags;
	}

	public List<String> getPackages() {
		return this.packages;
	}

	public List<String> getInAppIncludes() {
		return this.inAppIncludes;
	}

	public boolean isSendDefaultPii() {
		return this.sendDefaultPii;
	}

	public void setSendDefaultPii(boolean sendDefaultPii) {
		this.sendDefaultPii = sendDefaultPii;
	}

	public int getMaxQueueSize() {
		return this.maxQueueSize;
	}

	public void setMaxQueueSize(int maxQueueSize) {
		this.maxQueueSize = maxQueueSize;
	}

	public int getMaxBreadcrumbs() {
		return this.maxBreadcrumbs;
	}

	public void setMaxBreadcrumbs(int maxBreadcrumbs) {
		this.maxBreadcrumbs = maxBreadcrumbs;
	}

	public Duration getSendTimeout() {
		return this.sendTimeout;
	}

	public void setSendTimeout(Duration sendTimeout) {
		this.sendTimeout = sendTimeout;
	}

	public Logging getLogging() {
		return this.loggingSettings;
	}

	@Override
	public String toString() {
		return "SentrySettings[url=" + SentryDsn.mask(getUrl()) + ", dsn=" + SentryDsn.mask(this.dsn) + ", environment="
				+ this.environment + ", release=" + this.release + ", packages=" + this.packages + "]";
	}

	/**
	 * Logging settings: Sentry's Logback appender, on the primary instance only.
	 */
	@ConfigurationPropertiesSource
	public static class Logging {

		/**
		 * Whether Sentry's Logback appender reports logged errors (primary instance only).
		 */
		private boolean enabled = true;

		/**
		 * Lowest level of a log event that becomes a Sentry event: ERROR, WARN, INFO, DEBUG or TRACE.
		 */
		private String minimumEventLevel = "ERROR";

		/**
		 * Lowest level of a log event that becomes a breadcrumb: ERROR, WARN, INFO, DEBUG or TRACE.
		 */
		private String minimumBreadcrumbLevel = "INFO";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getMinimumEventLevel() {
			return this.minimumEventLevel;
		}

		public void setMinimumEventLevel(String minimumEventLevel) {
			this.minimumEventLevel = minimumEventLevel;
		}

		public String getMinimumBreadcrumbLevel() {
			return this.minimumBreadcrumbLevel;
		}

		public void setMinimumBreadcrumbLevel(String minimumBreadcrumbLevel) {
			this.minimumBreadcrumbLevel = minimumBreadcrumbLevel;
		}

	}

}
