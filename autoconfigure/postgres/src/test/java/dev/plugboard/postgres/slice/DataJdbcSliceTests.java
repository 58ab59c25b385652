package dev.plugboard.postgres.slice;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.plugboard.postgres.testing.SharedPostgres;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.context.ApplicationContext;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @DataJdbcTest} in an application that declares an instance: Spring Boot's Data JDBC
 * repositories and aggregate template run on the primary instance, in the test's transaction.
 */
@DataJdbcTest(properties = { "spring.sql.init.mode=always",
		"spring.sql.init.schema-locations=classpath:slice/data-jdbc-schema.sql" })
@AutoConfigureTestDatabase(replace = Replace.NONE)
class DataJdbcSliceTests {

	static final String MAIN = "plugboard_data_jdbc_slice";

	@Autowired
	ApplicationContext context;

	@Autowired
	SliceNoteRepository notes;

	@Autowired
	JdbcAggregateTemplate aggregates;

	@Autowired
	JdbcClient jdbc;

	@BeforeAll
	static void createDatabase() {
		SharedPostgres.recreate(MAIN);
	}

	@AfterAll
	static void dropDatabase() {
		SharedPostgres.drop(MAIN);
	}

	@DynamicPropertySource
	static void instance(DynamicPropertyRegistry registry) {
		registry.add("plugboard.postgres.main-db.url", () -> SharedPostgres.url(MAIN));
		registry.add("plugboard.postgres.main-db.flyway.enabled", () -> "false");
	}

	@Test
	void repositoriesAndTheAggregateTemplateRunOnTheInstance() {
		assertThat(this.context.getBeansOfType(DataSource.class)).containsOnlyKeys("mainDbDataSource");
		this.notes.save(new SliceNote(null, "by a repository"));
		this.aggregates.insert(new SliceNote(null, "by the template"));
		assertThat(this.jdbc.sql("SELECT body FROM slice_note ORDER BY id").query(String.class).list())
			.containsExactly("by a repository", "by the template");
		assertThat(this.jdbc.sql("SELECT current_database()").query(String.class).single()).isEqualTo(MAIN);
	}

}
