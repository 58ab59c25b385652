package dev.plugboard.redis.web;

import dev.plugboard.Plug;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A web application with two Redis instances and Spring Boot's full auto-configuration; one
 * endpoint per instance shows whether the application keeps serving while one is down.
 */
@SpringBootApplication
public class RedisWebApplication {

	@RestController
	static class Values {

		private final StringRedisTemplate sessions;

		private final StringRedisTemplate data;

		Values(@Plug("session-cache") StringRedisTemplate sessions, @Plug("data-cache") StringRedisTemplate data) {
			this.sessions = sessions;
			this.data = data;
		}

		@GetMapping("/sessions/{key}")
		String session(@PathVariable String key) {
			this.sessions.opsForValue().set("plugboard:web:" + key, "session-" + key);
			return this.sessions.opsForValue().getAndDelete("plugboard:web:" + key);
		}

		@GetMapping("/data/{key}")
		String data(@PathVariable String key) {
			this.data.opsForValue().set("plugboard:web:" + key, "data-" + key);
			return this.data.opsForValue().get("plugboard:web:" + key);
		}

		@ExceptionHandler(DataAccessException.class)
		ResponseEntity<String> unavailable(DataAccessException ex) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(ex.getClass().getSimpleName());
		}

	}

}
