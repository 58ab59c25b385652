package dev.plugboard.sentry.autoconfigure;

import java.util.List;
import java.util.Map;

import io.sentry.ISentryClient;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * The packages that each non-primary instance claims, by the bean name of its client.
 *
 * @param clientBeans the client bean name of each instance
 * @param packages the packages of each instance, by instance name
 * @author Plugboard
 */
record SentryRoutes(Map<String, String> clientBeans, Map<String, List<String>> packages) {

	/** The bean name. */
	static final String BEAN_NAME = "plugboardSentryRoutes";

	PackageRoutes<ISentryClient> clients(ListableBeanFactory beanFactory) {
		PackageRoutes.Builder<ISentryClient> routes = PackageRoutes.builder();
		this.packages.forEach((instance, names) -> {
			ISentryClient client = beanFactory.getBean(this.clientBeans.get(instance), ISentryClient.class);
			names.forEach((name) -> routes.add(name, client));
		});
		return routes.build();
	}

}
