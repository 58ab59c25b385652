/**
 * One Sentry instance's scopes and client in one handle.
 */
@NullMarked
package dev.plugboard.sentry;

import org.jspecify.annotations.NullMarked;
