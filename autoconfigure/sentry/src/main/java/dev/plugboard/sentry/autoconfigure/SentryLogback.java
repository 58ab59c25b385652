package dev.plugboard.sentry.autoconfigure;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.sentry.logback.SentryAppender;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Sentry's own Logback appender on the root logger, for the primary instance, as Sentry's
 * Spring Boot starter attaches it: logged errors become events of the global Sentry, where the
 * routing client sends those of a claimed package to their instance.
 *
 * @author Plugboard
 */
final class SentryLogback {

	static final String APPENDER_NAME = "PLUGBOARD_SENTRY";

	private SentryLogback() {
	}

	/**
	 * Attach the appender unless Logback is not the logging system or one is attached already.
	 * @param settings the primary instance's settings
	 * @return detaches the appender, or {@code null} if none was attached
	 */
	static @Nullable Runnable attach(SentrySettings settings) {
		if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext loggerContext)) {
			return null;
		}
		Logger root = loggerContext.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		if (root.getAppender(APPENDER_NAME) != null) {
			return null;
		}
		SentryAppender appender = new SentryAppender();
		appender.setName(APPENDER_NAME);
		appender.setContext(loggerContext);
		appender.setMinimumEventLevel(Level.toLevel(settings.getLogging().getMinimumEventLevel()));
		appender.setMinimumBreadcrumbLevel(Level.toLevel(settings.getLogging().getMinimumBreadcrumbLevel()));
		// Sentry is already initialized: the appender's own options only name it (its init is ignored)
		appender.start();
		root.addAppender(appender);
		return () -> {
			root.detachAppender(appender);
			appender.stop();
		};
	}

}
