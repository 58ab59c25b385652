package dev.plugboard.core.discovery;

import java.util.List;

/**
 * A service that a {@code discovery://} instance follows has no passing instance, and none was
 * known before.
 *
 * @author Plugboard
 */
public class NoServiceInstanceException extends IllegalStateException {

	private final String service;

	private final List<String> tags;

	private final String via;

	NoServiceInstanceException(String service, List<String> tags, String via) {
		super("the service '" + service + "' has no passing instance" + (tags.isEmpty() ? "" : " tagged " + tags)
				+ " in " + via);
		this.service = service;
		this.tags = List.copyOf(tags);
		this.via = via;
	}

	public String service() {
		return this.service;
	}

	public List<String> tags() {
		return this.tags;
	}

	/**
	 * The discovery clients asked.
	 * @return for example {@code consul (Spring Cloud Consul Discovery Client)}
	 */
	public String via() {
		return this.via;
	}

}
