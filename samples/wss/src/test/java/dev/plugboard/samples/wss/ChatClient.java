package dev.plugboard.samples.wss;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client of the chat that collects the frames it receives.
 */
final class ChatClient implements AutoCloseable {

	private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

	private final WebSocket socket;

	private ChatClient(int port, String room, String name) {
		StringBuilder partial = new StringBuilder();
		URI uri = URI.create("ws://127.0.0.1:" + port + "/ws/chat?room=" + encode(room) + "&name=" + encode(name));
		this.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.buildAsync(uri, new WebSocket.Listener() {

				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					partial.append(data);
					if (last) {
						ChatClient.this.frames.add(partial.toString());
						partial.setLength(0);
					}
					webSocket.request(1);
					return null;
				}

			})
			.join();
	}

	static ChatClient connect(int port, String room, String name) {
		return new ChatClient(port, room, name);
	}

	void say(String text) {
		this.socket.sendText(text, true).join();
	}

	/**
	 * The next frame received, waiting up to five seconds.
	 * @return the frame, or {@code null} if none came
	 */
	String next() throws InterruptedException {
		return this.frames.poll(5, TimeUnit.SECONDS);
	}

	/**
	 * A frame received within a short time, if any.
	 * @param wait how long to wait
	 * @return the frame, or {@code null}
	 */
	String within(Duration wait) throws InterruptedException {
		return this.frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS).exceptionally((ex) -> null)
			.join();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
