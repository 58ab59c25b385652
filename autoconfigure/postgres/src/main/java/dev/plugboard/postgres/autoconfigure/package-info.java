/**
 * Auto-configuration of named PostgreSQL instances over JDBC.
 */
@NullMarked
package dev.plugboard.postgres.autoconfigure;

import org.jspecify.annotations.NullMarked;
