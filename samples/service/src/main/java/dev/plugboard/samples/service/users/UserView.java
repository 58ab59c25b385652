package dev.plugboard.samples.service.users;

import java.io.Serializable;
import java.time.Instant;

/**
 * What the API returns for a user, and what {@code data-cache} keeps.
 *
 * @param id the id
 * @param email the email
 * @param displayName the name to show
 * @param createdAt when the user registered
 */
public record UserView(Long id, String email, String displayName, Instant createdAt) implements Serializable {

	static UserView of(User user) {
		return new UserView(user.getId(), user.getEmail(), user.getDisplayName(), user.getCreatedAt());
	}

}
