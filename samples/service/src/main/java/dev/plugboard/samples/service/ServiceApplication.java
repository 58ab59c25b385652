package dev.plugboard.samples.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small REST service on five named instances: users in {@code primary-db} (JPA, Flyway), an
 * audit log in {@code analytics-db} (JDBC), sessions in {@code session-cache}, cached user
 * reads in {@code data-cache}, and user events on {@code events}.
 */
@SpringBootApplication
public class ServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(ServiceApplication.class, args);
	}

}
