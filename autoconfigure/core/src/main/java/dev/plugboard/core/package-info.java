/**
 * The named-instance engine: managed instances, their lifecycle and registry.
 */
@NullMarked
package dev.plugboard.core;

import org.jspecify.annotations.NullMarked;
