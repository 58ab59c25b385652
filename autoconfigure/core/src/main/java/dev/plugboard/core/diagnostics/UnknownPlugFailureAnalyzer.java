package dev.plugboard.core.diagnostics;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.plugboard.Plug;
import dev.plugboard.core.InstanceGroup;
import dev.plugboard.core.ManagedInstance;
import dev.plugboard.core.spi.InstanceDefinition;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.InjectionPoint;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.UnsatisfiedDependencyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Explains an injection point qualified with {@code @Plug("name")} that matches no bean: lists the
 * instances that do exist.
 *
 * @author Plugboard
 */
public class UnknownPlugFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException>
		implements Ordered {

	private final @Nullable ListableBeanFactory beanFactory;

	/**
	 * Create the analyzer.
	 * @param beanFactory the application's bean factory
	 */
	public UnknownPlugFailureAnalyzer(BeanFactory beanFactory) {
		this.beanFactory = (beanFactory instanceof ListableBeanFactory listable) ? listable : null;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
		InjectionPoint injectionPoint = findInjectionPoint(rootFailure);
		Plug plug = (injectionPoint != null) ? injectionPoint.getAnnotation(Plug.class) : null;
		if (plug == null || this.beanFactory == null) {
			return null;
		}
		Map<String, String> known = new TreeMap<>();
		this.beanFactory.getBeanProvider(InstanceGroup.class).orderedStream().forEach((group) -> {
			for (ManagedInstance instance : group.instances()) {
				known.merge(instance.name(), instance.type(), (a, b) -> a + ", " + b);
			}
		});
		String type = (cause.getResolvableType() != null) ? cause.getResolvableType().toString()
				: String.valueOf(cause.getBeanType());
		String knownText = known.isEmpty() ? "none"
				: known.entrySet().stream().map((e) -> "'" + e.getKey() + "' (" + e.getValue() + ")")
					.collect(Collectors.joining(", "));
		String description = injectionPoint + " asks for @Plug(\"" + plug.value() + "\") " + type
				+ ", but no instance named '" + plug.value() + "' has a bean of that type. Known instances: "
				+ knownText + ".";
		String variable = InstanceDefinition.Names.environmentForm(plug.value());
		String action = "Use the name of a configured instance in @Plug, or declare the instance with properties "
				+ "under 'plugboard.<type>." + plug.value() + "' (for example 'plugboard.<type>." + plug.value()
				+ ".url', or the environment variable PLUGBOARD_<TYPE>_" + variable + "_URL, or <PREFIX>_"
				+ variable + "_URL with plugboard.env-prefix set), and check that the instance is not disabled "
				+ "('plugboard.<type>." + plug.value() + ".enabled').";
		return new FailureAnalysis(description, action, cause);
	}

	private static @Nullable InjectionPoint findInjectionPoint(Throwable failure) {
		Throwable candidate = failure;
		while (candidate != null) {
			if (candidate instanceof UnsatisfiedDependencyException unsatisfied
					&& unsatisfied.getInjectionPoint() != null
					&& unsatisfied.getCause() instanceof NoSuchBeanDefinitionException) {
				return unsatisfied.getInjectionPoint();
			}
			candidate = candidate.getCause();
		}
		return null;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

}
