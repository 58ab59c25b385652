package dev.plugboard.postgres.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.plugboard.core.testing.TcpProxy;

/**
 * A private PostgreSQL cluster on a random port for fault tests: {@code initdb} and
 * {@code pg_ctl} run as the {@code postgres} user in a temporary directory. It can be stopped
 * (crash) and started again on the same port; it never touches the shared server.
 */
public final class PrivatePostgres implements AutoCloseable {

	private static final String BIN = findBin();

	private final Path directory;

	private final int port;

	private final String password;

	private PrivatePostgres(Path directory, int port, String password) {
		this.directory = directory;
		this.port = port;
		this.password = password;
	}

	/**
	 * Create and start a cluster whose superuser {@code test} logs in with a password
	 * (scram-sha-256), so wrong passwords are refused.
	 * @param password the password of user {@code test}
	 * @return the running cluster
	 */
	public static PrivatePostgres start(String password) {
		try {
			Path directory = Files.createTempDirectory("plugboard-pg-");
			Path passwordFile = directory.resolve("pw");
			Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
			run("chown", "-R", "postgres:postgres", directory.toString());
			run("runuser", "-u", "postgres", "--", BIN + "/initdb", "-D", directory.resolve("data").toString(), "-U",
					"test", "--auth=scram-sha-256", "--pwfile=" + passwordFile, "-E", "UTF8", "--no-sync");
			PrivatePostgres postgres = new PrivatePostgres(directory, TcpProxy.freePort(), password);
			postgres.startServer();
			return postgres;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Start a streaming replica of this cluster on a port of its own: {@code pg_basebackup -R}
	 * from the running server, then {@code pg_ctl start}. The replica has the same user and
	 * password; {@link #crash()} and {@link #startServer()} work on it as on any cluster.
	 * @return the running replica
	 */
	public PrivatePostgres replica() {
		try {
			Path directory = Files.createTempDirectory("plugboard-pg-replica-");
			run("chown", "-R", "postgres:postgres", directory.toString());
			run("runuser", "-u", "postgres", "--", "env", "PGPASSWORD=" + this.password, BIN + "/pg_basebackup", "-D",
					directory.resolve("data").toString(), "-R", "-X", "stream", "-h", "127.0.0.1", "-p",
					String.valueOf(this.port), "-U", "test", "--no-sync");
			PrivatePostgres replica = new PrivatePostgres(directory, TcpProxy.freePort(), this.password);
			replica.startServer();
			return replica;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	public String password() {
		return this.password;
	}

	/**
	 * A URL for a database on this cluster.
	 * @param database the database
	 * @return the URL with user {@code test} and the password
	 */
	public String url(String database) {
		return "postgres://test:" + this.password + "@127.0.0.1:" + this.port + "/" + database;
	}

	/** Start (or restart) the server on its port. */
	public void startServer() {
		run("runuser", "-u", "postgres", "--", BIN + "/pg_ctl", "-D", this.directory.resolve("data").toString(), "-o",
				"-p " + this.port + " -k " + this.directory + " -c listen_addresses=127.0.0.1 -c fsync=off", "-l",
				this.directory.resolve("log").toString(), "-w", "-t", "30", "start");
	}

	/** Promote a replica made by {@link #replica()} to a primary that takes writes (a failover). */
	public void promote() {
		run("runuser", "-u", "postgres", "--", BIN + "/pg_ctl", "-D", this.directory.resolve("data").toString(), "-w",
				"promote");
	}

	/** Crash the server: immediate shutdown, clients see their connections cut. */
	public void crash() {
		run("runuser", "-u", "postgres", "--", BIN + "/pg_ctl", "-D", this.directory.resolve("data").toString(), "-m",
				"immediate", "-w", "stop");
	}

	@Override
	public void close() {
		try {
			crash();
		}
		catch (RuntimeException ex) {
			// already stopped
		}
		run("rm", "-rf", this.directory.toString());
	}

	private static String findBin() {
		try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
			return versions.sorted().reduce((a, b) -> b).orElseThrow().resolve("bin").toString();
		}
		catch (IOException ex) {
			throw new IllegalStateException("PostgreSQL binaries not found under /usr/lib/postgresql", ex);
		}
	}

	private static void run(String... command) {
		List<String> line = new ArrayList<>(List.of(command));
		try {
			Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", line) + " failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
