package dev.plugboard.samples.service.users;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Found under {@code primary-db}'s {@code jpa.packages}: bound to that instance, no
 * {@code @EnableJpaRepositories} needed.
 */
public interface UserRepository extends JpaRepository<User, Long> {

	boolean existsByEmail(String email);

}
