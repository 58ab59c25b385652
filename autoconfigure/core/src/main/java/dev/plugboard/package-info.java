/**
 * The types applications write against: {@link dev.plugboard.Plug}, {@link dev.plugboard.Plugboard},
 * {@link dev.plugboard.PlugInstance}, {@link dev.plugboard.InstanceState} and the lifecycle callbacks.
 */
@NullMarked
package dev.plugboard;

import org.jspecify.annotations.NullMarked;
