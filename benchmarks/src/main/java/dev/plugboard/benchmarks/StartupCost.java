package dev.plugboard.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link StartupChild} in fresh JVMs, alternating Plugboard and hand-wired runs so that
 * drift in the machine's load hits both alike.
 */
final class StartupCost {

	private StartupCost() {
	}

	record Result(Stats plugboardMillis, Stats manualMillis, Stats plugboardRss, Stats manualRss,
			Stats plugboardHeap, Stats manualHeap, Stats plugboardContext, Stats manualContext, Stats probes) {
	}

	static Result run(int runs) throws Exception {
		List<Double> pbMs = new ArrayList<>();
		List<Double> manualMs = new ArrayList<>();
		List<Double> pbRss = new ArrayList<>();
		List<Double> manualRss = new ArrayList<>();
		List<Double> pbHeap = new ArrayList<>();
		List<Double> manualHeap = new ArrayList<>();
		List<Double> pbContext = new ArrayList<>();
		List<Double> manualContext = new ArrayList<>();
		List<Double> probes = new ArrayList<>();
		child("plugboard");
		child("manual");
		for (int i = 0; i < runs; i++) {
			double[] pb = child("plugboard");
			double[] manual = child("manual");
			pbMs.add(pb[0]);
			pbRss.add(pb[1] / 1024);
			pbHeap.add(pb[2] / 1024);
			manualMs.add(manual[0]);
			manualRss.add(manual[1] / 1024);
			manualHeap.add(manual[2] / 1024);
			pbContext.add(pb[3]);
			manualContext.add(manual[3]);
			probes.add(pb[4]);
		}
		return new Result(new Stats(pbMs), new Stats(manualMs), new Stats(pbRss), new Stats(manualRss),
				new Stats(pbHeap), new Stats(manualHeap), new Stats(pbContext), new Stats(manualContext),
				new Stats(probes));
	}

	private static double[] child(String mode) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
				StartupChild.class.getName(), mode)
			.redirectErrorStream(true)
			.start();
		String result = null;
		StringBuilder all = new StringBuilder();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				all.append(line).append('\n');
				if (line.startsWith("RESULT ")) {
					result = line;
				}
			}
		}
		process.waitFor();
		if (result == null) {
			throw new IllegalStateException("The " + mode + " run printed no result:\n" + all);
		}
		String[] parts = result.split(" ");
		double[] values = new double[parts.length - 1];
		for (int i = 1; i < parts.length; i++) {
			values[i - 1] = Double.parseDouble(parts[i]);
		}
		return values;
	}

}
