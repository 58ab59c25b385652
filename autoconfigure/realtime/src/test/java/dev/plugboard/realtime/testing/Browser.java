package dev.plugboard.realtime.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives Debian's headless Chromium ({@code /usr/bin/chromium}) through playwright-core with
 * {@code src/test/js/browser.mjs}: a list of steps on named pages (tabs), run in order, logged as JSON
 * lines like a {@link SdkScenario} (client = the page's name), which is also what {@link #run} returns.
 *
 * <pre>{@code
 * try (SdkScenario chat = Browser.run(baseUrl + "/chat.html", Browser.steps()
 *         .open("alice").open("bob")
 *         .fill("alice", "#message", "hello bob").press("alice", "#message", "Enter")
 *         .waitText("bob", "#messages", "hello bob", Duration.ofSeconds(10)))) {
 *     chat.awaitDone(Duration.ofSeconds(60));
 *     Map<String, Object> seen = chat.awaitEvent("bob", "textSeen", Duration.ZERO);
 * }
 * }</pre>
 *
 * A failing step ends the run with a {@code fatal} line naming the step; the pages' console messages
 * and errors are logged as {@code console} and {@code pageerror} lines.
 */
public final class Browser {

	public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private Browser() {
	}

	/** Whether Debian's chromium is installed (CI installs it; see .ci/chromium-snippet.sh). */
	public static boolean available() {
		return Files.isExecutable(CHROMIUM);
	}

	public static Steps steps() {
		return new Steps();
	}

	/** Launches chromium with a fresh user-data-dir and runs the steps on {@code url}. */
	public static SdkScenario run(String url, Steps steps) {
		String json = Json.write(steps.steps);
		return SdkScenario.runFile("browser.mjs", List.of(url, json), "node browser.mjs " + url + " '" + json + "'");
	}

	/** The steps of a run; each waits up to its timeout (10 s unless given). */
	public static final class Steps {

		private final List<Map<String, Object>> steps = new ArrayList<>();

		private Steps() {
		}

		/** Opens a new tab named {@code page} on the run's URL. */
		public Steps open(String page) {
			return add("open", page, "url", null);
		}

		/** Opens a new tab named {@code page} on {@code url}. */
		public Steps open(String page, String url) {
			return add("open", page, "url", url);
		}

		/** Replaces the value of the input at {@code selector}. */
		public Steps fill(String page, String selector, String text) {
			return add("fill", page, "selector", selector, "text", text);
		}

		/** Types {@code text} key by key into the element at {@code selector}. */
		public Steps type(String page, String selector, String text) {
			return add("type", page, "selector", selector, "text", text);
		}

		/** Presses a key ("Enter", "Tab", …) in the element at {@code selector}. */
		public Steps press(String page, String selector, String key) {
			return add("press", page, "selector", selector, "key", key);
		}

		public Steps click(String page, String selector) {
			return add("click", page, "selector", selector);
		}

		/** Waits until the text of the element at {@code selector} contains {@code text} (line "textSeen"). */
		public Steps waitText(String page, String selector, String text, Duration timeout) {
			add("waitText", page, "selector", selector, "text", text);
			return timeout(timeout);
		}

		/** Logs the element's text as a "text" line. */
		public Steps text(String page, String selector) {
			return add("text", page, "selector", selector);
		}

		/** Evaluates a JavaScript expression in the page; logs an "eval" line with its value. */
		public Steps eval(String page, String expression) {
			return add("eval", page, "expression", expression);
		}

		public Steps screenshot(String page, Path png) {
			return add("screenshot", page, "path", png.toAbsolutePath().toString());
		}

		/** Logs {"signal": name} and waits for {@link SdkScenario#reply(String) reply(name)}. */
		public Steps signal(String name, Duration timeout) {
			Map<String, Object> step = new LinkedHashMap<>();
			step.put("op", "signal");
			step.put("name", name);
			steps.add(step);
			return timeout(timeout);
		}

		/** Sets the timeout of the last step. */
		public Steps timeout(Duration timeout) {
			if (steps.isEmpty()) {
				throw new IllegalStateException("no step yet");
			}
			steps.get(steps.size() - 1).put("timeout", timeout.toMillis());
			return this;
		}

		private Steps add(String op, String page, Object... fields) {
			Map<String, Object> step = new LinkedHashMap<>();
			step.put("op", op);
			step.put("page", page);
			for (int i = 0; i < fields.length; i += 2) {
				if (fields[i + 1] != null) {
					step.put((String) fields[i], fields[i + 1]);
				}
			}
			steps.add(step);
			return this;
		}

		@Override
		public String toString() {
			return Json.write(steps);
		}

	}

}
