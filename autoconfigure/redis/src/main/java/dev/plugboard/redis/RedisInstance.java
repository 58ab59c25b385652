package dev.plugboard.redis;

import dev.plugboard.InstanceHandle;
import dev.plugboard.PlugInstance;

import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * One Redis instance's clients in one object; inject it with
 * {@code @Plug("session-cache") RedisInstance sessions}.
 *
 * @author Plugboard
 */
public final class RedisInstance extends InstanceHandle {

	private final LettuceConnectionFactory connectionFactory;

	private final StringRedisTemplate stringTemplate;

	private final RedisTemplate<Object, Object> template;

	private final RedisMessageListenerContainer listenerContainer;

	private final RedisCacheManager cacheManager;

	/**
	 * Create a handle.
	 * @param instance the managed instance
	 * @param connectionFactory the connection factory
	 * @param stringTemplate the string template
	 * @param template the object template
	 * @param listenerContainer the pub/sub listener container
	 * @param cacheManager the cache manager
	 */
	public RedisInstance(PlugInstance instance, LettuceConnectionFactory connectionFactory,
			StringRedisTemplate stringTemplate, RedisTemplate<Object, Object> template,
			RedisMessageListenerContainer listenerContainer, RedisCacheManager cacheManager) {
		super(instance);
		this.connectionFactory = connectionFactory;
		this.stringTemplate = stringTemplate;
		this.template = template;
		this.listenerContainer = listenerContainer;
		this.cacheManager = cacheManager;
	}

	/**
	 * The instance's Lettuce connection factory.
	 * @return the connection factory
	 */
	public LettuceConnectionFactory connectionFactory() {
		return this.connectionFactory;
	}

	/**
	 * The template for string keys and values.
	 * @return the string template
	 */
	public StringRedisTemplate stringTemplate() {
		return this.stringTemplate;
	}

	/**
	 * The template for objects, serialized with JDK serialization as in Spring Boot.
	 * @return the object template
	 */
	public RedisTemplate<Object, Object> template() {
		return this.template;
	}

	/**
	 * The pub/sub listener container of this instance.
	 * @return the listener container
	 */
	public RedisMessageListenerContainer listenerContainer() {
		return this.listenerContainer;
	}

	/**
	 * The cache manager that stores its caches in this instance.
	 * @return the cache manager
	 */
	public RedisCacheManager cacheManager() {
		return this.cacheManager;
	}

	/**
	 * Publish a message on a channel of this instance.
	 * @param channel the channel
	 * @param message the message
	 * @return the number of subscribers that received it
	 */
	public Long publish(String channel, String message) {
		return this.stringTemplate.convertAndSend(channel, message);
	}

	/**
	 * Subscribe to a channel of this instance.
	 * @param channel the channel
	 * @param listener the listener
	 */
	public void subscribe(String channel, MessageListener listener) {
		this.listenerContainer.addMessageListener(listener, new ChannelTopic(channel));
	}

	/**
	 * Stop delivering a channel's messages to a listener.
	 * @param channel the channel
	 * @param listener the listener
	 */
	public void unsubscribe(String channel, MessageListener listener) {
		this.listenerContainer.removeMessageListener(listener, new ChannelTopic(channel));
	}

}
