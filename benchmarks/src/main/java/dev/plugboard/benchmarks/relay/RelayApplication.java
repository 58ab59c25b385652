package dev.plugboard.benchmarks.relay;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The baseline of the realtime fan-out benchmark: samples/wss as it was before it moved to the
 * realtime starter (commit 43923e5), a plain WebSocket endpoint {@code /ws/chat?room=&name=} whose
 * nodes relay JSON frames through Redis pub/sub on the {@code bus} instance and keep each room's
 * last messages in a Redis list of the {@code history} instance. Copied unchanged apart from the
 * package; only this class is new.
 */
@SpringBootApplication
@EnableConfigurationProperties(ChatProperties.class)
public class RelayApplication {

}
