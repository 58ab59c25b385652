package dev.plugboard.samples.service.users;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/users")
class UserController {

	private final UserService service;

	UserController(UserService service) {
		this.service = service;
	}

	@PostMapping
	ResponseEntity<UserView> register(@RequestBody Registration registration) {
		UserView user = this.service.register(registration.email(), registration.displayName());
		return ResponseEntity.created(URI.create("/users/" + user.id())).body(user);
	}

	@GetMapping("/{id}")
	ResponseEntity<UserView> find(@PathVariable long id) {
		return ResponseEntity.of(this.service.find(id));
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<String> conflict(IllegalArgumentException ex) {
		return ResponseEntity.status(409).body(ex.getMessage());
	}

	record Registration(String email, String displayName) {
	}

}
