package dev.plugboard.benchmarks;

import java.util.concurrent.ThreadLocalRandom;

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
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A SET followed by a GET through Plugboard's {@code StringRedisTemplate} and through one built by
 * hand on a {@link LettuceConnectionFactory}, against the same server and database.
 */
@State(Scope.Benchmark)
public class RedisHotPath {

	private ConfigurableApplicationContext context;

	private StringRedisTemplate plugboard;

	private LettuceConnectionFactory manualFactory;

	private StringRedisTemplate manual;

	@Setup(Level.Trial)
	public void setUp() {
		SpringApplication application = new SpringApplication(App.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		this.context = application.run("--plugboard.redis.bench-cache.url=redis://127.0.0.1:6379/9",
				"--logging.level.root=WARN",
				"--spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration");
		this.plugboard = this.context.getBean(App.class).redis;
		RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration("127.0.0.1", 6379);
		configuration.setDatabase(9);
		this.manualFactory = new LettuceConnectionFactory(configuration);
		this.manualFactory.afterPropertiesSet();
		this.manual = new StringRedisTemplate(this.manualFactory);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.manualFactory.destroy();
		this.context.close();
	}

	@Benchmark
	public String plugboardSetGet() {
		String key = "plugboard:bench:" + ThreadLocalRandom.current().nextInt(1000);
		this.plugboard.opsForValue().set(key, "value");
		return this.plugboard.opsForValue().get(key);
	}

	@Benchmark
	public String manualSetGet() {
		String key = "plugboard:bench:" + ThreadLocalRandom.current().nextInt(1000);
		this.manual.opsForValue().set(key, "value");
		return this.manual.opsForValue().get(key);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		final StringRedisTemplate redis;

		App(@Plug("bench-cache") StringRedisTemplate redis) {
			this.redis = redis;
		}

	}

}
