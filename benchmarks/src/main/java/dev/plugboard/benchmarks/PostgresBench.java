package dev.plugboard.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the PostgreSQL hot-path benchmarks share: the application with one instance
 * {@code bench-db} on the shared server, the by-hand pool with the same settings, and the
 * table both read.
 */
final class PostgresBench {

	static final String HOST = System.getProperty("bench.pg.host", "127.0.0.1");

	static final String PORT = System.getProperty("bench.pg.port", "5432");

	static final String URL = "postgres://postgres@" + HOST + ":" + PORT + "/test";

	private PostgresBench() {
	}

	/**
	 * Start an application whose instance {@code bench-db} has a pool of 4 and no migrations.
	 * @param application the application class
	 * @param arguments further arguments
	 * @return the running context
	 */
	static ConfigurableApplicationContext start(Class<?> application, String... arguments) {
		SpringApplication spring = new SpringApplication(application);
		spring.setWebApplicationType(WebApplicationType.NONE);
		spring.setLogStartupInfo(false);
		spring.setBannerMode(Banner.Mode.OFF);
		List<String> all = new ArrayList<>(List.of("--plugboard.postgres.bench-db.url=" + URL,
				"--plugboard.postgres.bench-db.hikari.maximum-pool-size=4",
				"--plugboard.postgres.bench-db.flyway.enabled=false", "--logging.level.root=WARN"));
		all.addAll(List.of(arguments));
		return spring.run(all.toArray(String[]::new));
	}

	/**
	 * The pool a developer would build by hand, with the same settings as the instance's.
	 * @return the pool
	 */
	static HikariDataSource manualPool() {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl("jdbc:postgresql://" + HOST + ":" + PORT + "/test");
		pool.setUsername("postgres");
		pool.setMaximumPoolSize(4);
		return pool;
	}

	/**
	 * Create and fill the table of 1000 rows that the benchmarks read.
	 * @param dataSource where
	 */
	static void createTable(DataSource dataSource) {
		JdbcTemplate setup = new JdbcTemplate(dataSource);
		setup.execute("CREATE TABLE IF NOT EXISTS plugboard_bench (id INT PRIMARY KEY, v TEXT)");
		setup.execute("INSERT INTO plugboard_bench SELECT g, 'value-' || g FROM generate_series(1, 1000) g "
				+ "ON CONFLICT (id) DO NOTHING");
	}

	/**
	 * A random id of the table.
	 * @return 1 to 1000
	 */
	static int nextId() {
		return ThreadLocalRandom.current().nextInt(1, 1001);
	}

}
