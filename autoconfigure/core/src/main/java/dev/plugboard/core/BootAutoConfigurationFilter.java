package dev.plugboard.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.InstanceBinder;
import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.InstanceType;
import dev.plugboard.core.spi.PlugboardException;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Leaves out the Spring Boot auto-configurations that the installed {@link InstanceType}s name
 * in {@link InstanceType#replacedAutoConfigurations()} (when instances of the type are declared)
 * and {@link InstanceType#autoConfigurationsNeedingPrimary()} (when instances are declared and
 * none is primary). A type's instances are bound only if one of its names is a candidate.
 *
 * @author Plugboard
 */
public class BootAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware, BeanClassLoaderAware {

	private @Nullable Environment environment;

	private @Nullable ClassLoader classLoader;

	private @Nullable List<InstanceType<?>> types;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public boolean[] match(@Nullable String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		Map<InstanceType<?>, Declared> declared = new HashMap<>();
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			matches[i] = true;
			String candidate = autoConfigurationClasses[i];
			if (candidate == null || this.environment == null) {
				continue;
			}
			for (InstanceType<?> type : types()) {
				boolean replaced = type.replacedAutoConfigurations().contains(candidate);
				boolean needsPrimary = type.autoConfigurationsNeedingPrimary().contains(candidate);
				if (replaced || needsPrimary) {
					Declared instances = declared.computeIfAbsent(type, (key) -> declared(key, this.environment));
					if ((replaced && instances.any()) || (needsPrimary && instances.any() && !instances.primary())) {
						matches[i] = false;
					}
				}
			}
		}
		return matches;
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private List<InstanceType<?>> types() {
		if (this.types == null) {
			List loaded = SpringFactoriesLoader.loadFactories(InstanceType.class, this.classLoader);
			this.types = List.copyOf((List<InstanceType<?>>) loaded);
		}
		return this.types;
	}

	private static Declared declared(InstanceType<?> type, Environment environment) {
		try {
			List<? extends InstanceDefinition<?>> instances = new InstanceBinder(environment, false).bind(type);
			return new Declared(!instances.isEmpty(), instances.stream().anyMatch(InstanceDefinition::primary));
		}
		catch (PlugboardException ex) {
			// the type's registrar reports the same problem with its failure analysis
			return new Declared(false, false);
		}
	}

	private record Declared(boolean any, boolean primary) {
	}

}
