package dev.plugboard.core.tcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The "client library" of the test integration: one connection per ping.
 */
public final class TcpClient implements AutoCloseable {

	private final String host;

	private final int port;

	private final Duration readTimeout;

	private volatile boolean closed;

	public TcpClient(String host, int port, Duration readTimeout) {
		this.host = host;
		this.port = port;
		this.readTimeout = readTimeout;
	}

	public String ping() throws IOException {
		if (this.closed) {
			throw new IllegalStateException("client closed");
		}
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(this.host, this.port), 1000);
			socket.setSoTimeout((int) this.readTimeout.toMillis());
			socket.getOutputStream().write("PING\n".getBytes(StandardCharsets.US_ASCII));
			String answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
			if (answer == null || !answer.startsWith("PONG ")) {
				throw new IOException("unexpected answer: " + answer);
			}
			return answer.substring(5);
		}
	}

	public boolean isClosed() {
		return this.closed;
	}

	@Override
	public void close() {
		this.closed = true;
	}

	@Override
	public String toString() {
		return "TcpClient[" + this.host + ":" + this.port + "]";
	}

}
