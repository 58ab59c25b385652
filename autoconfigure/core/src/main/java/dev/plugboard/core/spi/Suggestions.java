package dev.plugboard.core.spi;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * The known name nearest to a misspelt one, for "did you mean" advice: by optimal string
 * alignment distance (a swap of two neighbours counts once), within a third of its length.
 *
 * @author Plugboard
 */
public final class Suggestions {

	private Suggestions() {
	}

	/**
	 * The candidate nearest to a name, if one is near enough.
	 * @param name the name as written
	 * @param candidates the known names
	 * @return the nearest candidate
	 */
	public static Optional<String> nearest(String name, Collection<String> candidates) {
		int limit = Math.max(2, name.length() / 3);
		return candidates.stream()
			.filter((candidate) -> distance(name, candidate) <= limit)
			.min(Comparator.comparingInt((String candidate) -> distance(name, candidate)));
	}

	static int distance(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}

}
