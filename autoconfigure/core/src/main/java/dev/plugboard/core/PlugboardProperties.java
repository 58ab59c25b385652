package dev.plugboard.core;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of Plugboard itself; the instances live under {@code plugboard.<type>.<instance>}.
 *
 * @author Plugboard
 */
@ConfigurationProperties("plugboard")
public class PlugboardProperties {

	/**
	 * Prefix of toolkit-style environment variables: with MYSERVICE,
	 * MYSERVICE_PRIMARY_DB_HOST sets plugboard.postgres.primary-db.host.
	 */
	private @Nullable String envPrefix;

	public @Nullable String getEnvPrefix() {
		return this.envPrefix;
	}

	public void setEnvPrefix(@Nullable String envPrefix) {
		this.envPrefix = envPrefix;
	}

}
