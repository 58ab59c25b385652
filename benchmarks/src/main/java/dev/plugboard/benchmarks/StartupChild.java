package dev.plugboard.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * One measured startup in a fresh JVM: two PostgreSQL, two Redis and one RabbitMQ instance,
 * either through Plugboard or wired by hand the way applications do it without it. Both end with
 * one round trip to every store, so both are ready to serve. Prints
 * {@code RESULT <ms> <rss KiB> <heap KiB>}.
 */
public final class StartupChild {

	private StartupChild() {
	}

	public static void main(String[] args) throws Exception {
		long start = System.nanoTime();
		boolean plugboard = args[0].equals("plugboard");
		String pg = "postgres://postgres@" + env("PLUGBOARD_TEST_PG_HOST", "127.0.0.1") + ":"
				+ env("PLUGBOARD_TEST_PG_PORT", "5432") + "/test";
		List<String> properties = new ArrayList<>(List.of("--logging.level.root=WARN"));
		if (plugboard) {
			properties.addAll(List.of("--plugboard.postgres.users-db.url=" + pg, "--plugboard.postgres.users-db.primary=true",
					"--plugboard.postgres.analytics-db.url=" + pg, "--plugboard.redis.session-cache.url=redis://127.0.0.1:6379/7",
					"--plugboard.redis.session-cache.primary=true", "--plugboard.redis.data-cache.url=redis://127.0.0.1:6379/8",
					"--plugboard.rabbitmq.events.url=amqp://guest:guest@127.0.0.1:5672/"));
		}
		else {
			properties.add("--spring.autoconfigure.exclude=dev.plugboard.core.PlugboardAutoConfiguration,"
					+ "dev.plugboard.postgres.autoconfigure.PostgresAutoConfiguration,"
					+ "dev.plugboard.redis.autoconfigure.RedisAutoConfiguration,"
					+ "dev.plugboard.rabbitmq.autoconfigure.RabbitAutoConfiguration");
		}
		SpringApplication application = new SpringApplication(plugboard ? PlugboardApp.class : ManualApp.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		try (ConfigurableApplicationContext context = application.run(properties.toArray(String[]::new))) {
			long ready = (System.nanoTime() - start) / 1_000_000;
			for (JdbcTemplate jdbc : context.getBeansOfType(JdbcTemplate.class).values()) {
				jdbc.queryForObject("SELECT 1", Integer.class);
			}
			for (StringRedisTemplate redis : context.getBeansOfType(StringRedisTemplate.class).values()) {
				redis.hasKey("plugboard:bench");
			}
			for (RabbitTemplate rabbit : context.getBeansOfType(RabbitTemplate.class).values()) {
				rabbit.execute((channel) -> channel.isOpen());
			}
			long elapsed = (System.nanoTime() - start) / 1_000_000;
			System.gc();
			long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
			long probes = context.getBeanProvider(dev.plugboard.Plugboard.class)
				.stream()
				.flatMap((registry) -> registry.instances().stream())
				.map(dev.plugboard.PlugInstance::startupDuration)
				.filter(java.util.Objects::nonNull)
				.mapToLong(java.time.Duration::toMillis)
				.max()
				.orElse(0);
			System.out.println("RESULT " + elapsed + " " + rss() + " " + heap + " " + ready + " " + probes);
		}
		System.exit(0);
	}

	private static long rss() throws Exception {
		for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", ""));
			}
		}
		return -1;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class PlugboardApp {

	}

	/**
	 * The same beans wired by hand, as an application does without Plugboard.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ManualApp {

		private static HikariDataSource pool(String name) {
			HikariDataSource dataSource = new HikariDataSource();
			dataSource.setJdbcUrl("jdbc:postgresql://" + env("PLUGBOARD_TEST_PG_HOST", "127.0.0.1") + ":"
					+ env("PLUGBOARD_TEST_PG_PORT", "5432") + "/test");
			dataSource.setUsername("postgres");
			dataSource.setPoolName(name);
			return dataSource;
		}

		@Bean
		@Primary
		HikariDataSource usersDataSource() {
			return pool("users-db");
		}

		@Bean
		HikariDataSource analyticsDataSource() {
			return pool("analytics-db");
		}

		@Bean
		@Primary
		JdbcTemplate usersJdbcTemplate(DataSource usersDataSource) {
			return new JdbcTemplate(usersDataSource);
		}

		@Bean
		JdbcTemplate analyticsJdbcTemplate(@Qualifier("analyticsDataSource") DataSource dataSource) {
			return new JdbcTemplate(dataSource);
		}

		@Bean
		@Primary
		JdbcClient usersJdbcClient(DataSource usersDataSource) {
			return JdbcClient.create(usersDataSource);
		}

		@Bean
		JdbcClient analyticsJdbcClient(@Qualifier("analyticsDataSource") DataSource dataSource) {
			return JdbcClient.create(dataSource);
		}

		@Bean
		@Primary
		JdbcTransactionManager usersTransactionManager(DataSource usersDataSource) {
			return new JdbcTransactionManager(usersDataSource);
		}

		@Bean
		JdbcTransactionManager analyticsTransactionManager(@Qualifier("analyticsDataSource") DataSource dataSource) {
			return new JdbcTransactionManager(dataSource);
		}

		@Bean
		@Primary
		LettuceConnectionFactory sessionCacheRedisConnectionFactory() {
			RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration("127.0.0.1", 6379);
			configuration.setDatabase(7);
			return new LettuceConnectionFactory(configuration);
		}

		@Bean
		LettuceConnectionFactory dataCacheRedisConnectionFactory() {
			RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration("127.0.0.1", 6379);
			configuration.setDatabase(8);
			return new LettuceConnectionFactory(configuration);
		}

		@Bean
		@Primary
		StringRedisTemplate sessionCacheTemplate(RedisConnectionFactory sessionCacheRedisConnectionFactory) {
			return new StringRedisTemplate(sessionCacheRedisConnectionFactory);
		}

		@Bean
		StringRedisTemplate dataCacheTemplate(
				@Qualifier("dataCacheRedisConnectionFactory") RedisConnectionFactory connectionFactory) {
			return new StringRedisTemplate(connectionFactory);
		}

		@Bean
		CachingConnectionFactory eventsConnectionFactory() {
			CachingConnectionFactory factory = new CachingConnectionFactory("127.0.0.1", 5672);
			factory.setUsername("guest");
			factory.setPassword("guest");
			return factory;
		}

		@Bean
		RabbitTemplate eventsRabbitTemplate(CachingConnectionFactory eventsConnectionFactory) {
			return new RabbitTemplate(eventsConnectionFactory);
		}

		@Bean
		RabbitAdmin eventsRabbitAdmin(CachingConnectionFactory eventsConnectionFactory) {
			return new RabbitAdmin(eventsConnectionFactory);
		}

	}

}
