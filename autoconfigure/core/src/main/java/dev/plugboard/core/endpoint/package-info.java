/**
 * The {@code /actuator/plugboard} endpoint.
 */
@NullMarked
package dev.plugboard.core.endpoint;

import org.jspecify.annotations.NullMarked;
