/**
 * Auto-configuration of named RabbitMQ instances over Spring AMQP.
 */
@NullMarked
package dev.plugboard.rabbitmq.autoconfigure;

import org.jspecify.annotations.NullMarked;
