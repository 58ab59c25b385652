package dev.plugboard.core.spi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationPropertiesSource;

/**
 * The settings every named instance has, whatever its type, bound from
 * {@code plugboard.<type>.<instance>.*}. Each integration's settings class extends it.
 *
 * @author Plugboard
 */
@ConfigurationPropertiesSource
public class InstanceSettings {

	/**
	 * Whether the instance is enabled. A disabled instance registers no beans.
	 */
	private boolean enabled = true;

	/**
	 * Whether the application refuses to start without the instance and reports itself down
	 * while it is unreachable. Defaults to true for postgres and rabbitmq, false for redis.
	 */
	private @Nullable Boolean critical;

	/**
	 * Whether the instance's beans are the @Primary ones of its type. A lone instance is
	 * primary by default.
	 */
	private @Nullable Boolean primary;

	/**
	 * Connection URL (DSN) in a scheme of the instance's type (such as postgres://, redis:// or
	 * amqp://), carrying user, password, host, port and database or virtual host. Discrete
	 * settings such as host or port win over the parts of the URL. discovery://service/… finds
	 * the host and port through Spring Cloud's DiscoveryClient at every new connection.
	 */
	private @Nullable String url;

	// The nested groups' fields are named apart from their properties: Spring Boot 4.1's
	// configuration processor takes a subclass's view of an inherited field that shares its name
	// with a group of the source metadata for a second, distinct 'startup' property, and fails.

	private final Startup startupSettings = new Startup();

	private final Health healthSettings = new Health();

	private final Shutdown shutdownSettings = new Shutdown();

	private final Discovery discoverySettings = new Discovery();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable Boolean getCritical() {
		return this.critical;
	}

	public void setCritical(@Nullable Boolean critical) {
		this.critical = critical;
	}

	public @Nullable Boolean getPrimary() {
		return this.primary;
	}

	public void setPrimary(@Nullable Boolean primary) {
		this.primary = primary;
	}

	public @Nullable String getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable String url) {
		this.url = url;
	}

	public Startup getStartup() {
		return this.startupSettings;
	}

	public Health getHealth() {
		return this.healthSettings;
	}

	public Shutdown getShutdown() {
		return this.shutdownSettings;
	}

	public Discovery getDiscovery() {
		return this.discoverySettings;
	}

	@Override
	public String toString() {
		return "InstanceSettings[enabled=" + this.enabled + ", critical=" + this.critical + ", primary="
				+ this.primary + ", url=" + ConnectionUrl.mask(this.url) + "]";
	}

	/**
	 * Startup settings.
	 */
	@ConfigurationPropertiesSource
	public static class Startup {

		/**
		 * How long to keep trying to reach the instance at startup before it is failed
		 * (critical) or degraded (non-critical).
		 */
		private Duration timeout = Duration.ofSeconds(30);

		/**
		 * Pause between two attempts to reach the instance, at startup and while degraded.
		 */
		private Duration retryInterval = Duration.ofSeconds(1);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getRetryInterval() {
			return this.retryInterval;
		}

		public void setRetryInterval(Duration retryInterval) {
			this.retryInterval = retryInterval;
		}

	}

	/**
	 * Health settings.
	 */
	@ConfigurationPropertiesSource
	public static class Health {

		/**
		 * Whether the instance contributes to the actuator health endpoint.
		 */
		private boolean enabled = true;

		/**
		 * Upper bound of one health check or startup probe; a slower answer counts as down.
		 */
		private Duration timeout = Duration.ofSeconds(2);

		/**
		 * How often a running instance is checked in the background so that an outage is
		 * noticed without a health request. Zero switches background checks off.
		 */
		private Duration interval = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

	}

	/**
	 * Shutdown settings.
	 */
	@ConfigurationPropertiesSource
	public static class Shutdown {

		/**
		 * How long consumers may take to finish in-flight work before the instance's pools
		 * are closed.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * Service discovery settings, for an instance whose URL is discovery://service/….
	 */
	@ConfigurationPropertiesSource
	public static class Discovery {

		/**
		 * Tags that a service instance must carry to be used, such as primary.
		 */
		private List<String> tags = new ArrayList<>();

		/**
		 * How long the passing instances of the service are reused before the discovery client
		 * is asked again (in the background; connections never wait for it once one answer is
		 * known).
		 */
		private Duration cacheTtl = Duration.ofSeconds(1);

		public List<String> getTags() {
			return this.tags;
		}

		public void setTags(List<String> tags) {
			this.tags = tags;
		}

		public Duration getCacheTtl() {
			return this.cacheTtl;
		}

		public void setCacheTtl(Duration cacheTtl) {
			this.cacheTtl = cacheTtl;
		}

	}

}
