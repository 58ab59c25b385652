package dev.plugboard.postgres.jpa.slice;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application that the slice tests of this package find: its package is the primary
 * instance's default entity and repository package.
 */
@SpringBootApplication
class SliceApplication {

}
