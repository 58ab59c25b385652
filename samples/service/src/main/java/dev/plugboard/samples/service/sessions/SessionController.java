package dev.plugboard.samples.service.sessions;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.plugboard.Plug;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Login sessions in {@code session-cache}, a different Redis from the one that caches users.
 */
@RestController
@RequestMapping("/sessions")
class SessionController {

	private static final Duration TTL = Duration.ofMinutes(30);

	private final StringRedisTemplate sessions;

	SessionController(@Plug("session-cache") StringRedisTemplate sessions) {
		this.sessions = sessions;
	}

	@PostMapping
	Map<String, String> open(@RequestBody Map<String, String> request) {
		String token = UUID.randomUUID().toString();
		this.sessions.opsForValue().set("session:" + token, request.getOrDefault("userId", ""), TTL);
		return Map.of("token", token);
	}

	@GetMapping("/{token}")
	ResponseEntity<Map<String, String>> find(@PathVariable String token) {
		String userId = this.sessions.opsForValue().get("session:" + token);
		return (userId != null) ? ResponseEntity.ok(Map.of("token", token, "userId", userId))
				: ResponseEntity.notFound().build();
	}

}
