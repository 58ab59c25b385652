package dev.plugboard.rabbitmq;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.rabbitmq.autoconfigure.RabbitAutoConfiguration;
import dev.plugboard.rabbitmq.testing.RabbitBroker;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's {@code spring.rabbitmq.*} properties are ignored once instances are declared:
 * each one that is set gets a WARN line naming the instance setting to use instead.
 */
@ExtendWith(OutputCaptureExtension.class)
class RabbitIgnoredBootPropertiesTests {

	@Test
	void eachIgnoredKeyIsNamedWithItsReplacement(CapturedOutput output) {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, RabbitAutoConfiguration.class))
			.withPropertyValues("plugboard.rabbitmq.events.url=" + RabbitBroker.url(""), "spring.rabbitmq.host=mq9",
					"spring.rabbitmq.listener.simple.prefetch=10", "spring.rabbitmq.stream.host=mq9")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output)
					.contains("'spring.rabbitmq.host' is ignored: Plugboard's rabbitmq instances replace Spring Boot's "
							+ "auto-configuration for it; set 'plugboard.rabbitmq.events.host' instead.")
					.contains("set 'plugboard.rabbitmq.events.listener.simple.prefetch' instead.")
					.contains("'spring.rabbitmq.stream.host' is ignored: Plugboard's rabbitmq instances replace Spring "
							+ "Boot's auto-configuration for it, and they have no setting of that name; remove it.");
				assertThat(output.toString().lines().filter((line) -> line.contains(" is ignored: "))).hasSize(3);
			});
	}

}
