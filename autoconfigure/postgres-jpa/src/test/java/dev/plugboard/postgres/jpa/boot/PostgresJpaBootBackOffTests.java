package dev.plugboard.postgres.jpa.boot;

import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.postgres.jpa.app.inventory.ItemRepository;
import dev.plugboard.postgres.jpa.app.users.AppUserRepository;
import dev.plugboard.postgres.testing.SharedPostgres;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.repository.Repository;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.JpaVendorAdapter;
import org.springframework.orm.jpa.persistenceunit.PersistenceManagedTypes;
import org.springframework.transaction.TransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With every auto-configuration on the classpath, as in an application, Spring Boot's JPA and
 * repository auto-configurations build nothing of their own beside the instances — above all
 * when the primary instance is JDBC-only and no instance has an EntityManagerFactory that
 * would make Boot's back off by itself. This package holds no entity, so the default scan of
 * a primary finds none here.
 */
class PostgresJpaBootBackOffTests {

	private static final String MAIN = "plugboard_jpa_backoff_main";

	private static final String INVENTORY = "plugboard_jpa_backoff_inventory";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues("plugboard.postgres.main-db.url=" + SharedPostgres.url(MAIN),
				"plugboard.postgres.main-db.primary=true");

	@BeforeAll
	static void createDatabases() {
		SharedPostgres.recreate(MAIN);
		SharedPostgres.recreate(INVENTORY);
	}

	@AfterAll
	static void dropDatabases() {
		SharedPostgres.drop(MAIN);
		SharedPostgres.drop(INVENTORY);
	}

	@Test
	void noBootEntityManagerFactoryBesideAJdbcOnlyPrimary() {
		// the application's packages hold entities and repositories, which Boot would map onto
		// the primary's DataSource
		this.contextRunner.withUserConfiguration(ApplicationWithEntities.class)
			.withPropertyValues("plugboard.postgres.main-db.jpa.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeanNamesForType(EntityManagerFactory.class)).isEmpty();
				assertThat(context.getBeanNamesForType(JpaVendorAdapter.class)).isEmpty();
				assertThat(context.getBeanNamesForType(PersistenceManagedTypes.class)).isEmpty();
				assertThat(context.getBeanNamesForType(Repository.class)).isEmpty();
				assertThat(context.getBeansOfType(TransactionManager.class)).containsOnlyKeys("mainDbTransactionManager");
				assertThat(context.getBean("transactionManager")).isInstanceOf(JdbcTransactionManager.class);
			});
	}

	@Test
	void noBootEntityManagerFactoryWhenThePrimarysDefaultScanFindsNoEntity() {
		this.contextRunner.withUserConfiguration(ApplicationWithoutEntities.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeanNamesForType(EntityManagerFactory.class)).isEmpty();
			assertThat(context.getBeanNamesForType(JpaVendorAdapter.class)).isEmpty();
			assertThat(context.getBean("transactionManager")).isInstanceOf(JdbcTransactionManager.class);
		});
	}

	@Test
	void jpaOnAnotherInstanceLeavesTheJdbcOnlyPrimaryAlone() {
		this.contextRunner.withUserConfiguration(ApplicationWithEntities.class)
			.withPropertyValues("plugboard.postgres.main-db.jpa.enabled=false",
					"plugboard.postgres.inventory-db.url=" + SharedPostgres.url(INVENTORY),
					"plugboard.postgres.inventory-db.jpa.packages=dev.plugboard.postgres.jpa.app.inventory",
					"plugboard.postgres.inventory-db.jpa.ddl-auto=create")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(EntityManagerFactory.class))
					.containsOnlyKeys("inventoryDbEntityManagerFactory");
				assertThat(context.getBeanNamesForType(JpaVendorAdapter.class)).isEmpty();
				assertThat(context.getBean("inventoryDbTransactionManager")).isInstanceOf(JpaTransactionManager.class);
				assertThat(context.getBean("mainDbTransactionManager")).isInstanceOf(JdbcTransactionManager.class);
				assertThat(context.getBeanNamesForType(ItemRepository.class)).hasSize(1);
				assertThat(context.getBeanNamesForType(AppUserRepository.class)).isEmpty();
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@AutoConfigurationPackage(basePackages = "dev.plugboard.postgres.jpa.app")
	static class ApplicationWithEntities {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ApplicationWithoutEntities {

	}

}
