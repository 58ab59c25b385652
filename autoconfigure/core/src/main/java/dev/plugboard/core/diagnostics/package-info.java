/**
 * Failure analyzers that explain configuration and startup problems.
 */
@NullMarked
package dev.plugboard.core.diagnostics;

import org.jspecify.annotations.NullMarked;
