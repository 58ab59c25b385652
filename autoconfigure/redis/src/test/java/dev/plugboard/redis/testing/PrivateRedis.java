package dev.plugboard.redis.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.plugboard.core.testing.TcpProxy;

/**
 * A private {@code redis-server} on a random port for fault tests: killed, restarted on the same
 * port, paused with SIGSTOP. It never touches the shared server.
 */
public final class PrivateRedis implements AutoCloseable {

	/** Stands for the server's port in extra arguments, such as {@code --tls-port {port}}. */
	public static final String PORT = "{port}";

	private final int port;

	private final Path directory;

	private final List<String> extra;

	private Process process;

	private PrivateRedis(int port, Path directory, List<String> extra) {
		this.port = port;
		this.directory = directory;
		this.extra = extra;
	}

	/**
	 * Start a server.
	 * @param extra further {@code redis-server} arguments, such as {@code --requirepass x};
	 * {@link #PORT} in them is replaced by the server's port
	 * @return the running server
	 */
	public static PrivateRedis start(String... extra) {
		try {
			PrivateRedis redis = new PrivateRedis(TcpProxy.freePort(), Files.createTempDirectory("plugboard-redis-"),
					List.of(extra));
			try {
				redis.startServer();
			}
			catch (RuntimeException ex) {
				redis.close();
				throw ex;
			}
			return redis;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	public String url() {
		return "redis://127.0.0.1:" + this.port + "/0";
	}

	/** Start (or restart) the server on its port. */
	public synchronized void startServer() {
		List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(this.port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.directory.toString()));
		this.extra.forEach((argument) -> command.add(argument.replace(PORT, String.valueOf(this.port))));
		try {
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("log").toFile())
				.start();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (System.nanoTime() < deadline) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException("redis-server exited at start on port " + this.port + ": "
							+ Files.readString(this.directory.resolve("log")));
				}
				try (Socket socket = new Socket("127.0.0.1", this.port)) {
					return;
				}
				catch (IOException ex) {
					Thread.sleep(20);
				}
			}
			// never leave a server behind that the caller cannot stop
			kill();
			throw new IllegalStateException("redis-server did not start on port " + this.port);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run redis-server", ex);
		}
		catch (InterruptedException ex) {
			kill();
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Kill the server (SIGKILL): clients see their connections drop. */
	public synchronized void kill() {
		if (this.process != null) {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void close() {
		kill();
		try (var files = Files.walk(this.directory)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// temp directory; nothing else to do
		}
	}

}
