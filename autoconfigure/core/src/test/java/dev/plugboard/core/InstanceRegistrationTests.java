package dev.plugboard.core;

import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.plugboard.core.testing.FailureAnalyses;
import dev.plugboard.InstanceState;
import dev.plugboard.Plug;
import dev.plugboard.Plugboard;
import dev.plugboard.core.spi.InstanceSettings;
import dev.plugboard.core.tcp.PingServer;
import dev.plugboard.core.tcp.TcpAutoConfiguration;
import dev.plugboard.core.tcp.TcpClient;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registration of per-instance beans: names, qualifiers, primary rules, disabled instances.
 */
class InstanceRegistrationTests {

	private final PingServer one = new PingServer();

	private final PingServer two = new PingServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, TcpAutoConfiguration.class));

	@BeforeEach
	void startServers() throws Exception {
		this.one.start();
		this.two.start();
	}

	@AfterEach
	void stopServers() {
		this.one.stop();
		this.two.stop();
	}

	@Test
	void commonSettingsHaveTheDocumentedDefaults() {
		this.contextRunner.withPropertyValues("plugboard.tcp.store.port=" + this.one.port()).run((context) -> {
			ManagedInstance store = context.getBean(PlugboardRegistry.class).managedInstances().get(0);
			InstanceSettings common = store.definition().common();
			assertThat(common.isEnabled()).isTrue();
			assertThat(common.getStartup().getTimeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(common.getStartup().getRetryInterval()).isEqualTo(Duration.ofSeconds(1));
			assertThat(common.getHealth().isEnabled()).isTrue();
			assertThat(common.getHealth().getTimeout()).isEqualTo(Duration.ofSeconds(2));
			assertThat(common.getHealth().getInterval()).isEqualTo(Duration.ofSeconds(10));
			assertThat(common.getShutdown().getTimeout()).isEqualTo(Duration.ofSeconds(10));
			// critical defaults to the type's choice (true here); a lone instance is primary
			assertThat(store.critical()).isTrue();
			assertThat(store.primary()).isTrue();
		});
	}

	@Test
	void twoInstancesGetSeparateBeansAndQualifiers() {
		this.contextRunner
			.withPropertyValues("plugboard.tcp.primary-db.port=" + this.one.port(),
					"plugboard.tcp.analytics-db.url=tcp://127.0.0.1:" + this.two.port(),
					"plugboard.tcp.primary-db.primary=true")
			.withUserConfiguration(Consumer.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(TcpClient.class)).containsOnlyKeys("primaryDbTcpClient",
						"analyticsDbTcpClient");
				Consumer consumer = context.getBean(Consumer.class);
				assertThat(consumer.primary).isSameAs(context.getBean("primaryDbTcpClient"));
				assertThat(consumer.analytics).isSameAs(context.getBean("analyticsDbTcpClient"));
				assertThat(consumer.unqualified).isSameAs(consumer.primary);
				assertThat(consumer.analytics.toString()).contains(":" + this.two.port());
				assertThat(context.getBean("tcpClient")).isSameAs(consumer.primary);
				Plugboard plugboard = context.getBean(Plugboard.class);
				assertThat(plugboard.instances()).extracting(dev.plugboard.PlugInstance::name).containsExactly("primary-db", "analytics-db");
				assertThat(plugboard.instances()).allSatisfy(
						(instance) -> assertThat(instance.state()).isEqualTo(InstanceState.RUNNING));
				assertThat(plugboard.find("tcp", "analytics-db")).hasValueSatisfying((instance) -> {
					assertThat(instance.primary()).isFalse();
					assertThat(instance.critical()).isTrue();
					assertThat(instance.endpoint()).isEqualTo("127.0.0.1:" + this.two.port());
					assertThat(instance.beanNames()).containsEntry("TcpClient", "analyticsDbTcpClient");
				});
			});
	}

	@Test
	void loneInstanceIsPrimary() {
		this.contextRunner.withPropertyValues("plugboard.tcp.only.port=" + this.one.port()).run((context) -> {
			BeanDefinition definition = context.getBeanFactory().getBeanDefinition("onlyTcpClient");
			assertThat(definition.isPrimary()).isTrue();
			assertThat(context.getBean(Plugboard.class).find("tcp", "only").orElseThrow().primary()).isTrue();
			assertThat(context.getBean(TcpClient.class)).isSameAs(context.getBean("onlyTcpClient"));
		});
	}

	@Test
	void twoInstancesWithoutPrimaryHaveNoPrimaryBean() {
		this.contextRunner
			.withPropertyValues("plugboard.tcp.one.port=" + this.one.port(), "plugboard.tcp.two.port=" + this.two.port())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(Arrays.stream(context.getBeanNamesForType(TcpClient.class))
					.map((name) -> context.getBeanFactory().getBeanDefinition(name).isPrimary()))
					.containsOnly(false);
				assertThat(context.containsBean("tcpClient")).isFalse();
			});
	}

	@Test
	void twoPrimariesFailWithAClearMessage() {
		this.contextRunner
			.withPropertyValues("plugboard.tcp.one.port=" + this.one.port(), "plugboard.tcp.one.primary=true",
					"plugboard.tcp.two.port=" + this.two.port(), "plugboard.tcp.two.primary=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Two tcp instances are primary")
					.contains("'plugboard.tcp.one.primary'")
					.contains("PLUGBOARD_TCP_ONE_PRIMARY")
					.contains("'plugboard.tcp.two.primary'");
				assertThat(analysis.getAction()).contains("primary: true");
			});
	}

	@Test
	void disabledInstanceRegistersNothing() {
		this.contextRunner
			.withPropertyValues("plugboard.tcp.one.port=" + this.one.port(), "plugboard.tcp.two.enabled=false",
					"plugboard.tcp.two.port=" + this.two.port())
			.run((context) -> {
				assertThat(context.getBeansOfType(TcpClient.class)).containsOnlyKeys("oneTcpClient");
				assertThat(context.getBean(Plugboard.class).instances()).extracting(dev.plugboard.PlugInstance::name).containsExactly("one");
			});
	}

	@Test
	void noInstanceRegistersNoInstanceBeans() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(Plugboard.class).doesNotHaveBean(TcpClient.class);
			assertThat(context.getBean(Plugboard.class).instances()).isEmpty();
			assertThat(context.getBeansOfType(InstanceGroup.class)).isEmpty();
		});
	}

	@Test
	void instanceNameMustBeKebabCase() {
		this.contextRunner.withPropertyValues("plugboard.tcp.primary_db.port=" + this.one.port()).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("'primary_db'").contains("not kebab-case");
		});
	}

	@Test
	void invalidSettingNamesPropertyAndEnvironmentVariable() {
		this.contextRunner
			.withPropertyValues("plugboard.tcp.cache-one.port=" + this.one.port(),
					"plugboard.tcp.cache-one.pool.maximum-size=-3")
			.run((context) -> {
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'plugboard.tcp.cache-one.pool.maximum-size'")
					.contains("PLUGBOARD_TCP_CACHE_ONE_POOL_MAXIMUM_SIZE")
					.contains("must be at least 1 but is -3");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Consumer {

		TcpClient primary;

		TcpClient analytics;

		TcpClient unqualified;

		@Bean
		String consumerMarker(@Plug("primary-db") TcpClient primary, @Plug("analytics-db") TcpClient analytics,
				TcpClient unqualified) {
			this.primary = primary;
			this.analytics = analytics;
			this.unqualified = unqualified;
			return "ok";
		}

	}

}
