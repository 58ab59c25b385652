package dev.plugboard.realtime.autoconfigure;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The WebSocket endpoint of one node: refuses handshakes (503) until the node answers and while
 * it shuts down, and hands frames to the node.
 *
 * @author Plugboard
 */
final class RealtimeWebSocketHandler extends TextWebSocketHandler implements HandshakeInterceptor {

	private final Engine engine;

	RealtimeWebSocketHandler(Engine engine) {
		this.engine = engine;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) {
		if (!this.engine.accepting()) {
			response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
			return false;
		}
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Exception exception) {
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		this.engine.opened(session);
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		this.engine.frame(session, message.getPayload());
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		this.engine.closed(session);
	}

}
