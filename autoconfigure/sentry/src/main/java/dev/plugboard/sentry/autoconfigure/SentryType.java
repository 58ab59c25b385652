package dev.plugboard.sentry.autoconfigure;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.sentry.IScopes;
import io.sentry.ISentryClient;
import io.sentry.SentryOptions;
import org.jspecify.annotations.Nullable;

import dev.plugboard.core.spi.InstanceBeans;
import dev.plugboard.core.spi.InstanceContext;
import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.InstanceType;
import dev.plugboard.core.spi.InvalidSettingException;
import dev.plugboard.core.spi.PlugboardException;
import dev.plugboard.sentry.SentryInstance;

/**
 * Sentry error monitoring: a client and scopes per instance, the primary one being Sentry's
 * global, and the packages that route events to the others. Non-critical by default. Sentry
 * has no ping: startup validates the DSN, and health reports the state of real sends.
 *
 * @author Plugboard
 */
public class SentryType implements InstanceType<SentrySettings> {

	private static final Pattern PACKAGE = Pattern
		.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

	private static final Set<String> LEVELS = Set.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");

	@Override
	public String name() {
		return "sentry";
	}

	@Override
	public Class<SentrySettings> settingsClass() {
		return SentrySettings.class;
	}

	@Override
	public boolean criticalByDefault() {
		return false;
	}

	@Override
	public boolean hasConnection(InstanceDefinition<SentrySettings> definition) {
		return definition.common().getUrl() != null || definition.settings().getDsn() != null;
	}

	@Override
	public Set<String> connectionSettings() {
		return Set.of("dsn");
	}

	@Override
	public Map<String, @Nullable String> replacedBootProperties() {
		Map<String, @Nullable String> properties = new LinkedHashMap<>();
		// Sentry's own starter's properties: once instances are declared they are the instance's
		properties.put("sentry", "");
		return properties;
	}

	@Override
	public Set<String> replacedAutoConfigurations() {
		// Sentry's Spring Boot 3 starter would init the global Sentry a second time
		return Set.of("io.sentry.spring.boot.jakarta.SentryAutoConfiguration",
				"io.sentry.spring.boot.jakarta.SentryLogbackAppenderAutoConfiguration",
				"io.sentry.spring.boot.jakarta.SentryWebfluxAutoConfiguration");
	}

	@Override
	public String prepare(InstanceDefinition<SentrySettings> definition) {
		SentrySettings settings = definition.settings();
		String url = settings.getUrl();
		String dsn = settings.getDsn();
		if (url != null && dsn != null && !url.equals(dsn)) {
			throw new InvalidSettingException(definition, "dsn",
					"it is an alias of '" + definition.property("url") + "', which is set to another DSN ("
							+ SentryDsn.mask(url) + " and " + SentryDsn.mask(dsn) + ")",
					"Keep one of '" + definition.property("url") + "' and '" + definition.property("dsn") + "'.");
		}
		String setting = (url != null) ? "url" : "dsn";
		String value = (url != null) ? url : dsn;
		if (value == null || value.isBlank()) {
			throw new InvalidSettingException(definition, "url", "no DSN is set",
					"Set it to the project's DSN (Sentry: Project Settings > Client Keys), such as "
							+ "https://PUBLIC_KEY@o1.ingest.sentry.io/42, or switch the instance off with '"
							+ definition.property("enabled") + "=false'.");
		}
		SentryDsn parsed;
		try {
			parsed = SentryDsn.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSettingException(definition, setting,
					"'" + SentryDsn.mask(value) + "' is not a Sentry DSN: " + ex.getMessage(),
					"Copy the DSN from Sentry's Project Settings > Client Keys; it has the form "
							+ "https://PUBLIC_KEY@o1.ingest.sentry.io/PROJECT_ID.");
		}
		settings.setUrl(value.trim());
		rate(definition, "sample-rate", settings.getSampleRate());
		if (settings.getTracesSampleRate() != null) {
			rate(definition, "traces-sample-rate", settings.getTracesSampleRate());
		}
		if (settings.getMaxQueueSize() < 1) {
			throw new InvalidSettingException(definition, "max-queue-size",
					"must be at least 1 but is " + settings.getMaxQueueSize(),
					"Set how many events may wait to be sent, 100 by default.");
		}
		if (settings.getSendTimeout().isZero() || settings.getSendTimeout().isNegative()) {
			throw new InvalidSettingException(definition, "send-timeout",
					"must be positive but is " + settings.getSendTimeout(), "Set a positive duration such as 5s.");
		}
		level(definition, "logging.minimum-event-level", settings.getLogging().getMinimumEventLevel());
		level(definition, "logging.minimum-breadcrumb-level", settings.getLogging().getMinimumBreadcrumbLevel());
		for (String name : settings.getPackages()) {
			if (!PACKAGE.matcher(name).matches()) {
				throw new InvalidSettingException(definition, "packages", "'" + name + "' is not a package name",
						"List Java packages separated by commas, such as com.acme.payments,com.acme.billing.");
			}
		}
		if (definition.primary() && !settings.getPackages().isEmpty()) {
			throw new InvalidSettingException(definition, "packages",
					"the instance is primary, and the primary instance receives every event that no other instance "
							+ "claims",
					"Remove '" + definition.property("packages") + "', or list the packages on another instance.");
		}
		return parsed.endpoint();
	}

	private static void rate(InstanceDefinition<SentrySettings> definition, String setting, double rate) {
		if (!(rate >= 0.0 && rate <= 1.0)) {
			throw new InvalidSettingException(definition, setting, "must be from 0.0 to 1.0 but is " + rate,
					"Set the share of events to send, such as 1.0 for all or 0.25 for a quarter.");
		}
	}

	private static void level(InstanceDefinition<SentrySettings> definition, String setting, String level) {
		if (!LEVELS.contains(level.toUpperCase(java.util.Locale.ROOT))) {
			throw new InvalidSettingException(definition, setting, "'" + level + "' is not a log level",
					"Use one of ERROR, WARN, INFO, DEBUG or TRACE.");
		}
	}

	@Override
	public void checkTogether(List<InstanceDefinition<SentrySettings>> definitions) {
		boolean primary = definitions.stream().anyMatch(InstanceDefinition::primary);
		Map<String, String> owners = new LinkedHashMap<>();
		for (InstanceDefinition<SentrySettings> definition : definitions) {
			for (String name : definition.settings().getPackages()) {
				if (!primary) {
					throw new PlugboardException("The Sentry instance '" + definition.name() + "' claims packages ('"
							+ definition.property("packages") + "') but no Sentry instance is primary: routing "
							+ "takes events from the primary, Sentry's global instance.",
							"Mark the instance that receives everything else primary with 'plugboard.sentry.<name>.primary=true'.");
				}
				String owner = owners.putIfAbsent(name, definition.name());
				if (owner != null) {
					throw new PlugboardException("The package '" + name + "' is claimed by the Sentry instances '" + owner
							+ "' and '" + definition.name() + "'.",
							"List it under one of 'plugboard.sentry." + owner + ".packages' and '"
									+ definition.property("packages") + "'.");
				}
			}
		}
	}

	@Override
	public Set<String> secrets(InstanceDefinition<SentrySettings> definition) {
		Set<String> secrets = new LinkedHashSet<>(SentryDsn.secretsOf(definition.settings().getUrl()));
		secrets.addAll(SentryDsn.secretsOf(definition.settings().getDsn()));
		return secrets;
	}

	@Override
	public void registerBeans(InstanceBeans<SentrySettings> beans) {
		beans.register("SentryLifecycle", InstanceSentry.class, (context) -> InstanceSentry.create(context,
				context.beanFactory().getBean(SentryRoutes.BEAN_NAME, SentryRoutes.class)));
		beans.register("SentryOptions", SentryOptions.class, (context) -> sentry(context).options())
			.customize((bean) -> bean.setDestroyMethodName(null));
		beans.register("SentryClient", ISentryClient.class, (context) -> sentry(context).client())
			.customize((bean) -> bean.setDestroyMethodName(null));
		beans.register("SentryScopes", IScopes.class, (context) -> sentry(context).scopes())
			.customize((bean) -> bean.setDestroyMethodName(null));
		beans.register("SentryInstance", SentryInstance.class, (context) -> {
			InstanceSentry sentry = sentry(context);
			return new SentryInstance(context.instance(), sentry.scopes(), sentry.client(), sentry.options(),
					sentry::details);
		});
		if (MICROMETER_PRESENT) {
			SentryMetrics.register(beans);
		}
	}

	private static final boolean MICROMETER_PRESENT = org.springframework.util.ClassUtils
		.isPresent("io.micrometer.core.instrument.binder.MeterBinder", SentryType.class.getClassLoader());

	static InstanceSentry sentry(InstanceContext<SentrySettings> context) {
		return context.bean("SentryLifecycle", InstanceSentry.class);
	}

	@Override
	public Map<String, Object> check(InstanceContext<SentrySettings> context) {
		InstanceSentry sentry = sentry(context);
		Map<String, Object> details = new LinkedHashMap<>();
		SentryOptions options = sentry.options();
		if (options.getEnvironment() != null) {
			details.put("environment", options.getEnvironment());
		}
		if (options.getRelease() != null) {
			details.put("release", options.getRelease());
		}
		if (!context.settings().getPackages().isEmpty()) {
			details.put("packages", context.settings().getPackages());
		}
		details.putAll(sentry.details());
		return details;
	}

}
