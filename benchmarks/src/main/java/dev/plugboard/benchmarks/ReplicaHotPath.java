package dev.plugboard.benchmarks;

import java.util.concurrent.ThreadLocalRandom;

import com.zaxxer.hikari.HikariDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.plugboard.Plug;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A read-only transaction with one primary-key SELECT through an instance with a replica (the
 * routing: a lazy connection proxy that takes the connection from the replica's pool) and the
 * same transaction on a plain HikariCP pool. The replica is the same server, so that only the
 * routing differs.
 */
@State(Scope.Benchmark)
public class ReplicaHotPath {

	private ConfigurableApplicationContext context;

	private JdbcTemplate plugboard;

	private TransactionTemplate plugboardReadOnly;

	private HikariDataSource manualPool;

	private JdbcTemplate manual;

	private TransactionTemplate manualReadOnly;

	@Setup(Level.Trial)
	public void setUp() {
		String host = System.getProperty("bench.pg.host", "127.0.0.1");
		String port = System.getProperty("bench.pg.port", "5432");
		SpringApplication application = new SpringApplication(App.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setLogStartupInfo(false);
		application.setBannerMode(Banner.Mode.OFF);
		this.context = application.run("--plugboard.postgres.bench-db.url=postgres://postgres@" + host + ":" + port + "/test",
				"--plugboard.postgres.bench-db.replicas[0].url=postgres://postgres@" + host + ":" + port + "/test",
				"--plugboard.postgres.bench-db.hikari.maximum-pool-size=4", "--plugboard.postgres.bench-db.flyway.enabled=false",
				"--logging.level.root=WARN");
		App app = this.context.getBean(App.class);
		this.plugboard = app.jdbc;
		this.plugboardReadOnly = readOnly(app.transactionManager);
		this.manualPool = new HikariDataSource();
		this.manualPool.setJdbcUrl("jdbc:postgresql://" + host + ":" + port + "/test");
		this.manualPool.setUsername("postgres");
		this.manualPool.setMaximumPoolSize(4);
		this.manual = new JdbcTemplate(this.manualPool);
		this.manualReadOnly = readOnly(new JdbcTransactionManager(this.manualPool));
		this.manual.execute("CREATE TABLE IF NOT EXISTS plugboard_bench (id INT PRIMARY KEY, v TEXT)");
		this.manual.execute("INSERT INTO plugboard_bench SELECT g, 'value-' || g FROM generate_series(1, 1000) g "
				+ "ON CONFLICT (id) DO NOTHING");
	}

	private static TransactionTemplate readOnly(PlatformTransactionManager transactionManager) {
		TransactionTemplate template = new TransactionTemplate(transactionManager);
		template.setReadOnly(true);
		return template;
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.manualPool.close();
		this.context.close();
	}

	@Benchmark
	public String plugboardReadOnlySelect() {
		return this.plugboardReadOnly.execute((status) -> this.plugboard
			.queryForObject("SELECT v FROM plugboard_bench WHERE id = ?", String.class, nextId()));
	}

	@Benchmark
	public String manualReadOnlySelect() {
		return this.manualReadOnly.execute((status) -> this.manual
			.queryForObject("SELECT v FROM plugboard_bench WHERE id = ?", String.class, nextId()));
	}

	private static int nextId() {
		return ThreadLocalRandom.current().nextInt(1, 1001);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		final JdbcTemplate jdbc;

		final PlatformTransactionManager transactionManager;

		App(@Plug("bench-db") JdbcTemplate jdbc, @Plug("bench-db") PlatformTransactionManager transactionManager) {
			this.jdbc = jdbc;
			this.transactionManager = transactionManager;
		}

	}

}
