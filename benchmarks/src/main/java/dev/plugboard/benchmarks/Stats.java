package dev.plugboard.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Samples of one measurement: median, percentiles and spread.
 */
final class Stats {

	private final List<Double> samples;

	Stats(List<Double> samples) {
		this.samples = new ArrayList<>(samples);
		Collections.sort(this.samples);
	}

	List<Double> samples() {
		return List.copyOf(this.samples);
	}

	double median() {
		return percentile(50);
	}

	double percentile(double p) {
		if (this.samples.isEmpty()) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(p / 100.0 * this.samples.size()) - 1;
		return this.samples.get(Math.max(0, Math.min(index, this.samples.size() - 1)));
	}

	double min() {
		return this.samples.isEmpty() ? Double.NaN : this.samples.get(0);
	}

	double max() {
		return this.samples.isEmpty() ? Double.NaN : this.samples.get(this.samples.size() - 1);
	}

	int count() {
		return this.samples.size();
	}

	/**
	 * The median with its range, for example {@code 812 (790–845, n=5)}.
	 * @param unit the unit to print
	 * @return the text
	 */
	String describe(String unit) {
		return String.format(Locale.ROOT, "%.1f %s (%.1f–%.1f, n=%d)", median(), unit, min(), max(), count());
	}

	/**
	 * The ratio of two medians with the range of ratios of the extremes.
	 * @param candidate the measured thing
	 * @param baseline what it is compared with
	 * @return for example {@code 1.02× (0.97–1.08)}
	 */
	static String ratio(Stats candidate, Stats baseline) {
		return String.format(Locale.ROOT, "%.2f× (%.2f–%.2f)", candidate.median() / baseline.median(),
				candidate.min() / baseline.max(), candidate.max() / baseline.min());
	}

}
