package dev.plugboard.samples.service;

import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.cache.interceptor.LoggingCacheErrorHandler;
import org.springframework.context.annotation.Configuration;

/**
 * A cache that is down must not take reads down with it: cache errors are logged and the method
 * runs against the database instead.
 */
@Configuration(proxyBeanMethods = false)
class CachingConfiguration implements CachingConfigurer {

	@Override
	public CacheErrorHandler errorHandler() {
		return new LoggingCacheErrorHandler();
	}

}
