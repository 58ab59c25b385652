package dev.plugboard.benchmarks.relay;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The clients connected to this node, by room.
 */
@Component
class ChatRooms {

	private static final Log logger = LogFactory.getLog(ChatRooms.class);

	private final Map<String, Set<WebSocketSession>> rooms = new ConcurrentHashMap<>();

	void join(String room, WebSocketSession session) {
		this.rooms.computeIfAbsent(room, (key) -> ConcurrentHashMap.newKeySet()).add(session);
	}

	void leave(String room, WebSocketSession session) {
		this.rooms.computeIfPresent(room, (key, sessions) -> {
			sessions.remove(session);
			return sessions.isEmpty() ? null : sessions;
		});
	}

	/**
	 * Send a frame to every client of a room on this node.
	 * @param room the room
	 * @param frame the frame
	 */
	void send(String room, String frame) {
		for (WebSocketSession session : this.rooms.getOrDefault(room, Set.of())) {
			send(session, frame);
		}
	}

	static void send(WebSocketSession session, String frame) {
		try {
			if (session.isOpen()) {
				session.sendMessage(new TextMessage(frame));
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not send to " + session.getId() + ": " + ex.getMessage());
		}
	}

}
