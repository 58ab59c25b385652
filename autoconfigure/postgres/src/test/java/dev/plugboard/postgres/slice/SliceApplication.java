package dev.plugboard.postgres.slice;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application that the slice tests of this package find, as a slice finds an application's
 * {@code @SpringBootApplication}.
 */
@SpringBootApplication
class SliceApplication {

}
