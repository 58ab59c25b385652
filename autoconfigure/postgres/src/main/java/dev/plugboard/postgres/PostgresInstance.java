package dev.plugboard.postgres;

import com.zaxxer.hikari.HikariDataSource;

import dev.plugboard.InstanceHandle;
import dev.plugboard.PlugInstance;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One PostgreSQL instance's clients in one object; inject it with
 * {@code @Plug("analytics-db") PostgresInstance analytics}.
 *
 * @author Plugboard
 */
public final class PostgresInstance extends InstanceHandle {

	private final HikariDataSource dataSource;

	private final JdbcClient jdbcClient;

	private final JdbcTemplate jdbcTemplate;

	private final NamedParameterJdbcTemplate namedParameterJdbcTemplate;

	private final PlatformTransactionManager transactionManager;

	private final TransactionTemplate transactionTemplate;

	/**
	 * Create a handle.
	 * @param instance the managed instance
	 * @param dataSource the pool
	 * @param jdbcClient the JDBC client
	 * @param jdbcTemplate the JDBC template
	 * @param namedParameterJdbcTemplate the named-parameter template
	 * @param transactionManager the transaction manager
	 * @param transactionTemplate the transaction template
	 */
	public PostgresInstance(PlugInstance instance, HikariDataSource dataSource, JdbcClient jdbcClient,
			JdbcTemplate jdbcTemplate, NamedParameterJdbcTemplate namedParameterJdbcTemplate,
			PlatformTransactionManager transactionManager, TransactionTemplate transactionTemplate) {
		super(instance);
		this.dataSource = dataSource;
		this.jdbcClient = jdbcClient;
		this.jdbcTemplate = jdbcTemplate;
		this.namedParameterJdbcTemplate = namedParameterJdbcTemplate;
		this.transactionManager = transactionManager;
		this.transactionTemplate = transactionTemplate;
	}

	public HikariDataSource dataSource() {
		return this.dataSource;
	}

	public JdbcClient jdbcClient() {
		return this.jdbcClient;
	}

	public JdbcTemplate jdbcTemplate() {
		return this.jdbcTemplate;
	}

	public NamedParameterJdbcTemplate namedParameterJdbcTemplate() {
		return this.namedParameterJdbcTemplate;
	}

	public PlatformTransactionManager transactionManager() {
		return this.transactionManager;
	}

	public TransactionTemplate transactionTemplate() {
		return this.transactionTemplate;
	}

}
