package dev.plugboard.postgres.jpa.slice.notes;

import java.util.List;

import org.springframework.data.repository.CrudRepository;

public interface NoteRepository extends CrudRepository<Note, Long> {

	List<Note> findByBody(String body);

}
