package dev.plugboard.benchmarks.relay;

import java.nio.charset.StandardCharsets;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.plugboard.Plug;
import dev.plugboard.redis.RedisInstance;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.stereotype.Component;

/**
 * Relays messages between the nodes through Redis pub/sub on the {@code bus} instance: each
 * node publishes what its clients write and delivers what it hears to its own clients. The bus
 * is non-critical: while it is down a node still serves the clients connected to it.
 */
@Component
class ChatBus implements MessageListener {

	private static final Log logger = LogFactory.getLog(ChatBus.class);

	private final RedisInstance bus;

	private final ChatRooms rooms;

	private final JsonMapper json;

	private final String channel;

	ChatBus(@Plug("bus") RedisInstance bus, ChatRooms rooms, JsonMapper json, ChatProperties properties) {
		this.bus = bus;
		this.rooms = rooms;
		this.json = json;
		this.channel = properties.channel();
		bus.subscribe(this.channel, this);
	}

	/**
	 * Relay a message to every node, this one included; if the bus is down, deliver it on
	 * this node only.
	 * @param message the message
	 * @return the frame as the clients get it
	 */
	String relay(ChatMessage message) {
		String frame = this.json.writeValueAsString(message);
		try {
			this.bus.publish(this.channel, frame);
			return frame;
		}
		catch (DataAccessException ex) {
			logger.debug("Bus down, delivering on this node only: " + ex.getMessage());
			String nodeOnly = this.json.writeValueAsString(message.onThisNodeOnly());
			this.rooms.send(message.room(), nodeOnly);
			return nodeOnly;
		}
	}

	@Override
	public void onMessage(Message message, byte[] pattern) {
		String frame = new String(message.getBody(), StandardCharsets.UTF_8);
		ChatMessage chat = this.json.readValue(frame, ChatMessage.class);
		this.rooms.send(chat.room(), frame);
	}

}
