package dev.plugboard.postgres.jpa;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;

/**
 * One line per instance instead of Hibernate's database report. Hibernate builds each
 * instance's persistence unit without a connection (the instance may be down at startup), and
 * drops the JDBC URL and driver settings when it is handed a DataSource; its report then reads
 * {@code Database JDBC URL [undefined/unknown]}, which looks like a misconfiguration. Its
 * logger ({@value #HIBERNATE_REPORT}, which carries nothing else for a pool that is not
 * Hibernate's own) is set to WARN unless the application configured a level for it, and the
 * instance's real connection is told instead.
 *
 * @author Plugboard
 */
final class HibernateReport {

	/** Hibernate's {@code ConnectionInfoLogger} category. */
	static final String HIBERNATE_REPORT = "org.hibernate.orm.connections.pooling";

	private static final Log logger = LogFactory.getLog(HibernateReport.class);

	private HibernateReport() {
	}

	static void replace(String instance, DataSource dataSource) {
		quietHibernate();
		if (dataSource instanceof HikariDataSource pool) {
			logger.info("JPA for postgres instance '" + instance + "': " + pool.getJdbcUrl() + ", driver "
					+ pool.getDriverClassName() + ", pool '" + pool.getPoolName() + "' of at most "
					+ pool.getMaximumPoolSize() + " connections");
		}
	}

	private static void quietHibernate() {
		LoggingSystem system = LoggingSystem.get(HibernateReport.class.getClassLoader());
		LoggerConfiguration configuration = system.getLoggerConfiguration(HIBERNATE_REPORT);
		if (configuration == null || configuration.getConfiguredLevel() == null) {
			system.setLogLevel(HIBERNATE_REPORT, LogLevel.WARN);
		}
	}

}
