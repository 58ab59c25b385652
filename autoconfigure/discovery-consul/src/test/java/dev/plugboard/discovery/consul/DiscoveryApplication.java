package dev.plugboard.discovery.consul;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * An application with every auto-configuration on the test class path: Plugboard's postgres,
 * redis and rabbitmq types, the real Spring Cloud Consul discovery client and Spring Cloud's
 * simple one.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class DiscoveryApplication {

	static ConfigurableApplicationContext start(int consulPort, String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.cloud.consul.host=127.0.0.1",
				"spring.cloud.consul.port=" + consulPort,
				// the application does not register itself: it only looks services up
				"spring.cloud.consul.discovery.register=false", "spring.application.name=plugboard-discovery-tests",
				"spring.cloud.service-registry.auto-registration.enabled=false",
				// the catalog watch asks with short blocking queries, so that a change is seen soon
				"spring.cloud.consul.discovery.catalog-services-watch-timeout=1", "spring.main.banner-mode=off"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(DiscoveryApplication.class).web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
	}

}
