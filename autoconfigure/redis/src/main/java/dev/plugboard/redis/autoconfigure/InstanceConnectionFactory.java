package dev.plugboard.redis.autoconfigure;

import java.time.Duration;

import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.ClusterCommandExecutor;
import org.springframework.data.redis.connection.ClusterTopologyProvider;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClusterConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionProvider;

/**
 * The Lettuce connection factory of one instance. It is Spring Data Redis' own factory and
 * connections; only the messages of Spring Data Redis' generic exceptions are reworded. Spring
 * Data Redis reports a rejected command as {@code RedisSystemException: Redis exception}, an
 * error the server answers (a wrong type, an unknown command) as
 * {@code RedisSystemException: Error in execution}, and keeps what is wrong in the cause; the
 * caller, of a degraded instance or not, gets the same exception type and cause, with the
 * instance, its endpoint and Lettuce's reason (for a server error, the server's reply) in the
 * message.
 *
 * @author Plugboard
 */
final class InstanceConnectionFactory extends LettuceConnectionFactory {

	// "Redis instance '<name>' (<endpoint>): ", which starts every reworded message
	private final String prefix;

	// LettuceConnectionFactory does not expose it, and new connections need it
	private LettuceConnection.PipeliningFlushPolicy pipeliningFlushPolicy = LettuceConnection.PipeliningFlushPolicy
		.flushEachCommand();

	InstanceConnectionFactory(String instance, String endpoint, RedisConfiguration configuration,
			LettuceClientConfiguration clientConfiguration) {
		super(configuration, clientConfiguration);
		this.prefix = "Redis instance '" + instance + "' (" + endpoint + "): ";
	}

	@Override
	public void setPipeliningFlushPolicy(LettuceConnection.PipeliningFlushPolicy pipeliningFlushPolicy) {
		super.setPipeliningFlushPolicy(pipeliningFlushPolicy);
		this.pipeliningFlushPolicy = pipeliningFlushPolicy;
	}

	@Override
	public RedisConnection getConnection() {
		try {
			return super.getConnection();
		}
		catch (DataAccessException ex) {
			throw explain(ex);
		}
	}

	@Override
	public RedisClusterConnection getClusterConnection() {
		try {
			return super.getClusterConnection();
		}
		catch (DataAccessException ex) {
			throw explain(ex);
		}
	}

	@Override
	protected LettuceConnection doCreateLettuceConnection(@Nullable StatefulRedisConnection<byte[], byte[]> sharedConnection,
			LettuceConnectionProvider connectionProvider, long timeout, int database) {
		LettuceConnection connection = new LettuceConnection(sharedConnection, connectionProvider, timeout, database) {

			@Override
			protected DataAccessException convertLettuceAccessException(Exception ex) {
				return explain(super.convertLettuceAccessException(ex));
			}

		};
		connection.setPipeliningFlushPolicy(this.pipeliningFlushPolicy);
		return connection;
	}

	@Override
	protected LettuceClusterConnection doCreateLettuceClusterConnection(
			StatefulRedisClusterConnection<byte[], byte[]> sharedConnection, LettuceConnectionProvider connectionProvider,
			ClusterTopologyProvider topologyProvider, ClusterCommandExecutor clusterCommandExecutor,
			Duration commandTimeout) {
		LettuceClusterConnection connection = new LettuceClusterConnection(sharedConnection, connectionProvider,
				topologyProvider, clusterCommandExecutor, commandTimeout) {

			@Override
			protected DataAccessException convertLettuceAccessException(Exception ex) {
				return explain(super.convertLettuceAccessException(ex));
			}

		};
		connection.setPipeliningFlushPolicy(this.pipeliningFlushPolicy);
		return connection;
	}

	/**
	 * Reword Spring Data Redis' generic messages ("Redis exception", "Unable to connect to
	 * Redis", "Redis command timed out", "Error in execution") with the instance, its endpoint
	 * and Lettuce's reason: every {@link RedisConnectionFailureException},
	 * {@link QueryTimeoutException} and {@link RedisSystemException} (exactly those types) with a
	 * cause. That includes an error the server answers: {@code WRONGTYPE} arrives as
	 * {@code RedisSystemException: Error in execution} caused by Lettuce's
	 * {@code RedisCommandExecutionException} and becomes
	 * {@code Redis instance '<name>' (<endpoint>): WRONGTYPE Operation against a key holding the
	 * wrong kind of value}. Any other exception type, and one without a cause, stays as Spring
	 * Data Redis made it.
	 * @param ex the translated exception
	 * @return an exception of the same type that says which instance and what is wrong
	 */
	DataAccessException explain(DataAccessException ex) {
		Class<?> type = ex.getClass();
		boolean generic = type == RedisConnectionFailureException.class || type == QueryTimeoutException.class
				|| type == RedisSystemException.class;
		Throwable cause = ex.getCause();
		if (!generic || cause == null) {
			return ex;
		}
		String reason = reason(cause);
		String message = ex.getMessage();
		if (reason == null || (message != null && message.startsWith(this.prefix))) {
			return ex;
		}
		String explainedMessage = this.prefix + reason;
		DataAccessException explained;
		if (type == RedisConnectionFailureException.class) {
			explained = new RedisConnectionFailureException(explainedMessage, cause);
		}
		else if (type == QueryTimeoutException.class) {
			explained = new QueryTimeoutException(explainedMessage, cause);
		}
		else {
			explained = new RedisSystemException(explainedMessage, cause);
		}
		// where the caller met it, not where it was reworded
		explained.setStackTrace(ex.getStackTrace());
		return explained;
	}

	/**
	 * Lettuce's own words for what went wrong: the first Lettuce exception in the chain, since
	 * with pooling the pool's "Could not get a resource from the pool" comes between.
	 */
	private static @Nullable String reason(Throwable cause) {
		for (Throwable candidate = cause; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof RedisException && candidate.getMessage() != null) {
				return candidate.getMessage().strip();
			}
		}
		return (cause.getMessage() != null) ? cause.getMessage().strip() : null;
	}

}
