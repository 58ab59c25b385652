package dev.plugboard.redis.autoconfigure;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
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
		List<RedisCacheConfiguration> assigned = assigned(context, RedisCacheConfiguration.class);
		if (assigned.size() > 1) {
			throw new PlugboardException("Redis instance '" + context.name() + "' has " + assigned.size()
					+ " RedisCacheConfiguration beans " + names(context, RedisCacheConfiguration.class)
					+ " and its cache manager can use only one.",
					"Keep one RedisCacheConfiguration per instance: qualify each with @Plug(\"<instance>\"); an "
							+ "unqualified one is the primary instance's.");
		}
		if (!assigned.isEmpty()) {
			return assigned.get(0);
		}
		RedisSettings.Cache cache = context.settings().getCache();
		// JDK serialization with the application's class loader, as Boot does, so that cached
		// values of application classes deserialize under restarting class loaders (DevTools)
		RedisCacheConfiguration configuration = RedisCacheConfiguration.defaultCacheConfig()
			.serializeValuesWith(SerializationPair.fromSerializer(new JdkSerializationRedisSerializer(
					classLoader(context.beanFactory()))));
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
	 * The beans of a type that belong to this instance, in the order Spring would inject them:
	 * those qualified {@code @Plug("<instance>")} and, on the primary instance, unqualified ones.
	 * @param <T> the bean type
	 * @param context the instance
	 * @param type the bean type
	 * @return the beans
	 * @throws PlugboardException if a bean names an instance that does not exist
	 */
	static <T> List<T> assigned(InstanceContext<RedisSettings> context, Class<T> type) {
		ListableBeanFactory beanFactory = context.beanFactory();
		Set<String> known = null;
		Map<Object, Boolean> selected = new IdentityHashMap<>();
		for (String beanName : beanFactory.getBeanNamesForType(type, true, false)) {
			String instance = PlugAssignments.instanceOf(beanFactory, beanName);
			if (instance == null ? context.definition().primary() : instance.equals(context.name())) {
				selected.put(beanFactory.getBean(beanName, type), Boolean.TRUE);
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
		if (selected.isEmpty()) {
			return List.of();
		}
		// Spring's order (Ordered, @Order on the class or on the @Bean method), then keep ours
		List<T> ordered = new ArrayList<>();
		beanFactory.getBeanProvider(type).orderedStream().filter(selected::containsKey).forEach(ordered::add);
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

	private static String names(InstanceContext<RedisSettings> context, Class<?> type) {
		List<String> names = new ArrayList<>();
		for (String beanName : context.beanFactory().getBeanNamesForType(type, true, false)) {
			String instance = PlugAssignments.instanceOf(context.beanFactory(), beanName);
			if (instance == null ? context.definition().primary() : instance.equals(context.name())) {
				names.add("'" + beanName + "'");
			}
		}
		return String.join(", ", names);
	}

	/**
	 * Kept apart because spring-boot-cache is optional.
	 */
	private static final class BootCustomizers {

		static void apply(RedisCacheManager.RedisCacheManagerBuilder builder, InstanceContext<RedisSettings> context) {
			assigned(context, RedisCacheManagerBuilderCustomizer.class).forEach((customizer) -> customizer.customize(builder));
		}

	}

}
