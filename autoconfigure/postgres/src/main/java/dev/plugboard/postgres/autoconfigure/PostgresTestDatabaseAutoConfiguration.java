package dev.plugboard.postgres.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;

/**
 * Marks a test context that carries {@code @AutoConfigureTestDatabase} (as {@code @DataJpaTest}
 * and {@code @JdbcTest} do): listed for that annotation, it is registered before the instances,
 * which then replace the primary instance's configured database with a test server unless
 * {@code replace = NONE}. Spring Boot's own {@code TestDatabaseAutoConfiguration}, which would put
 * an H2 database in its place, is left out whenever instances are declared.
 *
 * @author Plugboard
 */
@AutoConfiguration(before = PostgresAutoConfiguration.class)
public final class PostgresTestDatabaseAutoConfiguration {

}
