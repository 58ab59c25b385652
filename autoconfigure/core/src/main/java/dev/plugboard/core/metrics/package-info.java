/**
 * Micrometer meters for named instances.
 */
@NullMarked
package dev.plugboard.core.metrics;

import org.jspecify.annotations.NullMarked;
