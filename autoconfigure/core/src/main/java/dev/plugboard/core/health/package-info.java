/**
 * Health of named instances: one composite contributor per type, one bounded check per instance.
 */
@NullMarked
package dev.plugboard.core.health;

import org.jspecify.annotations.NullMarked;
