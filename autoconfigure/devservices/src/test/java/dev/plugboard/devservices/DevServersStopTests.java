package dev.plugboard.devservices;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.rabbitmq.client.ConnectionFactory;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Servers of a private {@link DevServers}, started and stopped here: they write nothing outside
 * the system temp directory, and stopping them stops their processes and deletes their
 * directories. Also prints what a server costs against a database or virtual host on a running
 * one (figures for docs/devservices.md, not asserted).
 */
class DevServersStopTests {

	private static final Path TEMP = realPath(Path.of(System.getProperty("java.io.tmpdir")));

	private static final Path WORKING_DIRECTORY = realPath(Path.of("").toAbsolutePath());

	private final DevServicesProperties properties = new DevServicesProperties();

	@Test
	void serversWriteOnlyToTheTempDirectoryAndStoppingRemovesEverything() throws Exception {
		Set<String> workingDirectoryBefore = listing(WORKING_DIRECTORY);
		Set<Long> processesBefore = descendants();
		DevServers servers = new DevServers();
		List<URI> addresses = new ArrayList<>();
		Set<Long> started = new TreeSet<>();
		try {
			long start = System.nanoTime();
			DevConnection postgres = new PostgresDevService(servers).connect(DevInstance.named("postgres", "stop-db"),
					false, this.properties);
			Duration postgresStart = since(start);
			start = System.nanoTime();
			DevConnection otherDatabase = new PostgresDevService(servers)
				.connect(new DevInstance("postgres", "stop-audit-db", null, "auditor", "s3cret", null), false,
						this.properties);
			Duration database = since(start);
			DevConnection redis = new RedisDevService(servers)
				.connect(new DevInstance("redis", "stop-cache", null, null, "s3cret", null), false, this.properties);
			start = System.nanoTime();
			DevConnection amqp = new RabbitDevService(servers).connect(DevInstance.named("rabbitmq", "stop-events"),
					false, this.properties);
			Duration brokerStart = since(start);
			start = System.nanoTime();
			DevConnection otherVirtualHost = new RabbitDevService(servers)
				.connect(DevInstance.named("rabbitmq", "stop-audit"), false, this.properties);
			Duration virtualHost = since(start);
			System.out.printf("Dev server costs: embedded PostgreSQL server %d ms, another database on it %d ms; "
					+ "embedded AMQP broker %d ms, another virtual host on it %d ms%n", postgresStart.toMillis(),
					database.toMillis(), brokerStart.toMillis(), virtualHost.toMillis());
			for (DevConnection connection : List.of(postgres, otherDatabase, redis, amqp, otherVirtualHost)) {
				addresses.add(URI.create(connection.url()));
			}
			answers(postgres, otherDatabase, redis, amqp, otherVirtualHost);
			assertThat(servers.directories()).hasSize(4)
				.allSatisfy((directory) -> assertThat(realPath(directory)).startsWith(TEMP));
			started.addAll(descendants());
			started.removeAll(processesBefore);
			assertThat(started).as("the PostgreSQL and Redis processes").isNotEmpty();
			for (long pid : started) {
				writesOnlyToTheTempDirectory(pid);
			}
		}
		finally {
			servers.stop();
		}
		assertThat(servers.directories()).allSatisfy((directory) -> assertThat(directory).doesNotExist());
		for (URI address : addresses) {
			assertThat(refusesConnections(address.getPort())).as(address.getScheme() + " port").isTrue();
		}
		assertThat(listing(WORKING_DIRECTORY)).isEqualTo(workingDirectoryBefore);
		for (long pid : started) {
			// the postmaster has exited when stop returns; its children follow within moments
			ProcessHandle.of(pid).ifPresent((process) -> process.onExit().orTimeout(30, TimeUnit.SECONDS).join());
		}
	}

	@Test
	void aFailedStartLeavesNothingToStop() {
		DevServers servers = new DevServers();
		assertThat(catchThrowable(() -> servers.get("broken", () -> {
			throw new IllegalStateException("cannot start");
		}))).hasMessage("cannot start");
		assertThat(servers.get("broken", () -> "started")).isEqualTo("started");
		servers.stop();
	}

	@Test
	void stopClosesInReverseOrderTriesAllAndForgetsTheServers() throws IOException {
		DevServers servers = new DevServers();
		List<String> closed = new ArrayList<>();
		Path directory = servers.directory("plugboard-stop-test-");
		Files.writeString(directory.resolve("file"), "x");
		servers.onStop(() -> closed.add("first"));
		servers.onStop(() -> {
			throw new IOException("broken");
		});
		servers.onStop(() -> closed.add("last"));
		assertThat(servers.get("key", () -> "one")).isEqualTo("one");
		assertThat(catchThrowable(servers::stop))
			.hasMessage("Could not stop every dev server")
			.satisfies((ex) -> assertThat(ex.getSuppressed()).singleElement()
				.satisfies((suppressed) -> assertThat(suppressed).hasMessage("broken")));
		assertThat(closed).containsExactly("last", "first");
		assertThat(directory).doesNotExist();
		assertThat(servers.get("key", () -> "two")).as("forgotten, so started again").isEqualTo("two");
		servers.stop();
	}

	private static void answers(DevConnection postgres, DevConnection otherDatabase, DevConnection redis,
			DevConnection amqp, DevConnection otherVirtualHost) throws Exception {
		for (DevConnection connection : List.of(postgres, otherDatabase)) {
			URI uri = URI.create(connection.url());
			try (Connection jdbc = DriverManager.getConnection(
					"jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath(), "postgres", "");
					Statement statement = jdbc.createStatement();
					ResultSet result = statement.executeQuery("SELECT 1")) {
				assertThat(result.next()).isTrue();
			}
		}
		RedisClient client = RedisClient.create();
		try (StatefulRedisConnection<String, String> connection = client.connect(RedisURI.create(redis.url()))) {
			assertThat(connection.sync().ping()).isEqualTo("PONG");
		}
		finally {
			client.shutdown();
		}
		for (DevConnection connection : List.of(amqp, otherVirtualHost)) {
			ConnectionFactory factory = new ConnectionFactory();
			factory.setUri(connection.url());
			factory.newConnection().close();
		}
	}

	/**
	 * The process's working directory and the files it has open are in the temp directory (or
	 * are devices); seen through /proc where there is one.
	 */
	private static void writesOnlyToTheTempDirectory(long pid) throws IOException {
		Path proc = Path.of("/proc", Long.toString(pid));
		if (!Files.isDirectory(proc)) {
			return;
		}
		String command = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
		assertThat(realPath(Files.readSymbolicLink(proc.resolve("cwd")))).as("working directory of " + command)
			.startsWith(TEMP);
		try (Stream<Path> descriptors = Files.list(proc.resolve("fd"))) {
			for (Path descriptor : descriptors.toList()) {
				String target;
				try {
					target = Files.readSymbolicLink(descriptor).toString();
				}
				catch (IOException ex) {
					continue; // closed meanwhile
				}
				if (target.startsWith("/") && !target.startsWith("/dev/") && !target.startsWith("/proc/")) {
					assertThat(Path.of(target)).as("file open in " + command).startsWith(TEMP);
				}
			}
		}
	}

	private static Set<Long> descendants() {
		return ProcessHandle.current()
			.descendants()
			.filter(ProcessHandle::isAlive)
			.map(ProcessHandle::pid)
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private static boolean refusesConnections(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	private static Set<String> listing(Path directory) throws IOException {
		// everything below the module directory but target/, with modification times
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter((file) -> !file.startsWith(directory.resolve("target")))
				.map((file) -> directory.relativize(file) + "@" + file.toFile().lastModified())
				.collect(Collectors.toCollection(TreeSet::new));
		}
	}

	private static Duration since(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

	private static Path realPath(Path path) {
		try {
			return path.toRealPath();
		}
		catch (IOException ex) {
			return path.toAbsolutePath().normalize();
		}
	}

}
