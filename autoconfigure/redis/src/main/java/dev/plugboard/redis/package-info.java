/**
 * One Redis instance's clients in one handle.
 */
@NullMarked
package dev.plugboard.redis;

import org.jspecify.annotations.NullMarked;
