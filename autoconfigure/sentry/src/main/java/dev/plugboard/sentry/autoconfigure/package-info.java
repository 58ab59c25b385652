/**
 * Auto-configuration of named Sentry instances.
 */
@NullMarked
package dev.plugboard.sentry.autoconfigure;

import org.jspecify.annotations.NullMarked;
