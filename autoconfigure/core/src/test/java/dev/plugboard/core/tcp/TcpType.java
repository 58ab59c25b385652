package dev.plugboard.core.tcp;

import java.util.Map;
import java.util.Set;

import dev.plugboard.core.spi.ConnectionUrl;
import dev.plugboard.core.spi.InstanceBeans;
import dev.plugboard.core.spi.InstanceContext;
import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.InstanceType;
import dev.plugboard.core.spi.InvalidSettingException;

/**
 * A test-only integration whose server is a real TCP server the tests start, stop and stall.
 */
public class TcpType implements InstanceType<TcpSettings> {

	/** An auto-configuration (by name only) that instances of this type replace. */
	public static final String REPLACED_AUTO_CONFIGURATION = "example.boot.TcpMetricsAutoConfiguration";

	/** An auto-configuration (by name only) that needs "the" TCP client. */
	public static final String SINGLE_CLIENT_AUTO_CONFIGURATION = "example.boot.TcpTemplateAutoConfiguration";

	@Override
	public String name() {
		return "tcp";
	}

	@Override
	public Class<TcpSettings> settingsClass() {
		return TcpSettings.class;
	}

	@Override
	public String prepare(InstanceDefinition<TcpSettings> definition) {
		TcpSettings settings = definition.settings();
		if (definition.common().getUrl() != null) {
			ConnectionUrl url = ConnectionUrl.parse(definition, Set.of("tcp"));
			definition.applyUnlessSet("host", url.host(), settings::setHost);
			definition.applyUnlessSet("port", url.port(), settings::setPort);
			definition.applyUnlessSet("username", url.username(), settings::setUsername);
			definition.applyUnlessSet("password", url.password(), settings::setPassword);
		}
		if (settings.getHost() == null) {
			settings.setHost("127.0.0.1");
		}
		if (settings.getPort() == null) {
			throw new InvalidSettingException(definition, "port", "no port is configured",
					"Set '" + definition.property("port") + "' or give a port in '" + definition.property("url") + "'.");
		}
		if (settings.getPool().getMaximumSize() < 1) {
			throw new InvalidSettingException(definition, "pool.maximum-size",
					"must be at least 1 but is " + settings.getPool().getMaximumSize(),
					"Set a positive pool size.");
		}
		return settings.getHost() + ":" + settings.getPort();
	}

	@Override
	public void registerBeans(InstanceBeans<TcpSettings> beans) {
		beans.register("TcpClient", TcpClient.class, (context) -> {
			TcpSettings settings = context.settings();
			return new TcpClient(settings.getHost(), settings.getPort(), settings.getReadTimeout());
		}).primaryAlias("tcpClient");
	}

	@Override
	public Map<String, Object> check(InstanceContext<TcpSettings> context) throws Exception {
		String version = context.bean("TcpClient", TcpClient.class).ping();
		return Map.of("version", version);
	}

	@Override
	public Set<String> replacedHealthContributors() {
		return Set.of("bootTcpHealthContributor");
	}

	@Override
	public Set<String> replacedAutoConfigurations() {
		return Set.of(REPLACED_AUTO_CONFIGURATION);
	}

	@Override
	public Set<String> autoConfigurationsNeedingPrimary() {
		return Set.of(SINGLE_CLIENT_AUTO_CONFIGURATION);
	}

}
