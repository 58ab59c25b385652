package dev.plugboard.core.discovery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.ConnectionUrl.HostAndPort;
import dev.plugboard.core.spi.DiscoveryAdapter;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClient;

/**
 * Asks the application's discovery clients, in their order, for the passing instances of a
 * service: through an adapter where one supports the client (Consul filters by health and tag on
 * the server), otherwise through {@link DiscoveryClient#getInstances} with tags matched against
 * each instance's metadata. The first client that lists an instance answers.
 *
 * @author Plugboard
 */
final class ServiceLookup {

	private static final Set<String> GENERIC_WORDS = Set.of("spring", "cloud", "discovery", "client", "reactive");

	private final Supplier<@Nullable DiscoveryClient> client;

	private final Supplier<List<DiscoveryAdapter>> adapters;

	ServiceLookup(Supplier<@Nullable DiscoveryClient> client, Supplier<List<DiscoveryAdapter>> adapters) {
		this.client = client;
		this.adapters = adapters;
	}

	Answer find(String service, List<String> tags) {
		List<DiscoveryClient> clients = clients(this.client.get());
		if (clients.isEmpty()) {
			throw new IllegalStateException("no Spring Cloud DiscoveryClient is configured: add a discovery client "
					+ "such as plugboard-starter-discovery-consul, or list static instances under "
					+ "spring.cloud.discovery.client.simple.instances." + service);
		}
		RuntimeException failure = null;
		for (DiscoveryClient candidate : clients) {
			try {
				List<HostAndPort> endpoints = ask(candidate, adapter(candidate), service, tags);
				if (!endpoints.isEmpty()) {
					return new Answer(endpoints, name(candidate));
				}
			}
			catch (RuntimeException ex) {
				failure = (failure != null) ? failure : ex;
			}
		}
		if (failure != null) {
			throw failure;
		}
		return new Answer(List.of(), describe(clients));
	}

	/** The clients asked, for messages: {@code consul (Spring Cloud Consul Discovery Client)}. */
	String clients() {
		List<DiscoveryClient> clients = clients(this.client.get());
		return clients.isEmpty() ? "no discovery client" : describe(clients);
	}

	private String describe(List<DiscoveryClient> clients) {
		List<String> names = new ArrayList<>();
		for (DiscoveryClient candidate : clients) {
			names.add(name(candidate) + " (" + candidate.description() + ")");
		}
		return String.join(", ", names);
	}

	private List<HostAndPort> ask(DiscoveryClient candidate, @Nullable DiscoveryAdapter adapter, String service,
			List<String> tags) {
		List<ServiceInstance> instances = (adapter != null) ? adapter.instances(candidate, service, tags)
				: candidate.getInstances(service).stream().filter((instance) -> carries(instance, tags)).toList();
		Set<HostAndPort> endpoints = new LinkedHashSet<>();
		for (ServiceInstance instance : instances) {
			if (instance.getHost() != null && instance.getPort() > 0) {
				endpoints.add(new HostAndPort(instance.getHost(), instance.getPort()));
			}
		}
		return List.copyOf(endpoints);
	}

	private @Nullable DiscoveryAdapter adapter(DiscoveryClient candidate) {
		for (DiscoveryAdapter adapter : this.adapters.get()) {
			if (adapter.supports(candidate)) {
				return adapter;
			}
		}
		return null;
	}

	/**
	 * Whether an instance carries every tag, read from its metadata: a key of that name, or a
	 * {@code tags} entry listing it (comma-separated), as static and Kubernetes instances can say.
	 */
	static boolean carries(ServiceInstance instance, List<String> tags) {
		if (tags.isEmpty()) {
			return true;
		}
		Map<String, String> metadata = instance.getMetadata();
		if (metadata == null) {
			return false;
		}
		String listed = metadata.get("tags");
		List<String> listedTags = (listed != null) ? Arrays.stream(listed.split(",")).map(String::trim).toList()
				: List.of();
		return tags.stream().allMatch((tag) -> metadata.containsKey(tag) || listedTags.contains(tag));
	}

	/**
	 * The adapter's name, or the client's description without Spring Cloud's words:
	 * "Simple Discovery Client" → {@code simple}.
	 */
	private String name(DiscoveryClient candidate) {
		DiscoveryAdapter adapter = adapter(candidate);
		if (adapter != null) {
			return adapter.name();
		}
		String description = String.valueOf(candidate.description());
		String name = Arrays.stream(description.toLowerCase(Locale.ROOT).split("\\s+"))
			.filter((word) -> !GENERIC_WORDS.contains(word))
			.collect(Collectors.joining("-"));
		return name.isEmpty() ? description : name;
	}

	private static List<DiscoveryClient> clients(@Nullable DiscoveryClient client) {
		if (client == null) {
			return List.of();
		}
		if (client instanceof CompositeDiscoveryClient composite) {
			return composite.getDiscoveryClients();
		}
		return List.of(client);
	}

	record Answer(List<HostAndPort> endpoints, String via) {
	}

}
