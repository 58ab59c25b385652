package dev.plugboard.postgres.jpa.slice.tags;

import org.springframework.data.repository.CrudRepository;

public interface TagRepository extends CrudRepository<Tag, Long> {

	long countByLabel(String label);

}
