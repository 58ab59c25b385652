package dev.plugboard.samples.service;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Tells whoever started the service where to point curl.
 */
@Component
class ReadyBanner implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(ReadyBanner.class);

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
			return;
		}
		String base = "http://localhost:" + web.getWebServer().getPort();
		logger.info(String.join("\n", "", "The service is ready. Try:",
				"  curl -X POST " + base + "/users -H 'Content-Type: application/json' "
						+ "-d '{\"email\":\"ada@example.com\",\"displayName\":\"Ada\"}'",
				"  curl " + base + "/users/1", "  curl " + base + "/audit",
				"  curl -X POST " + base + "/sessions -H 'Content-Type: application/json' -d '{\"userId\":\"1\"}'",
				"  curl " + base + "/actuator/health", "  curl " + base + "/actuator/plugboard"));
	}

}
