package dev.plugboard.redis.autoconfigure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.plugboard.Plug;
import dev.plugboard.PlugInstance;
import dev.plugboard.Plugboard;
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
		Map<String, RedisCacheConfiguration> byName = assigned(context, RedisCacheConfiguration.class);
		List<RedisCacheConfiguration> assigned = ordered(context, RedisCacheConfiguration.class, byName);
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

	/**
	 * The beans of a type that belong to this instance: those qualified
	 * {@code @Plug("<instance>")} and, on the primary instance, unqualified ones.
	 * @param <T> the bean type
	 * @param context the instance
	 * @param type the bean type
	 * @return the beans by bean name, in the order of the bean names
	 * @throws PlugboardException if a bean names an instance that does not exist
	 */
	static <T> Map<String, T> assigned(InstanceContext<RedisSettings> context, Class<T> type) {
		ListableBeanFactory beanFactory = context.beanFactory();
		Set<String> known = null;
		Map<String, T> assigned = new LinkedHashMap<>();
		for (String beanName : beanFactory.getBeanNamesForType(type, true, false)) {
			String instance = PlugAssignments.instanceOf(beanFactory, beanName);
			if (instance == null ? context.definition().primary() : instance.equals(context.name())) {
				assigned.put(beanName, beanFactory.getBean(beanName, type));
			}
			else if (instance != null) {
				known = (known != null) ? known : redisInstances(beanFactory);
				if (!known.contains(instance)) {
					throw new PlugboardException("The " + type.getSimpleName() + " bean '" + beanName
							+ "' is annotated @Plug(\"" + instance + "\") but there is no Redis instance '" + instance
							+ "'. Known instances: " + known + ".",
							"Use the name of a configured instance, or declare one under 'plugboard.redis." + instance
									+ "'.");
				}
			}
		}
		return assigned;
	}

	/**
	 * The beans {@link #assigned(InstanceContext, Class)} to this instance, in the order Spring
	 * would inject them.
	 * @param <T> the bean type
	 * @param context the instance
	 * @param type the bean type
	 * @param assigned the beans assigned to the instance
	 * @return the beans
	 */
	static <T> List<T> ordered(InstanceContext<RedisSettings> context, Class<T> type, Map<String, T> assigned) {
		if (assigned.isEmpty()) {
			return List.of();
		}
		Set<Object> selected = Collections.newSetFromMap(new IdentityHashMap<>());
		selected.addAll(assigned.values());
		// Spring's order (Ordered, @Order on the class or on the @Bean method), then keep ours
		List<T> ordered = new ArrayList<>();
		context.beanFactory().getBeanProvider(type).orderedStream().filter(selected::contains).forEach(ordered::add);
		return ordered;
	}

	private static Set<String> redisInstances(ListableBeanFactory beanFactory) {
		Plugboard plugboard = beanFactory.getBeanProvider(Plugboard.class).getIfAvailable();
		Set<String> names = new TreeSet<>();
		if (plugboard != null) {
			plugboard.instances("redis").stream().map(PlugInstance::name).forEach(names::add);
		}
		return names;
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
			ordered(context, type, assigned(context, type)).forEach((customizer) -> customizer.customize(builder));
		}

	}

}
