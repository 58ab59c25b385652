package dev.plugboard.samples.mariadb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.InstanceState;
import dev.plugboard.Plug;
import dev.plugboard.Plugboard;
import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.core.testing.ConfigurationMetadata;
import dev.plugboard.core.testing.FailureAnalyses;
import dev.plugboard.core.testing.ModuleBoundaries;
import dev.plugboard.core.testing.TcpProxy;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The example integration against the MariaDB server on loopback: what the SPI gives it
 * without a line of its own — bean names, qualifiers, primary, lifecycle, failure analysis —
 * and what it does itself.
 */
class MariaDbInstancesTests {

	static final String HOST = env("PLUGBOARD_TEST_MARIADB_HOST", "127.0.0.1");

	static final int PORT = Integer.parseInt(env("PLUGBOARD_TEST_MARIADB_PORT", "3306"));

	static final String USER = env("PLUGBOARD_TEST_MARIADB_USER", "root");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, MariaDbAutoConfiguration.class,
				DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				JdbcClientAutoConfiguration.class));

	@BeforeAll
	static void createDatabases() throws Exception {
		try (Connection connection = DriverManager.getConnection("jdbc:mariadb://" + HOST + ":" + PORT + "/", USER,
				"");
				Statement statement = connection.createStatement()) {
			for (String database : new String[] { "plugboard_shop", "plugboard_reports" }) {
				statement.execute("DROP DATABASE IF EXISTS " + database);
				statement.execute("CREATE DATABASE " + database);
			}
		}
	}

	@Test
	void twoInstancesGetTheirOwnPoolsAndBootBacksOff() {
		this.contextRunner.withUserConfiguration(Reports.class)
			.withPropertyValues(url("shop-db", "plugboard_shop"), url("reports-db", "plugboard_reports"),
					"plugboard.mariadb.shop-db.primary=true", "plugboard.mariadb.reports-db.maximum-pool-size=3")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(DataSource.class)).containsOnlyKeys("shopDbDataSource",
						"reportsDbDataSource");
				assertThat(context.getBeansOfType(JdbcTemplate.class)).containsOnlyKeys("shopDbJdbcTemplate",
						"reportsDbJdbcTemplate");
				HikariDataSource reports = context.getBean("reportsDbDataSource", HikariDataSource.class);
				assertThat(reports.getPoolName()).isEqualTo("reports-db");
				assertThat(reports.getMaximumPoolSize()).isEqualTo(3);
				assertThat(context.getBean(Plugboard.class).instances())
					.allSatisfy((instance) -> assertThat(instance.state()).isEqualTo(InstanceState.RUNNING));
				Reports consumer = context.getBean(Reports.class);
				consumer.shop.sql("CREATE TABLE orders (id INT PRIMARY KEY)").update();
				consumer.shop.sql("INSERT INTO orders VALUES (1)").update();
				assertThat(consumer.primary.sql("SELECT COUNT(*) FROM orders").query(Integer.class).single())
					.isEqualTo(1);
				assertThat(consumer.reports
					.sql("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
							+ "AND table_name = 'orders'")
					.query(Integer.class)
					.single()).isZero();
			});
	}

	@Test
	void unreachableCriticalInstanceStopsStartupNamingItsSettings() throws Exception {
		int nothing = TcpProxy.freePort();
		this.contextRunner
			.withPropertyValues("plugboard.mariadb.shop-db.url=mariadb://app:Sh0p-Secret@127.0.0.1:" + nothing + "/shop",
					"plugboard.mariadb.shop-db.startup.timeout=500ms",
					"plugboard.mariadb.shop-db.startup.retry-interval=100ms")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("mariadb instance 'shop-db' at 127.0.0.1:" + nothing)
					.doesNotContain("Sh0p-Secret");
				assertThat(analysis.getAction()).contains("plugboard.mariadb.shop-db.host")
					.contains("PLUGBOARD_MARIADB_SHOP_DB_HOST")
					.doesNotContain("Sh0p-Secret");
			});
	}

	@Test
	void wrongPasswordIsExplainedWithoutShowingIt() {
		this.contextRunner
			.withPropertyValues("plugboard.mariadb.shop-db.url=mariadb://" + USER + ":Wr0ng-Secret@" + HOST + ":"
					+ PORT + "/plugboard_shop", "plugboard.mariadb.shop-db.startup.timeout=500ms")
			.run((context) -> {
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getAction()).contains("refused the credentials")
					.contains("PLUGBOARD_MARIADB_SHOP_DB_PASSWORD");
				assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("Wr0ng-Secret");
			});
	}

	@Test
	void badPoolSizeIsAnInvalidSetting() {
		this.contextRunner.withPropertyValues(url("shop-db", "plugboard_shop"),
				"plugboard.mariadb.shop-db.maximum-pool-size=0")
			.run((context) -> assertThatException().isThrownBy(() -> {
				throw context.getStartupFailure();
			}).satisfies((failure) -> assertThat(FailureAnalyses.analyze(failure).getDescription())
				.contains("plugboard.mariadb.shop-db.maximum-pool-size")
				.contains("PLUGBOARD_MARIADB_SHOP_DB_MAXIMUM_POOL_SIZE")));
	}

	@Test
	void keepsToTheSpi() {
		ModuleBoundaries.check("dev.plugboard.samples.mariadb");
	}

	@Test
	void everySettingIsDescribed() {
		ConfigurationMetadata.assertEveryPropertyIsDescribed("plugboard.mariadb");
	}

	private static String url(String instance, String database) {
		return "plugboard.mariadb." + instance + ".url=mariadb://" + USER + "@" + HOST + ":" + PORT + "/" + database;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

	@Configuration(proxyBeanMethods = false)
	static class Reports {

		final JdbcClient shop;

		final JdbcClient reports;

		final JdbcClient primary;

		Reports(@Plug("shop-db") JdbcClient shop, @Plug("reports-db") JdbcClient reports, JdbcClient primary) {
			this.shop = shop;
			this.reports = reports;
			this.primary = primary;
		}

		@Bean
		String marker() {
			return "reports";
		}

	}

}
