package dev.plugboard.postgres.slice;

import org.springframework.data.repository.ListCrudRepository;

interface SliceNoteRepository extends ListCrudRepository<SliceNote, Integer> {

}
