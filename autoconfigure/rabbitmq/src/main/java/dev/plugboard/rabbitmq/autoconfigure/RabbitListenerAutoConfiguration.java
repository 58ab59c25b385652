package dev.plugboard.rabbitmq.autoconfigure;

import dev.plugboard.rabbitmq.RabbitInstance;

import org.springframework.amqp.rabbit.annotation.EnableRabbit;
import org.springframework.amqp.rabbit.config.RabbitListenerConfigUtils;
import org.springframework.amqp.rabbit.core.RabbitMessagingTemplate;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What Spring Boot's RabbitMQ auto-configuration gives besides the clients, for when it is left
 * out because RabbitMQ instances are declared: {@code @RabbitListener} support and a
 * {@link RabbitMessagingTemplate} around the primary instance's template. Ordered after
 * Spring Boot's RabbitMQ auto-configuration so that, where that one runs, its own beans win.
 *
 * @author Plugboard
 */
@AutoConfiguration(after = RabbitAutoConfiguration.class,
		afterName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
@ConditionalOnClass(EnableRabbit.class)
@ConditionalOnBean(RabbitInstance.class)
public final class RabbitListenerAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@EnableRabbit
	@ConditionalOnMissingBean(name = RabbitListenerConfigUtils.RABBIT_LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME)
	static class EnableRabbitConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RabbitMessagingTemplate.class)
	static class MessagingTemplateConfiguration {

		// only with a primary instance: without one there is no template to choose
		@Bean
		@ConditionalOnSingleCandidate(RabbitTemplate.class)
		@ConditionalOnMissingBean
		RabbitMessagingTemplate rabbitMessagingTemplate(RabbitTemplate rabbitTemplate) {
			return new RabbitMessagingTemplate(rabbitTemplate);
		}

	}

}
