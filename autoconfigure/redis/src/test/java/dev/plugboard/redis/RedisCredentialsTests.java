package dev.plugboard.redis;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.plugboard.InstanceState;
import dev.plugboard.PlugInstance;
import dev.plugboard.Plugboard;
import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.core.testing.FailureAnalyses;
import dev.plugboard.redis.autoconfigure.RedisAutoConfiguration;
import dev.plugboard.redis.testing.PrivateRedis;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * URLs copied from {@code spring.data.redis.url} mean the same under an instance: user
 * information without a colon ({@code redis://secret@host}) is the password, as Spring Boot
 * reads it, and it is never shown. Against a private {@code redis-server --requirepass}.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisCredentialsTests {

	private static final String PASSWORD = "The-Pass-42";

	private static PrivateRedis redis;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, RedisAutoConfiguration.class));

	@BeforeAll
	static void start() {
		redis = PrivateRedis.start("--requirepass", PASSWORD);
	}

	@AfterAll
	static void stop() {
		redis.close();
	}

	@Test
	void passwordOnlyUserInformationIsThePassword(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("plugboard.redis.cache.url=redis://" + PASSWORD + "@127.0.0.1:" + redis.port() + "/2",
					"plugboard.redis.cache.critical=true", "plugboard.redis.cache.startup.timeout=5s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				PlugInstance cache = context.getBean(Plugboard.class).find("redis", "cache").orElseThrow();
				assertThat(cache.state()).isEqualTo(InstanceState.RUNNING);
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				template.opsForValue().set("plugboard:credentials", "in");
				assertThat(template.opsForValue().get("plugboard:credentials")).isEqualTo("in");
				Health health = ((HealthIndicator) context
					.getBean("redisHealthContributor", CompositeHealthContributor.class)
					.getContributor("cache")).health();
				assertThat(cache.endpoint()).isEqualTo("127.0.0.1:" + redis.port() + "/2");
				assertThat(health.getDetails().toString()).doesNotContain(PASSWORD);
			});
		assertThat(output).doesNotContain(PASSWORD);
	}

	@Test
	void aWrongPasswordOnlyUrlIsNeverShown(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("plugboard.redis.cache.url=redis://Wr0ng-Only-9@127.0.0.1:" + redis.port(),
					"plugboard.redis.cache.critical=true", "plugboard.redis.cache.startup.timeout=300ms")
			.run((context) -> {
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getAction()).contains("'plugboard.redis.cache.password'");
				assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("Wr0ng-Only-9");
			});
		this.contextRunner
			.withPropertyValues("plugboard.redis.cache.url=redis://Wr0ng-Only-9@127.0.0.1:" + redis.port(),
					"plugboard.redis.cache.startup.timeout=300ms")
			.run((context) -> {
				PlugInstance cache = context.getBean(Plugboard.class).find("redis", "cache").orElseThrow();
				assertThat(cache.state()).isEqualTo(InstanceState.DEGRADED);
				assertThat(cache.lastError()).contains("WRONGPASS").doesNotContain("Wr0ng-Only-9");
			});
		assertThat(output).doesNotContain("Wr0ng-Only-9");
	}

	@Test
	void aMalformedUrlWithPasswordOnlyUserInformationNeverShowsIt(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("plugboard.redis.cache.url=redis://" + PASSWORD + "@127.0.0.1:" + redis.port() + "/two")
			.run((context) -> {
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'plugboard.redis.cache.url'")
					.contains("PLUGBOARD_REDIS_CACHE_URL")
					.contains("redis://******@127.0.0.1:" + redis.port() + "/two")
					.contains("is not a number");
				assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(PASSWORD);
				StringWriter trace = new StringWriter();
				context.getStartupFailure().printStackTrace(new PrintWriter(trace));
				assertThat(trace.toString()).as("the whole failure, causes included").doesNotContain(PASSWORD);
			});
		assertThat(output).doesNotContain(PASSWORD);
	}

}
