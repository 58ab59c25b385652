package dev.plugboard.postgres.slice;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A row of {@code slice_note}, as a Spring Data JDBC aggregate.
 *
 * @param id the id
 * @param body the text
 */
@Table("slice_note")
record SliceNote(@Id Integer id, String body) {

}
