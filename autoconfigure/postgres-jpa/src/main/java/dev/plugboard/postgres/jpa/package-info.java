/**
 * JPA per PostgreSQL instance: EntityManagerFactory, transaction manager and repositories.
 */
@NullMarked
package dev.plugboard.postgres.jpa;

import org.jspecify.annotations.NullMarked;
