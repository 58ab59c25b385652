/**
 * Dev services: servers for named instances that have no connection configured.
 */
@NullMarked
package dev.plugboard.devservices;

import org.jspecify.annotations.NullMarked;
