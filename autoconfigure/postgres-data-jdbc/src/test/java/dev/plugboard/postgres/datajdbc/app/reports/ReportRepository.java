package dev.plugboard.postgres.datajdbc.app.reports;

import java.util.List;

import org.springframework.data.repository.ListCrudRepository;

public interface ReportRepository extends ListCrudRepository<Report, Long> {

	List<Report> findByTitle(String title);

}
