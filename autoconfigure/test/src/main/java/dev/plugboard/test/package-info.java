/**
 * Test support: point named instances at containers or local servers.
 */
@NullMarked
package dev.plugboard.test;

import org.jspecify.annotations.NullMarked;
