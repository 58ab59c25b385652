package dev.plugboard.realtime.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.InstanceSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesSource;
import org.springframework.util.unit.DataSize;

/**
 * Settings of one realtime node, bound from {@code plugboard.realtime.<instance>.*}; the
 * {@code *} in the metadata prefix stands for the instance name.
 *
 * @author Plugboard
 */
@ConfigurationProperties("plugboard.realtime.*")
public class RealtimeSettings extends InstanceSettings {

	/**
	 * Path of the node's WebSocket endpoint. Defaults to /connection/websocket for the primary
	 * instance and /connection/<instance>/websocket for the others.
	 */
	private @Nullable String path;

	/**
	 * Name of a plugboard.redis instance that carries publications, history and presence
	 * between the application's nodes. Without it, the node keeps them in memory (one
	 * application node).
	 */
	private @Nullable String broker;

	/**
	 * Whether clients may connect without a token, as anonymous users.
	 */
	private boolean allowAnonymous = false;

	/**
	 * How often the node pings each client; a client that does not answer within
	 * pong-timeout is disconnected.
	 */
	private Duration pingInterval = Duration.ofSeconds(25);

	/**
	 * How long the node waits for a client's pong.
	 */
	private Duration pongTimeout = Duration.ofSeconds(8);

	/**
	 * How long a client's presence entry lives without being refreshed (in Redis, other nodes
	 * drop entries of a node that stopped).
	 */
	private Duration presenceTtl = Duration.ofSeconds(60);

	/**
	 * How long a channel's position (epoch and top offset) is kept after its last publication.
	 */
	private Duration historyMetaTtl = Duration.ofDays(1);

	/**
	 * Prefix of the node's keys and pub/sub channels in the broker's Redis.
	 */
	private String redisPrefix = "plugboard.realtime";

	/**
	 * Most bytes waiting to be written to one client; a slower client is disconnected.
	 */
	private int clientQueueLimit = 4 * 1024 * 1024;

	/**
	 * Largest frame a client may send (a batch of commands, a publication); a larger one
	 * closes the connection (1009). The servlet container's own default is 8 KiB.
	 */
	private DataSize messageSizeLimit = DataSize.ofKilobytes(64);

	/**
	 * Channel namespaces: channel "chat:room1" belongs to namespace "chat"; channels without a
	 * colon belong to namespace "default". A channel of an undeclared namespace is unknown.
	 */
	private Map<String, Namespace> namespaces = new LinkedHashMap<>();

	private final Token tokenSettings = new Token();

	public @Nullable String getPath() {
		return this.path;
	}

	public void setPath(@Nullable String path) {
		this.path = path;
	}

	public @Nullable String getBroker() {
		return this.broker;
	}

	public void setBroker(@Nullable String broker) {
		this.broker = broker;
	}

	public boolean isAllowAnonymous() {
		return this.allowAnonymous;
	}

	public void setAllowAnonymous(boolean allowAnonymous) {
		this.allowAnonymous = allowAnonymous;
	}

	public Duration getPingInterval() {
		return this.pingInterval;
	}

	public void setPingInterval(Duration pingInterval) {
		this.pingInterval = pingInterval;
	}

	public Duration getPongTimeout() {
		return this.pongTimeout;
	}

	public void setPongTimeout(Duration pongTimeout) {
		this.pongTimeout = pongTimeout;
	}

	public Duration getPresenceTtl() {
		return this.presenceTtl;
	}

	public void setPresenceTtl(Duration presenceTtl) {
		this.presenceTtl = presenceTtl;
	}

	public Duration getHistoryMetaTtl() {
		return this.historyMetaTtl;
	}

	public void setHistoryMetaTtl(Duration historyMetaTtl) {
		this.historyMetaTtl = historyMetaTtl;
	}

	public String getRedisPrefix() {
		return this.redisPrefix;
	}

	public void setRedisPrefix(String redisPrefix) {
		this.redisPrefix = redisPrefix;
	}

	public int getClientQueueLimit() {
		return this.clientQueueLimit;
	}

	public void setClientQueueLimit(int clientQueueLimit) {
		this.clientQueueLimit = clientQueueLimit;
	}

	public DataSize getMessageSizeLimit() {
		return this.messageSizeLimit;
	}

	public void setMessageSizeLimit(DataSize messageSizeLimit) {
		this.messageSizeLimit = messageSizeLimit;
	}

	public Map<String, Namespace> getNamespaces() {
		return this.namespaces;
	}

	public void setNamespaces(Map<String, Namespace> namespaces) {
		this.namespaces = namespaces;
	}

	public Token getToken() {
		return this.tokenSettings;
	}

	/**
	 * Connection and subscription tokens.
	 */
	@ConfigurationPropertiesSource
	public static class Token {

		/**
		 * Secret of HS256 (or HS384/HS512) connection and subscription tokens, with
		 * Centrifugo's claims (sub, exp, info, channels; channel for subscriptions).
		 */
		private @Nullable String hmacSecret;

		/**
		 * Audience that tokens must name, if any.
		 */
		private @Nullable String audience;

		/**
		 * Issuer that tokens must name, if any.
		 */
		private @Nullable String issuer;

		public @Nullable String getHmacSecret() {
			return this.hmacSecret;
		}

		public void setHmacSecret(@Nullable String hmacSecret) {
			this.hmacSecret = hmacSecret;
		}

		public @Nullable String getAudience() {
			return this.audience;
		}

		public void setAudience(@Nullable String audience) {
			this.audience = audience;
		}

		public @Nullable String getIssuer() {
			return this.issuer;
		}

		public void setIssuer(@Nullable String issuer) {
			this.issuer = issuer;
		}

	}

	/**
	 * The options of the channels of one namespace.
	 */
	@ConfigurationPropertiesSource
	public static class Namespace {

		/**
		 * Whether clients may subscribe without a subscription token.
		 */
		private boolean subscribe = true;

		/**
		 * Whether subscribed clients may publish to the namespace's channels.
		 */
		private boolean publish = false;

		/**
		 * How many publications each channel keeps in its history; 0 keeps none.
		 */
		private int historySize = 0;

		/**
		 * How long a channel's history is kept after its last publication.
		 */
		private Duration historyTtl = Duration.ZERO;

		/**
		 * Whether the node tracks who is subscribed to each channel.
		 */
		private boolean presence = false;

		/**
		 * Whether subscribers that ask for it receive join and leave messages.
		 */
		private boolean joinLeave = false;

		/**
		 * Whether a client that resubscribes gets the publications it missed (needs history).
		 */
		private boolean recovery = false;

		public boolean isSubscribe() {
			return this.subscribe;
		}

		public void setSubscribe(boolean subscribe) {
			this.subscribe = subscribe;
		}

		public boolean isPublish() {
			return this.publish;
		}

		public void setPublish(boolean publish) {
			this.publish = publish;
		}

		public int getHistorySize() {
			return this.historySize;
		}

		public void setHistorySize(int historySize) {
			this.historySize = historySize;
		}

		public Duration getHistoryTtl() {
			return this.historyTtl;
		}

		public void setHistoryTtl(Duration historyTtl) {
			this.historyTtl = historyTtl;
		}

		public boolean isPresence() {
			return this.presence;
		}

		public void setPresence(boolean presence) {
			this.presence = presence;
		}

		public boolean isJoinLeave() {
			return this.joinLeave;
		}

		public void setJoinLeave(boolean joinLeave) {
			this.joinLeave = joinLeave;
		}

		public boolean isRecovery() {
			return this.recovery;
		}

		public void setRecovery(boolean recovery) {
			this.recovery = recovery;
		}

		boolean hasHistory() {
			return this.historySize > 0 && !this.historyTtl.isZero();
		}

	}

}
