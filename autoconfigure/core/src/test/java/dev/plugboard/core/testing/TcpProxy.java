package dev.plugboard.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a random loopback port that the test controls: it forwards to a target, stalls
 * (accepts and never answers), cuts every connection, or refuses new ones. It never touches the
 * server behind it.
 */
public final class TcpProxy implements AutoCloseable {

	/** What the proxy does with traffic. */
	public enum Mode {

		/** Forward both ways. */
		FORWARD,

		/** Accept connections, swallow what clients send, never answer. */
		STALL

	}

	private volatile String targetHost;

	private volatile int targetPort;

	private final int port;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile ServerSocket server;

	private volatile Mode mode = Mode.FORWARD;

	private volatile boolean closed;

	private volatile long connectDelayMillis;

	/**
	 * Start a proxy to a target.
	 * @param targetHost the target host
	 * @param targetPort the target port
	 * @throws IOException if no port can be bound
	 */
	public TcpProxy(String targetHost, int targetPort) throws IOException {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		this.server = bind(0);
		this.port = this.server.getLocalPort();
		startAccepting(this.server);
	}

	/**
	 * Send new connections to another server (a failover behind a load balancer); open
	 * connections stay where they are until {@link #cut()}.
	 * @param host the new target host
	 * @param port the new target port
	 */
	public void retarget(String host, int port) {
		this.targetHost = host;
		this.targetPort = port;
	}

	public int port() {
		return this.port;
	}

	public String address() {
		return "127.0.0.1:" + this.port;
	}

	/**
	 * Change what the proxy does with new and existing traffic.
	 * @param mode the mode
	 */
	public void mode(Mode mode) {
		this.mode = mode;
	}

	/**
	 * Delay every new connection before it is forwarded, like a slow network or a server slow
	 * to accept.
	 * @param millis the delay in milliseconds
	 */
	public void connectDelay(long millis) {
		this.connectDelayMillis = millis;
	}

	/**
	 * Close every open connection (clients see a reset or EOF); new connections are still
	 * accepted.
	 */
	public void cut() {
		for (Socket socket : this.sockets) {
			closeQuietly(socket);
		}
		this.sockets.clear();
	}

	/**
	 * Stop listening and cut every connection: clients see "connection refused".
	 */
	public synchronized void refuse() {
		closeQuietly(this.server);
		cut();
	}

	/**
	 * Listen again on the same port after {@link #refuse()}.
	 * @throws IOException if the port cannot be bound again
	 */
	public synchronized void restore() throws IOException {
		if (!this.server.isClosed()) {
			return;
		}
		this.server = bind(this.port);
		startAccepting(this.server);
	}

	private static ServerSocket bind(int port) throws IOException {
		ServerSocket socket = new ServerSocket();
		socket.setReuseAddress(true);
		socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		return socket;
	}

	private void startAccepting(ServerSocket serverSocket) {
		Thread thread = new Thread(() -> accept(serverSocket), "tcp-proxy-" + this.port);
		thread.setDaemon(true);
		thread.start();
	}

	private void accept(ServerSocket serverSocket) {
		while (!serverSocket.isClosed() && !this.closed) {
			try {
				Socket client = serverSocket.accept();
				this.sockets.add(client);
				if (this.mode == Mode.STALL) {
					pump(client.getInputStream(), OutputStream.nullOutputStream(), client, null);
					continue;
				}
				if (this.connectDelayMillis > 0) {
					Thread connector = new Thread(() -> forward(client), "tcp-proxy-connect-" + this.port);
					connector.setDaemon(true);
					connector.start();
				}
				else {
					forward(client);
				}
			}
			catch (IOException ex) {
				// closed or refused
			}
		}
	}

	private void forward(Socket client) {
		try {
			if (this.connectDelayMillis > 0) {
				Thread.sleep(this.connectDelayMillis);
			}
			Socket upstream = new Socket();
			upstream.connect(new InetSocketAddress(this.targetHost, this.targetPort), 2000);
			this.sockets.add(upstream);
			pump(client.getInputStream(), upstream.getOutputStream(), client, upstream);
			pump(upstream.getInputStream(), client.getOutputStream(), upstream, client);
		}
		catch (IOException ex) {
			closeQuietly(client);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			closeQuietly(client);
		}
	}

	private void pump(InputStream in, OutputStream out, Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[8192];
			try {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					if (this.mode == Mode.STALL) {
						continue;
					}
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// connection ended
			}
			finally {
				closeQuietly(from);
				if (to != null) {
					closeQuietly(to);
				}
			}
		}, "tcp-proxy-pump-" + this.port);
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// already closed
		}
	}

	@Override
	public void close() {
		this.closed = true;
		refuse();
	}

	/**
	 * A free loopback port, for servers the tests start themselves.
	 * @return the port
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}


}
