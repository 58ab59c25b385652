package dev.plugboard.samples.wss;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Chat rooms for the official Centrifuge JavaScript SDK: the realtime node {@code chat} serves
 * channels {@code chat:<room>} at {@code /connection/websocket}, and shares them with every other
 * node of the application through the {@code bus} Redis instance.
 */
@SpringBootApplication
public class ChatApplication {

	public static void main(String[] args) {
		SpringApplication.run(ChatApplication.class, args);
	}

}
