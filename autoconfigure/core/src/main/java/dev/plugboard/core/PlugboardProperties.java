package dev.plugboard.core;

import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.UnknownSettings;

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

	/**
	 * What an unknown setting of an instance, or an unknown type, does at startup: fail (name
	 * it and stop) or warn (log it and go on, for configuration shared between versions).
	 */
	private UnknownSettings unknownSettings = UnknownSettings.FAIL;

	public UnknownSettings getUnknownSettings() {
		return this.unknownSettings;
	}

	public void setUnknownSettings(UnknownSettings unknownSettings) {
		this.unknownSettings = unknownSettings;
	}

	public @Nullable String getEnvPrefix() {
		return this.envPrefix;
	}

	public void setEnvPrefix(@Nullable String envPrefix) {
		this.envPrefix = envPrefix;
	}

}
