package dev.plugboard.samples.mariadb;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.InstanceSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of one MariaDB instance, bound from {@code plugboard.mariadb.<instance>.*}.
 *
 * @author Plugboard
 */
@ConfigurationProperties("plugboard.mariadb.*")
public class MariaDbSettings extends InstanceSettings {

	/**
	 * Host of the server. Wins over the host in the URL.
	 */
	private @Nullable String host;

	/**
	 * Port of the server. Wins over the port in the URL; 3306 when neither gives one.
	 */
	private @Nullable Integer port;

	/**
	 * Database to connect to. Wins over the database in the URL.
	 */
	private @Nullable String database;

	/**
	 * Login user. Wins over the user in the URL.
	 */
	private @Nullable String username;

	/**
	 * Login password. Wins over the password in the URL.
	 */
	private @Nullable String password;

	/**
	 * Largest number of connections in the instance's pool (HikariCP's maximum-pool-size).
	 */
	private int maximumPoolSize = 10;

	/**
	 * How long a caller waits for a connection from the pool (HikariCP's connection-timeout).
	 */
	private Duration connectionTimeout = Duration.ofSeconds(5);

	public @Nullable String getHost() {
		return this.host;
	}

	public void setHost(@Nullable String host) {
		this.host = host;
	}

	public @Nullable Integer getPort() {
		return this.port;
	}

	public void setPort(@Nullable Integer port) {
		this.port = port;
	}

	public @Nullable String getDatabase() {
		return this.database;
	}

	public void setDatabase(@Nullable String database) {
		this.database = database;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public int getMaximumPoolSize() {
		return this.maximumPoolSize;
	}

	public void setMaximumPoolSize(int maximumPoolSize) {
		this.maximumPoolSize = maximumPoolSize;
	}

	public Duration getConnectionTimeout() {
		return this.connectionTimeout;
	}

	public void setConnectionTimeout(Duration connectionTimeout) {
		this.connectionTimeout = connectionTimeout;
	}

}
