package dev.plugboard.postgres.jpa.slice.tags;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

@Entity
public class Tag {

	@Id
	@GeneratedValue
	private Long id;

	private String label;

	protected Tag() {
	}

	public Tag(String label) {
		this.label = label;
	}

	public String getLabel() {
		return this.label;
	}

}
