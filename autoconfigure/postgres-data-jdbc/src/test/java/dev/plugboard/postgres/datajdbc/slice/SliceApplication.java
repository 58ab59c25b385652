package dev.plugboard.postgres.datajdbc.slice;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application that the slice tests of this package find; its repositories are the
 * {@code app} packages', assigned by {@code data-jdbc.packages}.
 */
@SpringBootApplication
class SliceApplication {

}
