package dev.plugboard;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A read-only view of one named instance: what it is, where it points and how it is doing.
 *
 * @author Plugboard
 */
public interface PlugInstance {

	/**
	 * The integration type, for example {@code postgres}.
	 * @return the type
	 */
	String type();

	/**
	 * The instance name, for example {@code primary-db}.
	 * @return the name
	 */
	String name();

	/**
	 * The current lifecycle state.
	 * @return the state
	 */
	InstanceState state();

	/**
	 * When the instance entered its current state.
	 * @return the instant of the last state change
	 */
	Instant since();

	/**
	 * Whether the application refuses to start (and reports itself down) without it.
	 * @return {@code true} if critical
	 */
	boolean critical();

	/**
	 * Whether its beans are the {@code @Primary} ones of its type.
	 * @return {@code true} if primary
	 */
	boolean primary();

	/**
	 * Where the instance points, without credentials, for example {@code db1:5432/users}.
	 * @return the sanitized endpoint
	 */
	String endpoint();

	/**
	 * The beans registered for the instance, keyed by role ({@code DataSource} →
	 * {@code primaryDbDataSource}).
	 * @return bean names by role
	 */
	Map<String, String> beanNames();

	/**
	 * The last error seen while starting or checking the instance, passwords masked.
	 * @return the last error message, or {@code null}
	 */
	@Nullable String lastError();

	/**
	 * How long the instance took to answer at startup.
	 * @return the startup duration, or {@code null} if it has not answered yet
	 */
	@Nullable Duration startupDuration();

}
