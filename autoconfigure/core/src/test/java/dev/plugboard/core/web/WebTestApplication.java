package dev.plugboard.core.web;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A booted application for the HTTP paths of health and the endpoint.
 */
@SpringBootApplication
public class WebTestApplication {

}
