package dev.plugboard.realtime.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.plugboard.redis.RedisInstance;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Channels shared by every application node through one Redis instance, the way Centrifuge's
 * Redis engine keeps them: per channel a pub/sub channel, a stream of its history with a meta
 * hash (epoch, top offset) written by one atomic script per publication, and presence as a hash
 * with a sorted set of expiry times.
 *
 * @author Plugboard
 */
final class RedisBroker implements Broker {

	private static final Log logger = LogFactory.getLog(RedisBroker.class);

	/** Gives the publication the next offset, keeps it in the stream and publishes it, atomically. */
	private static final RedisScript<List> PUBLISH = RedisScript.of("""
			local epoch = redis.call('hget', KEYS[2], 'e')
			if not epoch then
			  epoch = ARGV[5]
			  redis.call('del', KEYS[1])
			  redis.call('hset', KEYS[2], 'e', epoch)
			end
			local offset = redis.call('hincrby', KEYS[2], 's', 1)
			redis.call('expire', KEYS[2], ARGV[4])
			redis.call('xadd', KEYS[1], 'MAXLEN', ARGV[2], offset .. '-0', 'd', ARGV[1])
			redis.call('expire', KEYS[1], ARGV[3])
			redis.call('publish', ARGV[6], 'p' .. offset .. ':' .. epoch .. ':' .. ARGV[1])
			return {offset, epoch}
			""", List.class);

	/** The position, and the publications after an offset (exclusive range). */
	private static final RedisScript<List> HISTORY = RedisScript.of("""
			local epoch = redis.call('hget', KEYS[2], 'e')
			if not epoch then
			  epoch = ARGV[4]
			  redis.call('hset', KEYS[2], 'e', epoch)
			  redis.call('expire', KEYS[2], ARGV[5])
			end
			local top = redis.call('hget', KEYS[2], 's') or '0'
			local entries = {}
			local limit = tonumber(ARGV[2])
			if limit ~= 0 then
			  local from = '-'
			  if ARGV[1] ~= '-' then from = '(' .. ARGV[1] .. '-0' end
			  if ARGV[3] == '1' then
			    if limit > 0 then entries = redis.call('xrevrange', KEYS[1], '+', from, 'COUNT', limit)
			    else entries = redis.call('xrevrange', KEYS[1], '+', from) end
			  else
			    if limit > 0 then entries = redis.call('xrange', KEYS[1], from, '+', 'COUNT', limit)
			    else entries = redis.call('xrange', KEYS[1], from, '+') end
			  end
			end
			return {top, epoch, entries}
			""", List.class);

	private static final RedisScript<Long> ADD_PRESENCE = RedisScript.of("""
			redis.call('zadd', KEYS[2], ARGV[3], ARGV[1])
			redis.call('hset', KEYS[1], ARGV[1], ARGV[2])
			redis.call('expire', KEYS[1], ARGV[4])
			redis.call('expire', KEYS[2], ARGV[4])
			return 1
			""", Long.class);

	private static final RedisScript<List> PRESENCE = RedisScript.of("""
			local expired = redis.call('zrangebyscore', KEYS[2], '0', ARGV[1])
			for _, client in ipairs(expired) do redis.call('hdel', KEYS[1], client) end
			redis.call('zremrangebyscore', KEYS[2], '0', ARGV[1])
			return redis.call('hgetall', KEYS[1])
			""", List.class);

	private static final RedisScript<Long> REMOVE_PRESENCE = RedisScript.of("""
			redis.call('hdel', KEYS[1], ARGV[1])
			redis.call('zrem', KEYS[2], ARGV[1])
			return 1
			""", Long.class);

	private final RedisInstance redis;

	private final String brokerName;

	private final StringRedisTemplate template;

	private final String prefix;

	/** Pub/sub channels are server-wide, keys per database: channels name the database too. */
	private final String channelPrefix;

	private final Duration presenceTtl;

	private final Duration metaTtl;

	private final Set<String> subscribed = ConcurrentHashMap.newKeySet();

	/**
	 * Writes to clients may block: they run on a thread of the broker's own, in the order Redis
	 * delivered, never on Lettuce's event loop, which would stop reading meanwhile.
	 */
	private final ExecutorService dispatcher;

	private volatile @Nullable StatefulRedisPubSubConnection<String, String> pubsub;

	private volatile @Nullable Deliveries deliveries;

	RedisBroker(RedisInstance redis, String brokerName, RealtimeSettings settings) {
		this.redis = redis;
		this.brokerName = brokerName;
		this.template = redis.stringTemplate();
		this.prefix = settings.getRedisPrefix();
		this.channelPrefix = this.prefix + "." + redis.connectionFactory().getDatabase();
		this.presenceTtl = settings.getPresenceTtl();
		this.metaTtl = settings.getHistoryMetaTtl();
		this.dispatcher = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "plugboard-realtime-" + brokerName + "-fanout");
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public synchronized void start(Deliveries deliveries) {
		this.deliveries = deliveries;
		if (this.pubsub != null) {
			return;
		}
		AbstractRedisClient client = this.redis.connectionFactory().getNativeClient();
		if (!(client instanceof RedisClient standalone)) {
			throw new IllegalStateException("The realtime broker needs a standalone Redis instance (or one with "
					+ "sentinels), not a cluster: '" + this.brokerName + "' is " + client);
		}
		StatefulRedisPubSubConnection<String, String> connection = standalone.connectPubSub();
		connection.addListener(new RedisPubSubAdapter<>() {

			@Override
			public void message(String channel, String message) {
				RedisBroker.this.dispatcher.execute(() -> deliver(channel, message));
			}

		});
		connection.sync().subscribe(controlChannel());
		if (!this.subscribed.isEmpty()) {
			connection.sync().subscribe(this.subscribed.stream().map(this::clientChannel).toArray(String[]::new));
		}
		this.pubsub = connection;
	}

	private void deliver(String redisChannel, String message) {
		Deliveries target = this.deliveries;
		if (target == null) {
			return;
		}
		try {
			if (redisChannel.equals(controlChannel())) {
				target.control(message);
				return;
			}
			String channel = redisChannel.substring(this.channelPrefix.length() + ".client.".length());
			char kind = message.charAt(0);
			switch (kind) {
				case 'p' -> {
					int first = message.indexOf(':');
					int second = message.indexOf(':', first + 1);
					long offset = Long.parseLong(message.substring(1, first));
					target.publication(channel, message.substring(second + 1), offset, message.substring(first + 1, second));
				}
				case 'j' -> target.join(channel, message.substring(1));
				case 'l' -> target.leave(channel, message.substring(1));
				default -> logger.debug("Unknown message on " + redisChannel + ": " + kind);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not deliver a message of " + redisChannel, ex);
		}
	}

	private StatefulRedisPubSubConnection<String, String> pubsub() {
		StatefulRedisPubSubConnection<String, String> connection = this.pubsub;
		if (connection == null) {
			throw new IllegalStateException("The realtime broker '" + this.brokerName + "' is not started yet");
		}
		return connection;
	}

	@Override
	public Position publish(String channel, String publication, RealtimeSettings.Namespace namespace) {
		if (!namespace.hasHistory()) {
			this.template.convertAndSend(clientChannel(channel), "p0::" + publication);
			return new Position(0, "");
		}
		List<?> result = this.template.execute(PUBLISH,
				List.of(streamKey(channel), metaKey(channel)), publication, Integer.toString(namespace.getHistorySize()),
				seconds(namespace.getHistoryTtl()), seconds(this.metaTtl), newEpoch(), clientChannel(channel));
		return new Position(number(result.get(0)), String.valueOf(result.get(1)));
	}

	@Override
	public void join(String channel, String info) {
		this.template.convertAndSend(clientChannel(channel), "j" + info);
	}

	@Override
	public void leave(String channel, String info) {
		this.template.convertAndSend(clientChannel(channel), "l" + info);
	}

	@Override
	public void subscribe(String channel) {
		if (this.subscribed.add(channel)) {
			// synchronous: once SUBSCRIBE is answered, nothing published to the channel is missed
			pubsub().sync().subscribe(clientChannel(channel));
		}
	}

	@Override
	public void unsubscribe(String channel) {
		if (this.subscribed.remove(channel)) {
			pubsub().async().unsubscribe(clientChannel(channel));
		}
	}

	@Override
	public Stream history(String channel, @Nullable Long since, int limit, boolean reverse,
			RealtimeSettings.Namespace namespace) {
		List<?> result = this.template.execute(HISTORY, List.of(streamKey(channel), metaKey(channel)),
				(since != null) ? Long.toString(since) : "-", Integer.toString(limit), reverse ? "1" : "0", newEpoch(),
				seconds(this.metaTtl));
		long top = number(result.get(0));
		String epoch = String.valueOf(result.get(1));
		List<Entry> entries = new ArrayList<>();
		if (result.size() > 2 && result.get(2) instanceof List<?> rows) {
			for (Object row : rows) {
				List<?> fields = (List<?>) row;
				String id = String.valueOf(fields.get(0));
				List<?> values = (List<?>) fields.get(1);
				entries.add(new Entry(Long.parseLong(id.substring(0, id.indexOf('-'))), String.valueOf(values.get(1))));
			}
		}
		return new Stream(entries, top, epoch);
	}

	@Override
	public void addPresence(String channel, String client, String info) {
		long expireAt = Instant.now().plus(this.presenceTtl).getEpochSecond();
		this.template.execute(ADD_PRESENCE, List.of(presenceKey(channel), presenceExpiryKey(channel)), client, info,
				Long.toString(expireAt), seconds(this.presenceTtl));
	}

	@Override
	public void removePresence(String channel, String client) {
		this.template.execute(REMOVE_PRESENCE, List.of(presenceKey(channel), presenceExpiryKey(channel)), client);
	}

	@Override
	public Map<String, String> presence(String channel) {
		List<?> flat = this.template.execute(PRESENCE, List.of(presenceKey(channel), presenceExpiryKey(channel)),
				Long.toString(Instant.now().getEpochSecond()));
		Map<String, String> result = new LinkedHashMap<>();
		for (int i = 0; i + 1 < flat.size(); i += 2) {
			result.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
		}
		return result;
	}

	@Override
	public void control(String command) {
		this.template.convertAndSend(controlChannel(), command);
	}

	@Override
	public Map<String, Object> check() {
		long start = System.nanoTime();
		String pong = this.template.execute((RedisCallback<String>) RedisConnection::ping);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("broker", "redis instance '" + this.brokerName + "'");
		details.put("brokerPing", pong);
		details.put("brokerLatencyMs", (System.nanoTime() - start) / 1_000_000.0);
		StatefulRedisPubSubConnection<String, String> connection = this.pubsub;
		details.put("brokerSubscriptions", this.subscribed.size());
		if (connection == null || !connection.isOpen()) {
			throw new IllegalStateException("the pub/sub connection to the broker '" + this.brokerName + "' is not open");
		}
		return details;
	}

	@Override
	public String describe() {
		return "redis instance '" + this.brokerName + "'";
	}

	@Override
	public synchronized void close() {
		StatefulRedisPubSubConnection<String, String> connection = this.pubsub;
		this.pubsub = null;
		if (connection != null) {
			connection.closeAsync();
		}
		this.dispatcher.shutdownNow();
	}

	private String clientChannel(String channel) {
		return this.channelPrefix + ".client." + channel;
	}

	private String controlChannel() {
		return this.channelPrefix + ".control";
	}

	private String streamKey(String channel) {
		return this.prefix + ".stream." + channel;
	}

	private String metaKey(String channel) {
		return this.prefix + ".meta." + channel;
	}

	private String presenceKey(String channel) {
		return this.prefix + ".presence.data." + channel;
	}

	private String presenceExpiryKey(String channel) {
		return this.prefix + ".presence.expire." + channel;
	}

	private static String newEpoch() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	private static String seconds(Duration duration) {
		return Long.toString(Math.max(1, duration.toSeconds()));
	}

	private static long number(Object value) {
		return (value instanceof Number number) ? number.longValue() : Long.parseLong(String.valueOf(value));
	}

}
