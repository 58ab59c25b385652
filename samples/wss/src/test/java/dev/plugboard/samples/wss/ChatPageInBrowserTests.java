package dev.plugboard.samples.wss;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.plugboard.realtime.testing.Browser;
import dev.plugboard.realtime.testing.SdkScenario;
import dev.plugboard.redis.testing.SharedRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's page in Debian's headless chromium: two tabs, each on another node, join one room;
 * what is typed in one appears in the other.
 */
class ChatPageInBrowserTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Test
	void aMessageTypedInOneTabAppearsInTheOther() {
		assertThat(Browser.available()).as(Browser.CHROMIUM + " is not installed; CI installs it with the lines of "
				+ ".ci/chromium-snippet.sh (apt-get install chromium)").isTrue();
		String room = "room-" + UUID.randomUUID().toString().substring(0, 8);
		try (ChatNodes nodes = new ChatNodes(SharedRedis.url(14))) {
			String north = "http://127.0.0.1:" + nodes.start("north") + "/";
			String south = "http://127.0.0.1:" + nodes.start("south") + "/";
			Browser.Steps steps = Browser.steps().open("alice", north).open("bob", south);
			for (String tab : new String[] { "alice", "bob" }) {
				steps.fill(tab, "#room", room)
					.fill(tab, "#name", tab)
					.click(tab, "#join")
					.waitText(tab, "#status", "chat:" + room + ": subscribed", WAIT);
			}
			steps.waitText("alice", "#status", "(node north)", WAIT)
				.waitText("bob", "#status", "(node south)", WAIT)
				.fill("alice", "#text", "hello bob, from the north")
				.press("alice", "#text", "Enter")
				.waitText("bob", "#log", "alice: hello bob, from the north", WAIT)
				.waitText("alice", "#log", "alice: hello bob, from the north", WAIT)
				.eval("alice", "document.getElementById('text').value");
			try (SdkScenario browser = Browser.run(north, steps)) {
				browser.awaitDone(Duration.ofSeconds(90));
				assertThat(browser.events("alice", "pageerror")).as("errors in alice's page").isEmpty();
				assertThat(browser.events("bob", "pageerror")).as("errors in bob's page").isEmpty();
				assertThat(browser.awaitEvent("alice", "eval", Duration.ZERO).get("value"))
					.as("the input is cleared once sent").isEqualTo("");
			}
		}
	}

}
