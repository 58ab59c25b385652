package dev.plugboard.realtime;

/**
 * How many clients and users are subscribed to a channel, on every node.
 *
 * @param clients the clients
 * @param users the distinct users
 *
 * @author Plugboard
 */
public record PresenceStats(int clients, int users) {
}
