/**
 * One RabbitMQ instance's clients in one handle, with publish and subscribe.
 */
@NullMarked
package dev.plugboard.rabbitmq;

import org.jspecify.annotations.NullMarked;
