package dev.plugboard.samples.wss;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Tells whoever started the chat where to open it.
 */
@Component
class ReadyBanner implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(ReadyBanner.class);

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
			String base = "http://localhost:" + web.getWebServer().getPort();
			String ws = "ws://localhost:" + web.getWebServer().getPort() + "/connection/websocket";
			logger.info(String.join("\n", "", "The chat is ready. Open " + base + "/ in two browser tabs,",
					"connect any Centrifuge SDK to " + ws + " (channels chat:<room>), or:",
					"  curl " + base + "/actuator/health", "  curl " + base + "/actuator/plugboard"));
		}
	}

}
