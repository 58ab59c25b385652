package dev.plugboard.devservices;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of dev services: servers started for named instances that have no connection
 * configured.
 *
 * @author Plugboard
 */
@ConfigurationProperties("plugboard.devservices")
public class DevServicesProperties {

	/**
	 * Whether to start servers for unconfigured instances, by default true except in a
	 * repackaged (java -jar) application.
	 */
	private @Nullable Boolean enabled;

	/**
	 * How to serve instances: auto (containers where a Docker engine answers, embedded servers
	 * where not), container or embedded.
	 */
	private Mode mode = Mode.AUTO;

	/**
	 * Container image for PostgreSQL instances.
	 */
	private String postgresImage = "postgres:16-alpine";

	/**
	 * Container image for Redis instances.
	 */
	private String redisImage = "redis:7-alpine";

	/**
	 * Container image for RabbitMQ instances.
	 */
	private String rabbitmqImage = "rabbitmq:4-alpine";

	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(@Nullable Boolean enabled) {
		this.enabled = enabled;
	}

	public Mode getMode() {
		return this.mode;
	}

	public void setMode(Mode mode) {
		this.mode = mode;
	}

	public String getPostgresImage() {
		return this.postgresImage;
	}

	public void setPostgresImage(String postgresImage) {
		this.postgresImage = postgresImage;
	}

	public String getRedisImage() {
		return this.redisImage;
	}

	public void setRedisImage(String redisImage) {
		this.redisImage = redisImage;
	}

	public String getRabbitmqImage() {
		return this.rabbitmqImage;
	}

	public void setRabbitmqImage(String rabbitmqImage) {
		this.rabbitmqImage = rabbitmqImage;
	}

	/**
	 * How instances are served.
	 */
	public enum Mode {

		/** Containers where a Docker engine answers, embedded servers where not. */
		AUTO,

		/** Always containers (fails where no Docker engine answers). */
		CONTAINER,

		/** Always embedded servers, even where Docker answers. */
		EMBEDDED

	}

}
