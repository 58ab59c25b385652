package dev.plugboard.postgres.web;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PostgresWebApplication {

}
