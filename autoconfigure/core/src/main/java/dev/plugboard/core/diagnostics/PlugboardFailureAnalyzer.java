package dev.plugboard.core.diagnostics;

import dev.plugboard.core.spi.PlugboardException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Explains every {@link PlugboardException}: malformed URLs, invalid settings, two primaries,
 * ambiguous environment variables, critical instances that never answered.
 *
 * @author Plugboard
 */
public class PlugboardFailureAnalyzer extends AbstractFailureAnalyzer<PlugboardException> implements Ordered {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PlugboardException cause) {
		return new FailureAnalysis(cause.getDescription(), cause.getAction(), cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

}
