package dev.plugboard.postgres.jpa;

import java.time.Duration;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.postgres.autoconfigure.PostgresAutoConfiguration;
import dev.plugboard.postgres.jpa.app.inventory.Item;
import dev.plugboard.postgres.jpa.app.inventory.ItemRepository;
import dev.plugboard.postgres.testing.PrivatePostgres;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Read replicas with JPA, on a real streaming-replication pair of private clusters: a
 * read-only JPA transaction (and so a read-only repository call) runs on the replica, a
 * writing one and the schema action on the primary.
 */
class PostgresJpaReplicaTests {

	static final String SECRET = "Jpa-Replica-S3cret";

	private static PrivatePostgres primary;

	private static PrivatePostgres replica;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlugboardAutoConfiguration.class, PostgresAutoConfiguration.class))
		.withPropertyValues("plugboard.postgres.inventory-db.url=" + primary.url("postgres"),
				"plugboard.postgres.inventory-db.replicas[0].url=postgres://127.0.0.1:" + replica.port() + "/postgres",
				"plugboard.postgres.inventory-db.replica.check-interval=200ms",
				"plugboard.postgres.inventory-db.flyway.enabled=false",
				"plugboard.postgres.inventory-db.jpa.packages=dev.plugboard.postgres.jpa.app.inventory",
				// runs on the primary: a replica refuses DDL
				"plugboard.postgres.inventory-db.jpa.ddl-auto=update");

	@BeforeAll
	static void startPair() {
		primary = PrivatePostgres.start(SECRET);
		replica = primary.replica();
	}

	@AfterAll
	static void stopPair() {
		replica.close();
		primary.close();
	}

	@Test
	void readOnlyJpaTransactionsRunOnTheReplicaAndWritesOnThePrimary() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			ItemRepository items = context.getBean(ItemRepository.class);
			items.save(new Item("written-on-the-primary"));
			TransactionTemplate readOnly = transaction(context, true);
			await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.TRUE.equals(readOnly.execute((status) -> inRecovery(context))));
			Boolean writingOnReplica = transaction(context, false).execute((status) -> inRecovery(context));
			assertThat(writingOnReplica).isFalse();
			// the replayed row, read through the repository in a read-only transaction on the replica
			await().atMost(Duration.ofSeconds(10))
				.until(() -> readOnly.execute((status) -> items.count()) == 1L);
			Boolean replicaServedTheRow = readOnly.execute((status) -> inRecovery(context) && items.count() == 1);
			assertThat(replicaServedTheRow).isTrue();
		});
	}

	private static boolean inRecovery(AssertableApplicationContext context) {
		EntityManager entityManager = EntityManagerFactoryUtils.getTransactionalEntityManager(
				context.getBean("inventoryDbEntityManagerFactory", EntityManagerFactory.class));
		return (Boolean) entityManager.createNativeQuery("SELECT pg_is_in_recovery()").getSingleResult();
	}

	private static TransactionTemplate transaction(AssertableApplicationContext context, boolean readOnly) {
		TransactionTemplate template = new TransactionTemplate(
				context.getBean("inventoryDbTransactionManager", PlatformTransactionManager.class));
		template.setReadOnly(readOnly);
		return template;
	}

}
