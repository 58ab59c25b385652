package dev.plugboard.redis.autoconfigure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.plugboard.Plug;
import dev.plugboard.core.spi.InstanceContext;
import dev.plugboard.core.spi.PlugAssignments;
import dev.plugboard.core.spi.PlugboardException;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.cache.autoconfigure.RedisCacheManagerBuilderCustomizer;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.ClassUtils;

/**
 * Builds the cache manager of one instance as Spring Boot builds its single one, with the
 * application's {@link RedisCacheConfiguration} and {@code RedisCacheManagerBuilderCustomizer}
 * beans. Boot has one cache manager, so such a bean is for "the" Redis; here a bean qualified
 * {@code @Plug("<instance>")} belongs to that instance and an unqualified one to the primary
 * instance, whose cache manager is the one Boot would have made.
 *
 * @author Plugboard
 */
final class RedisCaches {

	private static final boolean bootCachePresent = ClassUtils.isPresent(
			"org.springframework.boot.cache.autoconfigure.RedisCacheManagerBuilderCustomizer",
			RedisCaches.class.getClassLoader());

	private RedisCaches() {
	}

	static RedisCacheManager cacheManager(InstanceContext<RedisSettings> context) {
		RedisSettings.Cache cache = context.settings().getCache();
		RedisCacheWriter writer = RedisCacheWriter.create(
				context.bean("RedisConnectionFactory", RedisConnectionFactory.class), (writerConfig) -> {
					writerConfig.immediateWrites(cache.isImmediateWrites());
					if (cache.isEnableStatistics()) {
						writerConfig.collectStatistics();
					}
				});
		RedisCacheManager.RedisCacheManagerBuilder builder = RedisCacheManager.builder(writer)
			.cacheDefaults(configuration(context))
			.initialCacheNames(new LinkedHashSet<>(cache.getCacheNames()));
		if (bootCachePresent) {
			BootCustomizers.apply(builder, context);
		}
		return builder.build();
	}

	/**
	 * The instance's {@link RedisCacheConfiguration} bean if it has one; as in Spring Boot, it
	 * then replaces the {@code cache.*} settings that shape entries (time to live, key prefix,
	 * null values).
	 */
	private static RedisCacheConfiguration configuration(InstanceContext<RedisSettings> context) {
		Map<String, RedisCacheConfiguration> byName = PlugAssignments.assigned(context, RedisCacheConfiguration.class,
				"Redis");
		List<RedisCacheConfiguration> assigned = PlugAssignments.ordered(context, RedisCacheConfiguration.class, byName);
		if (assigned.size() > 1) {
			throw new PlugboardException("Redis instance '" + context.name() + "' has " + assigned.size()
					+ " RedisCacheConfiguration beans " + names(byName) + " and its cache manager can use only one.",
					"Keep one RedisCacheConfiguration per instance: qualify each with @Plug(\"<instance>\"); an "
							+ "unqualified one is the primary instance's.");
		}
		if (!assigned.isEmpty()) {
			return assigned.get(0);
		}
		RedisSettings.Cache cache = context.settings().getCache();
		// JDK serialization with the application's class loader, as Boot does, so that cached
		// values of application classes deserialize under restarting class loaders (DevTools)
		RedisCacheConfiguration configuration = RedisCacheConfiguration
			.defaultCacheConfig(classLoader(context.beanFactory()));
		if (cache.getTimeToLive() != null) {
			configuration = configuration.entryTtl(cache.getTimeToLive());
		}
		if (cache.getKeyPrefix() != null) {
			configuration = configuration.prefixCacheNameWith(cache.getKeyPrefix());
		}
		if (!cache.isUseKeyPrefix()) {
			configuration = configuration.disableKeyPrefix();
		}
		if (!cache.isCacheNullValues()) {
			configuration = configuration.disableCachingNullValues();
		}
		return configuration;
	}

	private static @Nullable ClassLoader classLoader(ListableBeanFactory beanFactory) {
		return (beanFactory instanceof ConfigurableBeanFactory configurable) ? configurable.getBeanClassLoader()
				: ClassUtils.getDefaultClassLoader();
	}

	private static String names(Map<String, ?> beans) {
		return beans.keySet().stream().map((beanName) -> "'" + beanName + "'").collect(Collectors.joining(", "));
	}

	/**
	 * Kept apart because spring-boot-cache is optional.
	 */
	private static final class BootCustomizers {

		static void apply(RedisCacheManager.RedisCacheManagerBuilder builder, InstanceContext<RedisSettings> context) {
			Class<RedisCacheManagerBuilderCustomizer> type = RedisCacheManagerBuilderCustomizer.class;
			PlugAssignments.ordered(context, type, PlugAssignments.assigned(context, type, "Redis")).forEach((customizer) -> customizer.customize(builder));
		}

	}

}
