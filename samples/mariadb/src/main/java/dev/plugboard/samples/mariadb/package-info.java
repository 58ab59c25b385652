/**
 * An example integration written only against Plugboard's SPI: named MariaDB instances.
 */
@NullMarked
package dev.plugboard.samples.mariadb;

import org.jspecify.annotations.NullMarked;
