package dev.plugboard.samples.service;

import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.cache.interceptor.LoggingCacheErrorHandler;
import org.springframework.context.annotation.Configuration;

/**
 * A cache that is down must not take reads down with it: cache errors are logged and the method
 * runs against the database instead. Caching is switched on here rather than on the application
 * class, so that test slices such as {@code @WebMvcTest}, which leave this class out, need no
 * cache manager.
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching
class CachingConfiguration implements CachingConfigurer {

	@Override
	public CacheErrorHandler errorHandler() {
		return new LoggingCacheErrorHandler();
	}

}
