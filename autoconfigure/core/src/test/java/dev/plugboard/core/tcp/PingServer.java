package dev.plugboard.core.tcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import dev.plugboard.core.testing.TcpProxy;

/**
 * A real TCP server for the engine's tests: answers {@code PING} with {@code PONG <version>}. It
 * can be stopped and started again on the same port.
 */
public final class PingServer implements AutoCloseable {

	private final int port;

	private volatile ServerSocket server;

	public PingServer() {
		this(TcpProxy.freePort());
	}

	public PingServer(int port) {
		this.port = port;
	}

	public int port() {
		return this.port;
	}

	public synchronized PingServer start() throws IOException {
		if (this.server != null && !this.server.isClosed()) {
			return this;
		}
		ServerSocket socket = new ServerSocket();
		socket.setReuseAddress(true);
		socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
		this.server = socket;
		Thread thread = new Thread(() -> serve(socket), "ping-server-" + this.port);
		thread.setDaemon(true);
		thread.start();
		return this;
	}

	private void serve(ServerSocket socket) {
		while (!socket.isClosed()) {
			try {
				Socket client = socket.accept();
				Thread handler = new Thread(() -> handle(client), "ping-client-" + this.port);
				handler.setDaemon(true);
				handler.start();
			}
			catch (IOException ex) {
				// stopped
			}
		}
	}

	private void handle(Socket client) {
		try (client) {
			BufferedReader reader = new BufferedReader(
					new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
			OutputStream out = client.getOutputStream();
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.equals("PING")) {
					out.write("PONG ping-server/1.0\n".getBytes(StandardCharsets.US_ASCII));
					out.flush();
				}
			}
		}
		catch (IOException ex) {
			// client went away
		}
	}

	public synchronized void stop() {
		if (this.server != null) {
			try {
				this.server.close();
			}
			catch (IOException ex) {
				// already closed
			}
		}
	}

	@Override
	public void close() {
		stop();
	}

}
