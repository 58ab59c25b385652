package dev.plugboard.core.spi;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ConnectionUrlTests {

	private static final Set<String> POSTGRES = Set.of("postgres", "postgresql");

	@Test
	void parsesEveryPart() {
		ConnectionUrl url = ConnectionUrl.parse("postgres://app:s%40cret@db1:6543/users?sslmode=require&ApplicationName=x",
				POSTGRES);
		assertThat(url.scheme()).isEqualTo("postgres");
		assertThat(url.username()).isEqualTo("app");
		assertThat(url.password()).isEqualTo("s@cret");
		assertThat(url.host()).isEqualTo("db1");
		assertThat(url.port()).isEqualTo(6543);
		assertThat(url.path()).isEqualTo("users");
		assertThat(url.query()).containsExactly(org.assertj.core.api.Assertions.entry("sslmode", "require"),
				org.assertj.core.api.Assertions.entry("ApplicationName", "x"));
	}

	@Test
	void acceptsJdbcPrefixSeveralHostsAndIpv6() {
		ConnectionUrl url = ConnectionUrl.parse("jdbc:postgresql://h1:1,h2,[::1]:3/db", POSTGRES);
		assertThat(url.hosts()).extracting(ConnectionUrl.HostAndPort::host).containsExactly("h1", "h2", "::1");
		assertThat(url.hosts()).extracting(ConnectionUrl.HostAndPort::port).containsExactly(1, null, 3);
		assertThat(url.hosts().get(1).portOr(5432)).isEqualTo(5432);
		assertThat(url.username()).isNull();
	}

	@Test
	void toStringNeverShowsThePassword() {
		ConnectionUrl url = ConnectionUrl.parse("postgres://app:topsecret@db1/users", POSTGRES);
		assertThat(url.toString()).isEqualTo("postgres://app:******@db1/users").doesNotContain("topsecret");
	}

	@Test
	void maskHandlesPasswordsWithSpecialCharacters() {
		assertThat(ConnectionUrl.mask("redis://:p@ss:w0rd@cache:6379/0")).isEqualTo("redis://:******@cache:6379/0");
		assertThat(ConnectionUrl.mask("amqp://guest@mq/")).isEqualTo("amqp://guest@mq/");
		assertThat(ConnectionUrl.mask("no url at all")).isEqualTo("no url at all");
		assertThat(ConnectionUrl.mask("see postgres://u:pw@h:1/db?x=1 for details"))
			.isEqualTo("see postgres://u:******@h:1/db?x=1 for details");
		assertThat(ConnectionUrl.passwordsOf("amqp://u:a%2Fb@h/")).containsExactlyInAnyOrder("a%2Fb", "a/b");
	}

	@Test
	void malformedUrlsAreRejectedWithTheUrlMasked() {
		assertThatIllegalArgumentException().isThrownBy(() -> ConnectionUrl.parse("mysql://u:pw1@h/db", POSTGRES))
			.withMessageContaining("unsupported scheme 'mysql'")
			.withMessageNotContaining("pw1");
		assertThatIllegalArgumentException().isThrownBy(() -> ConnectionUrl.parse("postgres://u:pw2@h:port/db", POSTGRES))
			.withMessageContaining("not a number")
			.withMessageNotContaining("pw2");
		assertThatIllegalArgumentException().isThrownBy(() -> ConnectionUrl.parse("postgres://u:pw3@h:70000/db", POSTGRES))
			.withMessageContaining("outside 1-65535")
			.withMessageNotContaining("pw3");
		assertThatIllegalArgumentException().isThrownBy(() -> ConnectionUrl.parse("db1:5432", POSTGRES))
			.withMessageContaining("not a URL");
		assertThatIllegalArgumentException().isThrownBy(() -> ConnectionUrl.parse("postgres://u:pw4@:5432/db", POSTGRES))
			.withMessageContaining("empty or malformed host")
			.withMessageNotContaining("pw4");
	}

}
