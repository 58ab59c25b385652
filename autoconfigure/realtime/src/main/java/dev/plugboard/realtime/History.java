package dev.plugboard.realtime;

import java.util.List;

/**
 * A channel's history and its position.
 *
 * @param publications the publications asked for
 * @param offset the channel's top offset
 * @param epoch the channel's epoch: offsets of another epoch are of another stream
 *
 * @author Plugboard
 */
public record History(List<Publication> publications, long offset, String epoch) {
}
