package dev.plugboard.core.spi;

import org.springframework.context.SmartLifecycle;

/**
 * {@link SmartLifecycle} phases of Plugboard. Stores start first and stop last; consumers start
 * after the stores are running and stop before them. Both stop after the web server has
 * finished its graceful shutdown ({@code DEFAULT_PHASE - 1024}) and stopped
 * ({@code DEFAULT_PHASE - 2048}).
 *
 * @author Plugboard
 */
public final class PlugboardPhases {

	/** Phase in which every instance is proven to answer (stores and broker connections). */
	public static final int STORES = SmartLifecycle.DEFAULT_PHASE - 4096;

	/** Phase of message consumers (listener containers) that Plugboard manages. */
	public static final int CONSUMERS = SmartLifecycle.DEFAULT_PHASE - 3072;

	private PlugboardPhases() {
	}

}
