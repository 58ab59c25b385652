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

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
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
		String host = System.getProperty("bench.pg.host", "127.0.0.1");
		String port = System.getProperty("bench.pg.port", "5432");
		SpringApplication application = new SpringApplication(App.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setLogStartupInfo(false);
		application.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
		this.context = application.run("--plugboard.postgres.bench-db.url=postgres://postgres@" + host + ":" + port + "/test",
				"--plugboard.postgres.bench-db.hikari.maximum-pool-size=4", "--plugboard.postgres.bench-db.flyway.enabled=false",
				"--logging.level.root=WARN");
		this.plugboard = this.context.getBean(App.class).jdbc;
		this.manualPool = new HikariDataSource();
		this.manualPool.setJdbcUrl("jdbc:postgresql://" + host + ":" + port + "/test");
		this.manualPool.setUsername("postgres");
		this.manualPool.setMaximumPoolSize(4);
		this.manual = new JdbcTemplate(this.manualPool);
		this.manual.execute("CREATE TABLE IF NOT EXISTS plugboard_bench (id INT PRIMARY KEY, v TEXT)");
		this.manual.execute("INSERT INTO plugboard_bench SELECT g, 'value-' || g FROM generate_series(1, 1000) g "
				+ "ON CONFLICT (id) DO NOTHING");
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.manualPool.close();
		this.context.close();
	}

	@Benchmark
	public String plugboardSelect() {
		return this.plugboard.queryForObject("SELECT v FROM plugboard_bench WHERE id = ?", String.class, nextId());
	}

	@Benchmark
	public String manualSelect() {
		return this.manual.queryForObject("SELECT v FROM plugboard_bench WHERE id = ?", String.class, nextId());
	}

	private static int nextId() {
		return ThreadLocalRandom.current().nextInt(1, 1001);
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
