package dev.plugboard.devservices.slice;

import org.springframework.boot.SpringBootConfiguration;

/**
 * The application that the slice tests of this package find.
 */
@SpringBootConfiguration
class SliceApplication {

}
