/**
 * Spring Data JDBC per PostgreSQL instance: repositories and a JdbcAggregateTemplate.
 */
@NullMarked
package dev.plugboard.postgres.datajdbc;

import org.jspecify.annotations.NullMarked;
