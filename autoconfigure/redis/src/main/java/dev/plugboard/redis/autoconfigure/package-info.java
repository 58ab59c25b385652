/**
 * Auto-configuration of named Redis instances over Lettuce.
 */
@NullMarked
package dev.plugboard.redis.autoconfigure;

import org.jspecify.annotations.NullMarked;
