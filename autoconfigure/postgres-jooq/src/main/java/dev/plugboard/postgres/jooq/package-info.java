/**
 * jOOQ per PostgreSQL instance: a DSLContext in the instance's Spring transactions.
 */
@NullMarked
package dev.plugboard.postgres.jooq;

import org.jspecify.annotations.NullMarked;
