package dev.plugboard.core.metrics;

import io.micrometer.core.instrument.binder.MeterBinder;

import dev.plugboard.Plugboard;
import dev.plugboard.core.PlugboardAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters for every instance.
 *
 * @author Plugboard
 */
@AutoConfiguration(after = PlugboardAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(Plugboard.class)
public final class PlugboardMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PlugboardMetrics plugboardMetrics(Plugboard plugboard) {
		return new PlugboardMetrics(plugboard);
	}

}
