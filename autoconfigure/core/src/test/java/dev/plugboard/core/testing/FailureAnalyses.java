package dev.plugboard.core.testing;

import java.util.List;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;

/**
 * Runs the failure analyzers registered in {@code spring.factories} the way Spring Boot does at
 * startup, and returns the first analysis.
 */
public final class FailureAnalyses {

	private FailureAnalyses() {
	}

	/**
	 * Analyze a startup failure.
	 * @param failure the failure
	 * @return the analysis Spring Boot would print
	 */
	public static FailureAnalysis analyze(Throwable failure) {
		return analyze(failure, new DefaultListableBeanFactory());
	}

	/**
	 * Analyze a startup failure with a bean factory for analyzers that need one.
	 * @param failure the failure
	 * @param beanFactory the bean factory
	 * @return the analysis Spring Boot would print
	 */
	public static FailureAnalysis analyze(Throwable failure, BeanFactory beanFactory) {
		if (failure == null) {
			throw new AssertionError("The context did not fail");
		}
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, ArgumentResolver.of(BeanFactory.class, beanFactory),
					SpringFactoriesLoader.FailureHandler.handleMessage((message, ex) -> {
					}));
		for (FailureAnalyzer analyzer : analyzers) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		throw new AssertionError("No failure analyzer explained " + failure, failure);
	}

}
