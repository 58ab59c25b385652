package dev.plugboard.samples.wss;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Chat rooms over WebSocket. Every node relays what its clients say through the {@code bus}
 * Redis instance, so clients connected to different nodes talk to each other, and keeps the
 * last messages of each room in the {@code history} instance.
 */
@SpringBootApplication
@EnableConfigurationProperties(ChatProperties.class)
public class ChatApplication {

	public static void main(String[] args) {
		SpringApplication.run(ChatApplication.class, args);
	}

}
