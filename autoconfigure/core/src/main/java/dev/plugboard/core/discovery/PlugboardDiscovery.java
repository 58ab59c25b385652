package dev.plugboard.core.discovery;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.DiscoveryAdapter;
import dev.plugboard.core.spi.InstanceContext;
import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.ServiceEndpoints;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.context.ApplicationListener;

/**
 * The endpoints of every {@code discovery://} instance, asked of the application's Spring Cloud
 * {@link DiscoveryClient}. A {@link HeartbeatEvent} (Consul's catalog watch, Kubernetes' watcher)
 * makes every instance ask again at its next connection.
 *
 * @author Plugboard
 */
public final class PlugboardDiscovery implements ApplicationListener<HeartbeatEvent>, DisposableBean {

	/** The bean name. */
	public static final String BEAN_NAME = "plugboardDiscovery";

	private final ServiceLookup lookup;

	private final Map<String, DiscoveredEndpoints> endpoints = new ConcurrentHashMap<>();

	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "plugboard-discovery");
		thread.setDaemon(true);
		return thread;
	});

	public PlugboardDiscovery(ObjectProvider<DiscoveryClient> clients, ObjectProvider<DiscoveryAdapter> adapters) {
		this.lookup = new ServiceLookup(clients::getIfAvailable, () -> adapters.orderedStream().toList());
	}

	/**
	 * The endpoints of one instance; what its {@code <instance>ServiceEndpoints} bean is.
	 * @param context the instance
	 * @return the endpoints
	 */
	public static ServiceEndpoints endpointsOf(InstanceContext<?> context) {
		return context.beanFactory().getBean(BEAN_NAME, PlugboardDiscovery.class).endpoints(context.definition());
	}

	ServiceEndpoints endpoints(InstanceDefinition<?> definition) {
		String service = definition.discoveredService();
		if (service == null) {
			throw new IllegalStateException(definition + " does not use discovery");
		}
		return this.endpoints.computeIfAbsent(definition.type() + "/" + definition.name(),
				(key) -> new DiscoveredEndpoints(service, definition.common().getDiscovery().getTags(),
						definition.common().getDiscovery().getCacheTtl(), this.lookup, this.executor));
	}

	/**
	 * What health shows of an instance's service, or {@code null} if it does not use discovery.
	 * @param definition the instance
	 * @return the details or {@code null}
	 */
	public @Nullable Map<String, Object> describe(InstanceDefinition<?> definition) {
		DiscoveredEndpoints known = this.endpoints.get(definition.type() + "/" + definition.name());
		return (known != null) ? known.describe() : null;
	}

	/**
	 * The endpoint text of an instance: {@code users-db → 127.0.0.1:5432/users (via consul)}.
	 * @param definition the instance
	 * @return the text, or the prepared endpoint if the instance does not use discovery
	 */
	public String endpoint(InstanceDefinition<?> definition) {
		DiscoveredEndpoints known = this.endpoints.get(definition.type() + "/" + definition.name());
		return (known != null) ? known.endpoint(definition.endpoint()) : definition.endpoint();
	}

	/**
	 * The discovery clients asked, for messages.
	 * @return their names and descriptions
	 */
	public String clients() {
		return this.lookup.clients();
	}

	@Override
	public void onApplicationEvent(HeartbeatEvent event) {
		this.endpoints.values().forEach(DiscoveredEndpoints::invalidate);
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
