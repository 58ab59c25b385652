package dev.plugboard.core.spi;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.plugboard.PlugInstance;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * One instance at runtime: its definition, its beans and its state.
 *
 * @param <S> the type settings
 * @author Plugboard
 */
public final class InstanceContext<S extends InstanceSettings> {

	private final InstanceDefinition<S> definition;

	private final ListableBeanFactory beanFactory;

	private final Supplier<PlugInstance> instance;

	/**
	 * Create a context.
	 * @param definition the definition
	 * @param beanFactory the bean factory that holds the instance's beans
	 * @param instance supplies the managed instance
	 */
	public InstanceContext(InstanceDefinition<S> definition, ListableBeanFactory beanFactory,
			Supplier<PlugInstance> instance) {
		this.definition = definition;
		this.beanFactory = beanFactory;
		this.instance = instance;
	}

	public InstanceDefinition<S> definition() {
		return this.definition;
	}

	public S settings() {
		return this.definition.settings();
	}

	public String name() {
		return this.definition.name();
	}

	/**
	 * The bean of one role of this instance.
	 * @param <T> the bean type
	 * @param role the role, for example {@code DataSource}
	 * @param type the bean type
	 * @return the bean
	 */
	public <T> T bean(String role, Class<T> type) {
		return this.beanFactory.getBean(this.definition.beanName(role), type);
	}

	/**
	 * The bean factory, for beans that are not the instance's own (customizers, meter registries).
	 * @return the bean factory
	 */
	public ListableBeanFactory beanFactory() {
		return this.beanFactory;
	}

	/**
	 * The managed instance: state, endpoint, last error.
	 * @return the instance
	 */
	public PlugInstance instance() {
		return this.instance.get();
	}

	/**
	 * Where the instance connects when its URL is {@code discovery://<service>/…}: ask it at every
	 * new physical connection instead of connecting to the host that the URL names.
	 * @return the service's endpoints, or {@code null} if the instance does not use discovery
	 */
	public @Nullable ServiceEndpoints discovery() {
		return (this.definition.discoveredService() != null) ? bean("ServiceEndpoints", ServiceEndpoints.class) : null;
	}

}
