/**
 * The contract between the core and an integration: {@link dev.plugboard.core.spi.InstanceType},
 * its registrar, settings and connection URLs.
 */
@NullMarked
package dev.plugboard.core.spi;

import org.jspecify.annotations.NullMarked;
