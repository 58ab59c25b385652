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

/**
 * A primary-key SELECT through Plugboard's {@code JdbcTemplate} and through one built by hand on
 * a HikariCP pool with the same settings. Plugboard's beans are the real client objects, so the
 * two should not differ beyond measurement error.
 */
@State(Scope.Benchmark)
public class JdbcHotPath {

	static final String URL_PROPERTY = "bench.pg.url";

	private ConfigurableApplicationContext context;

	private JdbcTemplate plugboard;

	private HikariDataSource manualPool;

	private JdbcTemplate manual;

	@Setup(Level.Trial)
	public void setUp() {
		this.context = PostgresBench.start(App.class);
		this.plugboard = this.context.getBean(App.class).jdbc;
		this.manualPool = PostgresBench.manualPool();
		this.manual = new JdbcTemplate(this.manualPool);
		PostgresBench.createTable(this.manualPool);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.manualPool.close();
		this.context.close();
	}

	@Benchmark
	public String plugboardSelect() {
		return this.plugboard.queryForObject("SELECT v FROM plugboard_bench WHERE id = ?", String.class, PostgresBench.nextId());
	}

	@Benchmark
	public String manualSelect() {
		return this.manual.queryForObject("SELECT v FROM plugboard_bench WHERE id = ?", String.class, PostgresBench.nextId());
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		final JdbcTemplate jdbc;

		App(@Plug("bench-db") JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

	}

}
