package dev.plugboard.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.InstanceState;
import dev.plugboard.PlugInstance;
import dev.plugboard.Plugboard;
import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.core.testing.FailureAnalyses;
import dev.plugboard.redis.autoconfigure.RedisAutoConfiguration;
import dev.plugboard.redis.testing.PrivateRedis;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS against a private {@code redis-server} that only speaks TLS, with a certificate from a
 * certificate authority this test creates: trusted through a Spring Boot SSL bundle, refused
 * without one.
 */
class RedisTlsTests {

	private static Path directory;

	private static PrivateRedis redis;

	private static int tlsPort;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, RedisAutoConfiguration.class,
				SslAutoConfiguration.class))
		.withPropertyValues("plugboard.redis.secure.startup.timeout=1s",
				"plugboard.redis.secure.startup.retry-interval=200ms");

	@BeforeAll
	static void start() throws Exception {
		directory = Files.createTempDirectory("plugboard-redis-tls-");
		openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
				"-subj", "/CN=Plugboard Test CA");
		openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj",
				"/CN=127.0.0.1");
		Files.writeString(directory.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
		openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out",
				"server.crt", "-days", "2", "-extfile", "san.ext");
		// the plain port is switched off: whatever answers speaks TLS
		redis = PrivateRedis.start("--port", "0", "--tls-port", PrivateRedis.PORT, "--tls-cert-file", file("server.crt"),
				"--tls-key-file", file("server.key"), "--tls-ca-cert-file", file("ca.crt"), "--tls-auth-clients", "no");
		tlsPort = redis.port();
	}

	@AfterAll
	static void stop() throws IOException {
		if (redis != null) {
			redis.close();
		}
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

	@Test
	void redissWithABundleThatTrustsTheServerWorks() {
		this.contextRunner
			.withPropertyValues("plugboard.redis.secure.url=rediss://127.0.0.1:" + tlsPort + "/1",
					"plugboard.redis.secure.ssl.bundle=redis-ca",
					"spring.ssl.bundle.pem.redis-ca.truststore.certificate=file:" + file("ca.crt"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(instance(context.getBean(Plugboard.class)).state()).isEqualTo(InstanceState.RUNNING);
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				template.opsForValue().set("plugboard:tls", "over-tls");
				assertThat(template.opsForValue().get("plugboard:tls")).isEqualTo("over-tls");
				template.delete("plugboard:tls");
			});
	}

	@Test
	void withoutTheBundleTheServerIsNotTrusted() {
		this.contextRunner.withPropertyValues("plugboard.redis.secure.url=rediss://127.0.0.1:" + tlsPort + "/1")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				PlugInstance secure = instance(context.getBean(Plugboard.class));
				assertThat(secure.state()).isEqualTo(InstanceState.DEGRADED);
				assertThat(secure.lastError()).contains("unable to find valid certification path");
			});
	}

	@Test
	void anUntrustedServerOnACriticalInstanceNamesTheBundleSetting() {
		this.contextRunner
			.withPropertyValues("plugboard.redis.secure.url=rediss://127.0.0.1:" + tlsPort + "/1",
					"plugboard.redis.secure.critical=true")
			.run((context) -> {
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Critical redis instance 'secure'");
				assertThat(analysis.getAction()).contains("'plugboard.redis.secure.ssl.bundle'")
					.contains("PLUGBOARD_REDIS_SECURE_SSL_BUNDLE");
			});
	}

	@Test
	void plainRedisToATlsPortDoesNotAnswer() {
		this.contextRunner.withPropertyValues("plugboard.redis.secure.url=redis://127.0.0.1:" + tlsPort + "/1",
				"plugboard.redis.secure.timeout=500ms")
			.run((context) -> assertThat(instance(context.getBean(Plugboard.class)).state())
				.isEqualTo(InstanceState.DEGRADED));
	}

	@Test
	void peerVerificationCanBeSwitchedOffForDevelopment() {
		this.contextRunner
			.withPropertyValues("plugboard.redis.secure.url=rediss://127.0.0.1:" + tlsPort + "/1",
					"plugboard.redis.secure.ssl.verify-peer=false")
			.run((context) -> {
				assertThat(instance(context.getBean(Plugboard.class)).state()).isEqualTo(InstanceState.RUNNING);
				assertThat(context.getBean(StringRedisTemplate.class).hasKey("plugboard:tls:none")).isFalse();
			});
	}

	@Test
	void anUnknownBundleIsAStartupErrorNamingTheSetting() {
		this.contextRunner
			.withPropertyValues("plugboard.redis.secure.url=rediss://127.0.0.1:" + tlsPort + "/1",
					"plugboard.redis.secure.ssl.bundle=no-such-bundle")
			.run((context) -> {
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'plugboard.redis.secure.ssl.bundle'")
					.contains("PLUGBOARD_REDIS_SECURE_SSL_BUNDLE")
					.contains("no-such-bundle");
			});
	}

	private static PlugInstance instance(Plugboard plugboard) {
		return plugboard.find("redis", "secure").orElseThrow();
	}

	private static String file(String name) {
		return directory.resolve(name).toString();
	}

	private static void openssl(String... arguments) throws IOException, InterruptedException {
		List<String> command = new java.util.ArrayList<>(List.of("openssl"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("openssl " + String.join(" ", arguments) + " failed: " + output);
		}
	}

}
