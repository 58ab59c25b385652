package dev.plugboard.postgres.jpa.app.inventory;

import org.springframework.data.repository.CrudRepository;

public interface ItemRepository extends CrudRepository<Item, Long> {

	long countBySku(String sku);

}
