package dev.plugboard.samples.service.errors;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An endpoint that fails on purpose, to see an unhandled error arrive at the {@code errors}
 * Sentry instance (Sentry's exception resolver reports it; Spring Boot answers 500).
 */
@RestController
class ErrorsController {

	@PostMapping("/errors/test")
	String fail() {
		throw new IllegalStateException("test error from the service");
	}

}
