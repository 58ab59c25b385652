package dev.plugboard.samples.service.audit;

import dev.plugboard.Plug;
import dev.plugboard.samples.service.users.UserService;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Consumes user events from {@code events} into the audit log. The exchange, queue and binding
 * are declared on {@code events} only.
 */
@Configuration(proxyBeanMethods = false)
class UserEventsListener {

	static final String QUEUE = "audit.user-created";

	private final AuditLog auditLog;

	UserEventsListener(AuditLog auditLog) {
		this.auditLog = auditLog;
	}

	@RabbitListener(queues = QUEUE, containerFactory = "eventsRabbitListenerContainerFactory")
	void onUserCreated(String event) {
		this.auditLog.record("user-created", event);
	}

	@Bean
	@Plug("events")
	TopicExchange usersExchange() {
		return new TopicExchange(UserService.EXCHANGE);
	}

	@Bean
	@Plug("events")
	Queue auditQueue() {
		return new Queue(QUEUE);
	}

	@Bean
	@Plug("events")
	Binding auditBinding(@Plug("events") Queue auditQueue, @Plug("events") TopicExchange usersExchange) {
		return BindingBuilder.bind(auditQueue).to(usersExchange).with("user.created");
	}

}
