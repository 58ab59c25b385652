/**
 * One PostgreSQL instance's clients in one handle.
 */
@NullMarked
package dev.plugboard.postgres;

import org.jspecify.annotations.NullMarked;
