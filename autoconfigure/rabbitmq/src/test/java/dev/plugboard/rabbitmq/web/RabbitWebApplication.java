package dev.plugboard.rabbitmq.web;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web application with two RabbitMQ instances and Spring Boot's full auto-configuration.
 */
@SpringBootApplication
public class RabbitWebApplication {

}
