package dev.plugboard.rabbitmq.autoconfigure;

import org.springframework.amqp.rabbit.connection.RabbitConnectionFactoryBean;
import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;

/**
 * {@link RabbitConnectionFactoryBean}'s static initializer asks the JDK for its default
 * SSLContext (about 250 ms: the JSSE provider and the cacerts trust store) even where nothing
 * uses TLS. Spring Boot's background preinitialization runs it while the application starts,
 * instead of on the main thread when the first connection factory is created.
 *
 * @author Plugboard
 */
final class RabbitConnectionFactoryBeanPreinitializer implements BackgroundPreinitializer {

	@Override
	public void preinitialize() throws Exception {
		Class.forName(RabbitConnectionFactoryBean.class.getName(), true, getClass().getClassLoader());
	}

}
