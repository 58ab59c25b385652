package dev.plugboard.postgres.jooq.slice;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application that the slice tests of this package find.
 */
@SpringBootApplication
class SliceApplication {

}
