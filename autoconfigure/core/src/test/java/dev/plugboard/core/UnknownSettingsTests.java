package dev.plugboard.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.plugboard.core.spi.UnknownSettingException;
import dev.plugboard.core.tcp.TcpAutoConfiguration;
import dev.plugboard.core.tcp.TcpSettings;
import dev.plugboard.core.testing.FailureAnalyses;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A misspelt setting or type stops startup, naming the property, its environment variable and
 * the nearest known name; {@code plugboard.unknown-settings=warn} lets startup go on. Maps take
 * any key.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnknownSettingsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, TcpAutoConfiguration.class))
		.withPropertyValues("plugboard.tcp.store.critical=false", "plugboard.tcp.store.startup.timeout=0s",
				"plugboard.tcp.store.port=1");

	@Test
	void aMisspeltSettingFailsStartupWithTheNearestSetting() {
		this.contextRunner.withPropertyValues("plugboard.tcp.store.hots=db.example").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(UnknownSettingException.class);
			FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).startsWith("Unknown setting 'plugboard.tcp.store.hots' "
					+ "(environment variable PLUGBOARD_TCP_STORE_HOTS): 'hots' is not a setting of tcp instances")
				.endsWith("; did you mean 'host'?");
			assertThat(analysis.getAction()).startsWith("Rename it to 'plugboard.tcp.store.host' (environment variable "
					+ "PLUGBOARD_TCP_STORE_HOST).")
				.contains("'plugboard.unknown-settings=warn'");
		});
	}

	@Test
	void nestedSettingsAreCheckedWhereTheirKeysAreKnown() {
		this.contextRunner.withPropertyValues("plugboard.tcp.store.pool.maximum-sise=3").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(FailureAnalyses.analyze(context.getStartupFailure()).getDescription())
				.contains("'plugboard.tcp.store.pool.maximum-sise'")
				.contains("did you mean 'pool.maximum-size'?");
		});
	}

	@Test
	void aMisspeltTypeFailsStartupListingTheInstalledTypes() {
		this.contextRunner.withPropertyValues("plugboard.tpc.other.url=tcp://host:1").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).isEqualTo("Unknown setting 'plugboard.tpc.other.url' (environment "
					+ "variable PLUGBOARD_TPC_OTHER_URL): 'tpc' is not a Plugboard type installed here; did you mean "
					+ "'tcp'?");
			assertThat(analysis.getAction()).startsWith("The installed types are: tcp (the modules /actuator/plugboard "
					+ "lists). Rename it to 'plugboard.tcp.other.url', or add the starter that provides 'tpc'.");
		});
	}

	@Test
	void plugboardsOwnSettingsAreNoTypes() {
		this.contextRunner.withPropertyValues("plugboard.env-prefix=SHOP", "plugboard.unknown-settings=fail")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void warnLetsStartupGoOnAndSaysWhatIsIgnored(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("plugboard.unknown-settings=warn", "plugboard.tcp.store.hots=db.example",
					"plugboard.tpc.other.url=tcp://host:1", "plugboard.tcp.store.host=right.example")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				TcpSettings settings = (TcpSettings) context.getBean(InstanceGroup.class)
					.get("store")
					.definition()
					.settings();
				assertThat(settings.getHost()).isEqualTo("right.example");
				assertThat(output).contains("WARN")
					.contains("Unknown setting 'plugboard.tcp.store.hots' (environment variable PLUGBOARD_TCP_STORE_HOTS)")
					.contains("Unknown setting 'plugboard.tpc.other.url'")
					.contains("It is ignored (plugboard.unknown-settings=warn).");
				assertThat(output.toString().lines().filter((line) -> line.contains("'plugboard.tcp.store.hots'")))
					.hasSize(1);
			});
	}

}
