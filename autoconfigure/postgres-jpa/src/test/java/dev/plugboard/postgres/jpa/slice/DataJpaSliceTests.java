package dev.plugboard.postgres.jpa.slice;

import java.util.Map;

import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.plugboard.Plug;
import dev.plugboard.postgres.jpa.slice.notes.Note;
import dev.plugboard.postgres.jpa.slice.notes.NoteRepository;
import dev.plugboard.postgres.jpa.slice.tags.Tag;
import dev.plugboard.postgres.jpa.slice.tags.TagRepository;
import dev.plugboard.postgres.testing.SharedPostgres;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.transaction.AfterTransaction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @DataJpaTest} in an application that declares instances: the slice gets the instances'
 * EntityManagerFactories and repositories (not an embedded database, nor no
 * EntityManagerFactory at all), {@code TestEntityManager} and the test's transaction work on
 * the primary instance, and everything written is rolled back.
 */
class DataJpaSliceTests {

	static final String MAIN = "plugboard_jpa_slice_main";

	static final String OTHER = "plugboard_jpa_slice_other";

	@BeforeAll
	static void createDatabases() {
		SharedPostgres.recreate(MAIN);
		SharedPostgres.recreate(OTHER);
	}

	@AfterAll
	static void dropDatabases() {
		SharedPostgres.drop(MAIN);
		SharedPostgres.drop(OTHER);
	}

	static long rows(JdbcClient client, String table) {
		return client.sql("SELECT count(*) FROM " + table).query(Long.class).single();
	}

	@Nested
	@DataJpaTest
	@AutoConfigureTestDatabase(replace = Replace.NONE)
	class OneInstance {

		@Autowired
		ApplicationContext context;

		@Autowired
		TestEntityManager entityManager;

		@Autowired
		NoteRepository notes;

		@Autowired
		JdbcClient jdbc;

		@DynamicPropertySource
		static void instance(DynamicPropertyRegistry registry) {
			registry.add("plugboard.postgres.main-db.url", () -> SharedPostgres.url(MAIN));
			registry.add("plugboard.postgres.main-db.jpa.ddl-auto", () -> "create");
		}

		@Test
		void theSliceHasTheInstancesEntityManagerFactoryAndRepositories() {
			assertThat(this.context.getBeansOfType(DataSource.class)).containsOnlyKeys("mainDbDataSource");
			assertThat(this.context.getBeansOfType(EntityManagerFactory.class))
				.containsOnlyKeys("mainDbEntityManagerFactory");
			assertThat(this.jdbc.sql("SELECT current_database()").query(String.class).single()).isEqualTo(MAIN);
		}

		@Test
		void testEntityManagerAndRepositoryShareTheTestsTransaction() {
			Note saved = this.entityManager.persistFlushFind(new Note("written by the test"));
			assertThat(this.notes.findByBody("written by the test")).extracting(Note::getId).containsExactly(saved.getId());
			assertThat(rows(this.jdbc, "note")).isEqualTo(1);
		}

		@AfterTransaction
		void nothingIsLeft() {
			assertThat(rows(this.jdbc, "note")).isZero();
		}

	}

	@Nested
	@DataJpaTest(properties = { "plugboard.postgres.main-db.primary=true",
			"plugboard.postgres.main-db.jpa.packages=dev.plugboard.postgres.jpa.slice.notes",
			"plugboard.postgres.other-db.jpa.packages=dev.plugboard.postgres.jpa.slice.tags",
			"plugboard.postgres.main-db.jpa.ddl-auto=create", "plugboard.postgres.other-db.jpa.ddl-auto=create" })
	@AutoConfigureTestDatabase(replace = Replace.NONE)
	class TwoInstances {

		@Autowired
		ApplicationContext context;

		@Autowired
		TestEntityManager entityManager;

		@Autowired
		NoteRepository notes;

		@Autowired
		TagRepository tags;

		@Autowired
		@Plug("other-db")
		JdbcClient otherJdbc;

		@Autowired
		Map<String, EntityManagerFactory> entityManagerFactories;

		@DynamicPropertySource
		static void instances(DynamicPropertyRegistry registry) {
			registry.add("plugboard.postgres.main-db.url", () -> SharedPostgres.url(MAIN));
			registry.add("plugboard.postgres.other-db.url", () -> SharedPostgres.url(OTHER));
		}

		@Test
		void eachRepositoryWritesToItsOwnInstance() {
			assertThat(this.entityManagerFactories).containsOnlyKeys("mainDbEntityManagerFactory",
					"otherDbEntityManagerFactory");
			this.entityManager.persistAndFlush(new Note("on main-db"));
			assertThat(this.notes.findByBody("on main-db")).hasSize(1);
			this.tags.save(new Tag("on other-db"));
			assertThat(this.tags.countByLabel("on other-db")).isOne();
			assertThat(rows(this.otherJdbc, "tag")).isOne();
		}

	}

}
