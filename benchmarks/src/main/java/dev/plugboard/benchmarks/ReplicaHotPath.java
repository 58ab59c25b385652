package dev.plugboard.benchmarks;


import com.zaxxer.hikari.HikariDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.plugboard.Plug;

import org.springframework.boot.SpringBootConfiguration;
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
		this.context = PostgresBench.start(App.class, "--plugboard.postgres.bench-db.replicas[0].url=" + PostgresBench.URL);
		App app = this.context.getBean(App.class);
		this.plugboard = app.jdbc;
		this.plugboardReadOnly = readOnly(app.transactionManager);
		this.manualPool = PostgresBench.manualPool();
		this.manual = new JdbcTemplate(this.manualPool);
		this.manualReadOnly = readOnly(new JdbcTransactionManager(this.manualPool));
		PostgresBench.createTable(this.manualPool);
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
			.queryForObject("SELECT v FROM plugboard_bench WHERE id = ?", String.class, PostgresBench.nextId()));
	}

	@Benchmark
	public String manualReadOnlySelect() {
		return this.manualReadOnly.execute((status) -> this.manual
			.queryForObject("SELECT v FROM plugboard_bench WHERE id = ?", String.class, PostgresBench.nextId()));
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
