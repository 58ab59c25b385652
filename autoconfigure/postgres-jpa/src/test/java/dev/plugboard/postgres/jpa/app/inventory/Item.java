package dev.plugboard.postgres.jpa.app.inventory;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

@Entity
public class Item {

	@Id
	@GeneratedValue
	private Long id;

	private String sku;

	protected Item() {
	}

	public Item(String sku) {
		this.sku = sku;
	}

	public Long getId() {
		return this.id;
	}

	public String getSku() {
		return this.sku;
	}

}
