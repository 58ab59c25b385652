package dev.plugboard.benchmarks.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.plugboard.Plug;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The last messages of each room, as JSON frames in a Redis list of the {@code history}
 * instance. While that instance is down, rooms simply start without history.
 */
@Component
class ChatHistory {

	private static final Log logger = LogFactory.getLog(ChatHistory.class);

	private static final Duration KEEP = Duration.ofDays(1);

	private final StringRedisTemplate redis;

	private final int size;

	ChatHistory(@Plug("history") StringRedisTemplate redis, ChatProperties properties) {
		this.redis = redis;
		this.size = properties.historySize();
	}

	void append(String room, String frame) {
		String key = key(room);
		try {
			this.redis.opsForList().leftPush(key, frame);
			this.redis.opsForList().trim(key, 0, this.size - 1);
			this.redis.expire(key, KEEP);
		}
		catch (DataAccessException ex) {
			logger.debug("History not kept: " + ex.getMessage());
		}
	}

	/**
	 * The recent frames of a room, oldest first.
	 * @param room the room
	 * @return the frames
	 */
	List<String> recent(String room) {
		try {
			List<String> frames = new ArrayList<>(this.redis.opsForList().range(key(room), 0, this.size - 1));
			Collections.reverse(frames);
			return frames;
		}
		catch (DataAccessException ex) {
			logger.debug("No history: " + ex.getMessage());
			return List.of();
		}
	}

	private static String key(String room) {
		return "chat:history:" + room;
	}

}
