package dev.plugboard.postgres.jpa;

import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.metamodel.EntityType;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.plugboard.core.testing.FailureAnalyses;
import dev.plugboard.Plug;
import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.postgres.autoconfigure.PostgresAutoConfiguration;
import dev.plugboard.postgres.jpa.app.inventory.Item;
import dev.plugboard.postgres.jpa.app.inventory.ItemRepository;
import dev.plugboard.postgres.jpa.app.users.AppUser;
import dev.plugboard.postgres.jpa.app.users.AppUserRepository;
import dev.plugboard.postgres.testing.SharedPostgres;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * JPA per instance: primary-db (JPA, Flyway, validate), inventory-db (JPA, create) and
 * analytics-db (JDBC only), on three databases of the shared server.
 */
@ExtendWith(OutputCaptureExtension.class)
class PostgresJpaTests {

	private static final String PRIMARY = "plugboard_jpa_primary";

	private static final String INVENTORY = "plugboard_jpa_inventory";

	private static final String ANALYTICS = "plugboard_jpa_analytics";

	private final AutoConfigurations autoConfigurations = AutoConfigurations.of(PlugboardAutoConfiguration.class,
			PostgresAutoConfiguration.class, DataSourceAutoConfiguration.class,
			DataSourceTransactionManagerAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
			DataJpaRepositoriesAutoConfiguration.class, FlywayAutoConfiguration.class, TransactionAutoConfiguration.class);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(this.autoConfigurations)
		.withPropertyValues("plugboard.postgres.primary-db.url=" + SharedPostgres.url(PRIMARY),
				"plugboard.postgres.primary-db.primary=true",
				"plugboard.postgres.primary-db.jpa.packages=dev.plugboard.postgres.jpa.app.users",
				"plugboard.postgres.primary-db.jpa.ddl-auto=validate",
				"plugboard.postgres.inventory-db.url=" + SharedPostgres.url(INVENTORY),
				"plugboard.postgres.inventory-db.jpa.packages=dev.plugboard.postgres.jpa.app.inventory",
				"plugboard.postgres.inventory-db.jpa.ddl-auto=create",
				"plugboard.postgres.analytics-db.url=" + SharedPostgres.url(ANALYTICS));

	@BeforeAll
	static void createDatabases() {
		SharedPostgres.recreate(PRIMARY);
		SharedPostgres.recreate(INVENTORY);
		SharedPostgres.recreate(ANALYTICS);
	}

	@AfterAll
	static void dropDatabases() {
		SharedPostgres.drop(PRIMARY);
		SharedPostgres.drop(INVENTORY);
		SharedPostgres.drop(ANALYTICS);
	}

	@Test
	void eachFactoryIsReportedWithItsInstancesRealConnectionInsteadOfHibernatesUnknowns(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("JPA for postgres instance 'primary-db': jdbc:postgresql://" + SharedPostgres.HOST
					+ ":" + SharedPostgres.PORT + "/" + PRIMARY + ", driver org.postgresql.Driver, pool 'primary-db' of "
					+ "at most 10 connections")
				.contains("JPA for postgres instance 'inventory-db': jdbc:postgresql://" + SharedPostgres.HOST + ":"
						+ SharedPostgres.PORT + "/" + INVENTORY)
				.doesNotContain("undefined/unknown")
				.doesNotContain("Database JDBC URL");
		});
	}

	@Test
	void jpaInstancesGetTheirOwnFactoryAndBootBacksOff() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(EntityManagerFactory.class)).containsOnlyKeys(
					"primaryDbEntityManagerFactory", "inventoryDbEntityManagerFactory");
			assertThat(context.getBean("entityManagerFactory")).isSameAs(context.getBean("primaryDbEntityManagerFactory"));
			assertThat(context.getBeansOfType(TransactionManager.class)).containsOnlyKeys("primaryDbTransactionManager",
					"inventoryDbTransactionManager", "analyticsDbTransactionManager");
			assertThat(context.getBean("primaryDbTransactionManager")).isInstanceOf(JpaTransactionManager.class);
			assertThat(context.getBean("analyticsDbTransactionManager")).isNotInstanceOf(JpaTransactionManager.class);
			assertThat(context.getBean("primaryDbEntityManagerFactory", EntityManagerFactory.class)
				.getProperties()).containsEntry("hibernate.persistenceUnitName", "primary-db");
		});
	}

	@Test
	void hibernateSettingsArePerInstance() {
		this.contextRunner
			.withPropertyValues("plugboard.postgres.inventory-db.jpa.properties.hibernate.jdbc.batch_size=25",
					"plugboard.postgres.inventory-db.jpa.show-sql=true")
			.run((context) -> {
				Map<String, Object> inventory = context
					.getBean("inventoryDbEntityManagerFactory", EntityManagerFactory.class)
					.getProperties();
				Map<String, Object> primary = context.getBean("primaryDbEntityManagerFactory", EntityManagerFactory.class)
					.getProperties();
				assertThat(inventory).containsEntry("hibernate.jdbc.batch_size", "25")
					.containsEntry("hibernate.show_sql", "true");
				assertThat(primary).doesNotContainKey("hibernate.jdbc.batch_size");
				assertThat(String.valueOf(primary.get("hibernate.show_sql"))).isNotEqualTo("true");
				// the dialect comes from the product name, not from a connection at startup
				assertThat(context.getBean("inventoryDbEntityManagerFactory", EntityManagerFactory.class)
					.unwrap(SessionFactoryImplementor.class)
					.getJdbcServices()
					.getDialect()).isInstanceOf(PostgreSQLDialect.class);
			});
	}

	@Test
	void repositoriesLandOnTheirInstance() {
		this.contextRunner.run((context) -> {
			AppUserRepository users = context.getBean(AppUserRepository.class);
			ItemRepository items = context.getBean(ItemRepository.class);
			users.save(new AppUser("ada@example.com", "Ada"));
			items.save(new Item("SKU-1"));
			assertThat(users.findByEmail("ada@example.com")).isPresent();
			assertThat(items.countBySku("SKU-1")).isEqualTo(1);
			JdbcClient primary = context.getBean("primaryDbJdbcClient", JdbcClient.class);
			JdbcClient inventory = context.getBean("inventoryDbJdbcClient", JdbcClient.class);
			assertThat(tables(primary)).contains("app_user", "flyway_schema_history").doesNotContain("item");
			assertThat(tables(inventory)).contains("item").doesNotContain("app_user");
			assertThat(primary.sql("SELECT display_name FROM app_user WHERE email = 'ada@example.com'")
				.query(String.class)
				.single()).isEqualTo("Ada");
			assertThat(tables(context.getBean("analyticsDbJdbcClient", JdbcClient.class))).doesNotContain("app_user", "item");
		});
	}

	@Test
	void unqualifiedTransactionalUsesThePrimaryInstance() {
		this.contextRunner.withUserConfiguration(Services.class).run((context) -> {
			SignUp signUp = context.getBean(SignUp.class);
			assertThatIllegalStateException().isThrownBy(() -> signUp.registerThenFail("rollback@example.com"));
			assertThat(context.getBean(AppUserRepository.class).findByEmail("rollback@example.com")).isEmpty();
			assertThat(signUp.items()).isSameAs(context.getBean(ItemRepository.class));
		});
	}

	@Test
	void validateFailsStartupWhenTheSchemaDoesNotMatch() {
		// pointed at analytics-db's database, which has no item table, knowingly
		this.contextRunner.withPropertyValues("plugboard.postgres.inventory-db.jpa.ddl-auto=validate",
				"plugboard.postgres.inventory-db.url=" + SharedPostgres.url(ANALYTICS),
				"plugboard.postgres.inventory-db.shared-with=analytics-db").run((context) -> {
					assertThat(context).hasFailed();
					FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
					assertThat(analysis.getDescription()).contains("inventory-db").contains("missing table [item]");
					assertThat(analysis.getAction()).contains("schema action 'validate' failed")
						.contains("'plugboard.postgres.inventory-db.jpa.ddl-auto'")
						.contains("PLUGBOARD_POSTGRES_INVENTORY_DB_JPA_DDL_AUTO");
				});
	}

	@Test
	void jpaDisabledKeepsAnInstanceJdbcOnlyWhileAnotherHasJpa() {
		this.contextRunner.withPropertyValues("plugboard.postgres.inventory-db.jpa.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(EntityManagerFactory.class)).containsOnlyKeys("primaryDbEntityManagerFactory");
			assertThat(context.getBean("inventoryDbTransactionManager")).isInstanceOf(JdbcTransactionManager.class)
				.isNotInstanceOf(JpaTransactionManager.class);
			assertThat(context.getBean("primaryDbTransactionManager")).isInstanceOf(JpaTransactionManager.class);
			assertThat(context.getBeanNamesForType(ItemRepository.class)).isEmpty();
			assertThat(context.getBeanNamesForType(AppUserRepository.class)).hasSize(1);
		});
	}

	@Test
	void primaryScanningTheApplicationLeavesOutThePackagesOfOtherInstances() {
		new ApplicationContextRunner().withConfiguration(this.autoConfigurations)
			.withUserConfiguration(ApplicationPackages.class)
			.withPropertyValues("plugboard.postgres.primary-db.url=" + SharedPostgres.url(PRIMARY),
					"plugboard.postgres.primary-db.primary=true", "plugboard.postgres.primary-db.jpa.ddl-auto=validate",
					"plugboard.postgres.inventory-db.url=" + SharedPostgres.url(INVENTORY),
					"plugboard.postgres.inventory-db.jpa.packages=dev.plugboard.postgres.jpa.app.inventory",
					"plugboard.postgres.inventory-db.jpa.ddl-auto=create")
			.run((context) -> eachEntityAndRepositoryOnItsOwnInstance(context, "implicit"));
	}

	@Test
	void explicitPackagesLeaveOutTheMoreSpecificPackagesOfOtherInstances() {
		this.contextRunner.withPropertyValues("plugboard.postgres.primary-db.jpa.packages=dev.plugboard.postgres.jpa.app")
			.run((context) -> eachEntityAndRepositoryOnItsOwnInstance(context, "explicit"));
	}

	private void eachEntityAndRepositoryOnItsOwnInstance(AssertableApplicationContext context, String key) {
		assertThat(context).hasNotFailed();
		assertThat(entities(context, "primaryDbEntityManagerFactory")).containsExactly(AppUser.class);
		assertThat(entities(context, "inventoryDbEntityManagerFactory")).containsExactly(Item.class);
		assertThat(context.getBeanNamesForType(ItemRepository.class)).hasSize(1);
		assertThat(context.getBeanNamesForType(AppUserRepository.class)).hasSize(1);
		context.getBean(ItemRepository.class).save(new Item("SKU-" + key));
		context.getBean(AppUserRepository.class).save(new AppUser(key + "@example.com", key));
		JdbcClient inventory = context.getBean("inventoryDbJdbcClient", JdbcClient.class);
		JdbcClient primary = context.getBean("primaryDbJdbcClient", JdbcClient.class);
		assertThat(inventory.sql("SELECT count(*) FROM item WHERE sku = :sku")
			.param("sku", "SKU-" + key)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(primary.sql("SELECT count(*) FROM app_user WHERE email = :email")
			.param("email", key + "@example.com")
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(tables(primary)).doesNotContain("item");
	}

	private static List<Class<?>> entities(AssertableApplicationContext context, String beanName) {
		return context.getBean(beanName, EntityManagerFactory.class)
			.getMetamodel()
			.getEntities()
			.stream()
			.<Class<?>>map(EntityType::getJavaType)
			.toList();
	}

	@Test
	void unknownPackagesNameTheSetting() {
		this.contextRunner.withPropertyValues("plugboard.postgres.inventory-db.jpa.packages=com.acme.nothing")
			.run((context) -> {
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'plugboard.postgres.inventory-db.jpa.packages'")
					.contains("PLUGBOARD_POSTGRES_INVENTORY_DB_JPA_PACKAGES")
					.contains("no @Entity class was found in [com.acme.nothing]");
			});
	}

	private static List<String> tables(JdbcClient client) {
		return client.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").query(String.class).list();
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackages = "dev.plugboard.postgres.jpa.app")
	static class ApplicationPackages {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableTransactionManagement
	static class Services {

		@Bean
		SignUp signUp(AppUserRepository users, @Plug("inventory-db") ItemRepository items) {
			return new SignUp(users, items);
		}

	}

	static class SignUp {

		private final AppUserRepository users;

		private final ItemRepository items;

		SignUp(AppUserRepository users, ItemRepository items) {
			this.users = users;
			this.items = items;
		}

		public ItemRepository items() {
			return this.items;
		}

		@Transactional
		public void registerThenFail(String email) {
			this.users.save(new AppUser(email, "x"));
			this.users.flush();
			throw new IllegalStateException("roll back");
		}

	}

}
