package dev.plugboard.core;

import org.junit.jupiter.api.Test;

import dev.plugboard.core.testing.FailureAnalyses;
import dev.plugboard.Plugboard;
import dev.plugboard.core.tcp.TcpAutoConfiguration;
import dev.plugboard.core.tcp.TcpSettings;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * URLs and discrete settings through the registrar: precedence and failures.
 */
class UrlSettingsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, TcpAutoConfiguration.class))
		.withPropertyValues("plugboard.tcp.store.critical=false", "plugboard.tcp.store.startup.timeout=0s");

	@Test
	void discreteSettingsWinOverUrlParts() {
		this.contextRunner
			.withPropertyValues("plugboard.tcp.store.url=tcp://user:from-url@host-from-url:1000",
					"plugboard.tcp.store.port=2000", "plugboard.tcp.store.password=from-property")
			.run((context) -> {
				TcpSettings settings = (TcpSettings) context.getBean(InstanceGroup.class).get("store").definition().settings();
				assertThat(settings.getHost()).isEqualTo("host-from-url");
				assertThat(settings.getPort()).isEqualTo(2000);
				assertThat(settings.getUsername()).isEqualTo("user");
				assertThat(settings.getPassword()).isEqualTo("from-property");
				assertThat(context.getBean(Plugboard.class).find("tcp", "store").orElseThrow().endpoint())
					.isEqualTo("host-from-url:2000");
			});
	}

	@Test
	void malformedUrlFailsStartupNamingThePropertyWithThePasswordMasked() {
		this.contextRunner.withPropertyValues("plugboard.tcp.store.url=tcp://user:Sup3rS3cret@host:12x4")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'plugboard.tcp.store.url'")
					.contains("PLUGBOARD_TCP_STORE_URL")
					.contains("tcp://user:******@host:12x4")
					.contains("not a number")
					.doesNotContain("Sup3rS3cret");
				assertThat(analysis.getAction()).contains("tcp://");
				for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
					assertThat(String.valueOf(t.getMessage())).doesNotContain("Sup3rS3cret");
				}
			});
	}

	@Test
	void unknownSchemeFailsStartup() {
		this.contextRunner.withPropertyValues("plugboard.env-prefix=shop", "plugboard.tcp.store.url=http://host:1")
			.run((context) -> {
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("unsupported scheme 'http'").contains("SHOP_STORE_URL");
			});
	}

}
