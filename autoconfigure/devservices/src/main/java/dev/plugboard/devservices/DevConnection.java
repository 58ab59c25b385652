package dev.plugboard.devservices;

/**
 * Where a dev service serves one instance.
 *
 * @param url the connection URL given to the instance
 * @param description what serves it, for the log and the endpoint, for example
 * {@code embedded PostgreSQL 14 on 127.0.0.1:54012}
 * @author Plugboard
 */
public record DevConnection(String url, String description) {
}
