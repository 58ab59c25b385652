package dev.plugboard.samples.service.users;

import java.util.Optional;

import dev.plugboard.Plug;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers users in {@code primary-db}, announces them on {@code events}, and reads them
 * through {@code data-cache} (cache-aside; the database answers when the cache does not).
 */
@Service
public class UserService {

	/** Exchange of user events on the {@code events} broker. */
	public static final String EXCHANGE = "users";

	private final UserRepository users;

	private final RabbitTemplate events;

	public UserService(UserRepository users, @Plug("events") RabbitTemplate events) {
		this.users = users;
		this.events = events;
	}

	@Transactional
	public UserView register(String email, String displayName) {
		if (this.users.existsByEmail(email)) {
			throw new IllegalArgumentException("A user with email " + email + " exists");
		}
		UserView user = UserView.of(this.users.save(new User(email, displayName)));
		this.events.convertAndSend(EXCHANGE, "user.created", user.id() + ":" + user.email());
		return user;
	}

	@Cacheable(cacheNames = "users", cacheManager = "dataCacheCacheManager")
	public Optional<UserView> find(long id) {
		return this.users.findById(id).map(UserView::of);
	}

}
