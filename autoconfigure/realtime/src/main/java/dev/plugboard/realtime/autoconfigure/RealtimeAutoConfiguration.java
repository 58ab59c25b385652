package dev.plugboard.realtime.autoconfigure;

import dev.plugboard.core.PlugboardAutoConfiguration;
import dev.plugboard.core.spi.InstanceRegistrar;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.socket.WebSocketHandler;

/**
 * Named realtime nodes. After the Redis instances, whose beans a node's broker uses.
 *
 * @author Plugboard
 */
@AutoConfiguration(after = PlugboardAutoConfiguration.class,
		afterName = "dev.plugboard.redis.autoconfigure.RedisAutoConfiguration")
@ConditionalOnClass(WebSocketHandler.class)
@Import(RealtimeAutoConfiguration.Registrar.class)
public final class RealtimeAutoConfiguration {

	static class Registrar extends InstanceRegistrar<RealtimeSettings> {

		Registrar(Environment environment) {
			super(environment, new RealtimeType());
		}

	}

}
