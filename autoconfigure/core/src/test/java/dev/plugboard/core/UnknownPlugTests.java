package dev.plugboard.core;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.plugboard.Plug;
import dev.plugboard.core.tcp.PingServer;
import dev.plugboard.core.tcp.TcpClient;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(OutputCaptureExtension.class)
class UnknownPlugTests {

	private final PingServer server = new PingServer();

	@BeforeEach
	void start() throws Exception {
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void unknownInstanceInPlugListsTheKnownOnes(CapturedOutput output) {
		SpringApplication application = new SpringApplication(WrongName.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(Map.of("plugboard.tcp.orders-db.port", this.server.port(),
				"plugboard.tcp.audit-db.port", this.server.port()));
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("@Plug(\"order-db\")")
			.contains("no instance named 'order-db'")
			.contains("'audit-db' (tcp), 'orders-db' (tcp)")
			.contains("plugboard.<type>.order-db")
			.contains("PLUGBOARD_<TYPE>_ORDER_DB_URL");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class WrongName {

		@Bean
		String user(@Plug("order-db") TcpClient client) {
			return client.toString();
		}

	}

}
