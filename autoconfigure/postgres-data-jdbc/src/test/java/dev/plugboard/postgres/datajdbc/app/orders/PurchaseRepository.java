package dev.plugboard.postgres.datajdbc.app.orders;

import org.springframework.data.repository.ListCrudRepository;

public interface PurchaseRepository extends ListCrudRepository<Purchase, Long> {

}
