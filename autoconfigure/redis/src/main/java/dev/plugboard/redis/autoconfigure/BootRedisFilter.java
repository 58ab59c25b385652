package dev.plugboard.redis.autoconfigure;

import org.jspecify.annotations.Nullable;

import java.util.List;

import dev.plugboard.core.spi.InstanceBinder;
import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.PlugboardException;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves out Spring Boot's reactive Redis auto-configuration and Spring Data Redis repositories
 * when Plugboard Redis instances are declared and none is primary: both ask for "the" connection
 * factory or {@code redisTemplate}, which fails with several candidates. Each instance has its
 * own reactive template instead; with a primary instance, Boot's are built on it.
 *
 * @author Plugboard
 */
public class BootRedisFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	private static final String REACTIVE = "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration";

	private static final String REPOSITORIES = "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration";

	private @Nullable Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean[] match(@Nullable String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		Boolean oneConnectionFactory = null;
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			matches[i] = true;
			String candidate = autoConfigurationClasses[i];
			if ((REACTIVE.equals(candidate) || REPOSITORIES.equals(candidate)) && this.environment != null) {
				if (oneConnectionFactory == null) {
					oneConnectionFactory = hasOneConnectionFactory(this.environment);
				}
				matches[i] = oneConnectionFactory;
			}
		}
		return matches;
	}

	private static boolean hasOneConnectionFactory(Environment environment) {
		try {
			List<InstanceDefinition<RedisSettings>> instances = new InstanceBinder(environment).bind(new RedisType());
			return instances.isEmpty() || instances.stream().anyMatch(InstanceDefinition::primary);
		}
		catch (PlugboardException ex) {
			// the registrar reports the same problem with its failure analysis
			return true;
		}
	}

}
