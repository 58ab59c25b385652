package dev.plugboard.benchmarks.relay;

import java.time.Instant;

import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /ws/chat?room=<room>&name=<name>}: a client gets the room's history, then every
 * message written in the room on any node; what it sends is written to the room.
 */
@Component
class ChatSocketHandler extends TextWebSocketHandler {

	private static final String ROOM = "room";

	private static final String NAME = "name";

	private static final String SESSION = "session";

	private final ChatRooms rooms;

	private final ChatHistory history;

	private final ChatBus bus;

	private final String node;

	ChatSocketHandler(ChatRooms rooms, ChatHistory history, ChatBus bus, ChatProperties properties) {
		this.rooms = rooms;
		this.history = history;
		this.bus = bus;
		this.node = properties.node();
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		MultiValueMap<String, String> query = UriComponentsBuilder.fromUri(session.getUri()).build().getQueryParams();
		String room = query.getFirst(ROOM);
		String name = query.getFirst(NAME);
		session.getAttributes().put(ROOM, (room != null && !room.isBlank()) ? room : "lobby");
		session.getAttributes().put(NAME, (name != null && !name.isBlank()) ? name : "anonymous");
		// sends come from the bus listener and from this handler: serialize them
		WebSocketSession concurrent = new ConcurrentWebSocketSessionDecorator(session, 5_000, 256 * 1024);
		session.getAttributes().put(SESSION, concurrent);
		for (String frame : this.history.recent(room(session))) {
			ChatRooms.send(concurrent, frame);
		}
		this.rooms.join(room(session), concurrent);
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		ChatMessage chat = new ChatMessage(room(session), (String) session.getAttributes().get(NAME),
				message.getPayload(), Instant.now(), this.node, false);
		this.history.append(chat.room(), this.bus.relay(chat));
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		Object concurrent = session.getAttributes().get(SESSION);
		if (concurrent instanceof WebSocketSession registered) {
			this.rooms.leave(room(session), registered);
		}
	}

	private static String room(WebSocketSession session) {
		return (String) session.getAttributes().get(ROOM);
	}

}
