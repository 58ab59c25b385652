package dev.plugboard.core.endpoint;

import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.core.PlugboardRegistry;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The {@code plugboard} actuator endpoint, and the masking of instance passwords in the
 * {@code env} and {@code configprops} endpoints.
 *
 * @author Plugboard
 */
@AutoConfiguration(after = PlugboardAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(PlugboardRegistry.class)
public final class PlugboardEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	PlugboardEndpoint plugboardEndpoint(PlugboardRegistry registry, ApplicationContext context) {
		return new PlugboardEndpoint(registry, context.getClassLoader());
	}

	@Bean
	@ConditionalOnMissingBean
	PlugboardSanitizingFunction plugboardSanitizingFunction(PlugboardRegistry registry) {
		return new PlugboardSanitizingFunction(registry);
	}

}
