package dev.plugboard.core.tcp;

import java.time.Duration;

/**
 * Settings of the test integration.
 */
@org.springframework.boot.context.properties.ConfigurationProperties("plugboard.tcp.*")
public class TcpSettings extends dev.plugboard.core.spi.InstanceSettings {

	private String host;

	private Integer port;

	private String username;

	private String password;

	private Duration readTimeout = Duration.ofSeconds(5);

	private final Pool pool = new Pool();

	public String getHost() {
		return this.host;
	}

	public void setHost(String host) {
		this.host = host;
	}

	public Integer getPort() {
		return this.port;
	}

	public void setPort(Integer port) {
		this.port = port;
	}

	public String getUsername() {
		return this.username;
	}

	public void setUsername(String username) {
		this.username = username;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public Pool getPool() {
		return this.pool;
	}

	public static class Pool {

		private int maximumSize = 4;

		public int getMaximumSize() {
			return this.maximumSize;
		}

		public void setMaximumSize(int maximumSize) {
			this.maximumSize = maximumSize;
		}

	}

}
