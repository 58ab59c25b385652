package dev.plugboard.realtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.plugboard.Plug;
import dev.plugboard.realtime.testing.SdkScenario;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection and subscription tokens (HS256, Centrifugo's claims) with the official SDK: users,
 * expiry and refresh, invalid tokens, private channels, server-side subscriptions, hooks and
 * server-initiated disconnects.
 */
class RealtimeTokenTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static final String[] CHAT = { "plugboard.realtime.chat.token.hmac-secret=" + RealtimeApplication.SECRET,
			"plugboard.realtime.chat.namespaces.chat.publish=true",
			"plugboard.realtime.chat.namespaces.private.subscribe=false",
			"plugboard.realtime.chat.namespaces.personal.history-size=10",
			"plugboard.realtime.chat.namespaces.personal.history-ttl=1m",
			"plugboard.realtime.chat.namespaces.personal.recovery=true" };

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	private String start() {
		this.context = RealtimeApplication.start(Hooks.class, CHAT);
		return RealtimeApplication.url(this.context, "/connection/websocket");
	}

	@Test
	void aTokenNamesTheUserItsServerSideSubscriptionsAndHooksAnswerConnectAndMessages() {
		String url = start();
		RealtimeNode node = this.context.getBean(RealtimeNode.class);
		String token = RealtimeApplication.token("alice", 0,
				Map.of("info", Map.of("name", "Alice"), "channels", List.of("personal:alice")));
		try (SdkScenario s = SdkScenario.run("""
				import { harness } from './harness.mjs';
				const h = harness();
				const c = h.client('alice', '%s', { token: '%s', data: { hello: 'node' } });
				c.connect();
				await h.until('alice', 'connected');
				await h.until('alice', 'server-subscribed', (e) => e.channel === 'personal:alice');
				await h.signal('connected');
				await h.until('alice', 'server-publication', (e) => e.channel === 'personal:alice');
				await h.send('alice', { note: 'fire and forget' });
				await h.until('alice', 'disconnected');
				h.done();
				""".formatted(url, token))) {
			Map<String, Object> connected = s.awaitEvent("alice", "connected", WAIT);
			// the hook's connect data
			assertThat(connected.get("data")).isEqualTo(Map.of("greeting", "hello alice", "sent", Map.of("hello", "node")));
			s.onSignal("connected", WAIT, () -> node.publish("personal:alice", Map.of("to", "alice")));
			Map<String, Object> publication = s.awaitEvent("alice", "server-publication", WAIT);
			assertThat(publication.get("data")).isEqualTo(Map.of("to", "alice"));
			assertThat(publication.get("offset")).isEqualTo(1L);
			Hooks hooks = this.context.getBean(Hooks.class);
			org.awaitility.Awaitility.await().atMost(WAIT).until(() -> !hooks.messages.isEmpty());
			assertThat(hooks.messages).containsExactly("alice:{\"note\":\"fire and forget\"}");
			// the server disconnects the user everywhere: 3503 is final, the client does not reconnect
			node.disconnect("alice");
			Map<String, Object> disconnected = s.awaitEvent("alice", "disconnected", WAIT);
			assertThat(disconnected.get("code")).isEqualTo(3503L);
			s.awaitDone(WAIT);
		}
	}

	@Test
	void anExpiredTokenIsRefreshedThroughGetTokenAndAnExpiringConnectionRefreshesItself() {
		String url = start();
		try (SdkScenario s = SdkScenario.run("""
				import { harness } from './harness.mjs';
				const h = harness();
				const c = h.client('alice', '%s', { token: '%s', getToken: 'java' });
				c.connect();
				await h.until('alice', 'connected');
				await h.signal('connected');
				await new Promise((resolve) => setTimeout(resolve, 4500));
				h.emit('alice', 'still', { state: c.state });
				h.done();
				""".formatted(url, RealtimeApplication.token("alice", -10, Map.of())))) {
			// the expired token is refused with 109, and the SDK asks for a new one
			s.awaitTokenRequest("alice", WAIT);
			s.answerToken("alice", RealtimeApplication.token("alice", 3, Map.of()));
			Map<String, Object> connected = s.awaitEvent("alice", "connected", WAIT);
			assertThat(connected.get("clientId")).isNotNull();
			s.awaitSignal("connected", WAIT);
			s.reply("connected");
			// the connection expires in 3 s: the SDK refreshes it before, with a fresh token
			s.awaitTokenRequest("alice", WAIT);
			s.answerToken("alice", RealtimeApplication.token("alice", 60, Map.of()));
			Map<String, Object> still = s.awaitEvent("alice", "still", WAIT);
			assertThat(still.get("state")).isEqualTo("connected");
			assertThat(s.events("alice", "connected")).hasSize(1);
			// none but the harness's own disconnect at the end ("disconnect called", code 0)
			assertThat(s.events("alice", "disconnected")).allSatisfy((e) -> assertThat(e.get("code")).isEqualTo(0L));
			s.awaitDone(WAIT);
		}
	}

	@Test
	void anInvalidTokenIsDisconnectedFinally() {
		String url = start();
		String forged = RealtimeApplication.token("mallory", 0, Map.of()).replaceFirst("\\.[^.]+$", ".AAAA");
		try (SdkScenario s = SdkScenario.run("""
				import { harness } from './harness.mjs';
				const h = harness();
				h.client('mallory', '%s', { token: '%s' }).connect();
				await h.until('mallory', 'disconnected');
				h.done();
				""".formatted(url, forged))) {
			Map<String, Object> disconnected = s.awaitEvent("mallory", "disconnected", WAIT);
			assertThat(disconnected.get("code")).isEqualTo(3500L);
			s.awaitDone(WAIT);
		}
	}

	@Test
	void aPrivateChannelNeedsASubscriptionTokenForTheSameUserAndChannel() {
		String url = start();
		try (SdkScenario s = SdkScenario.run("""
				import { harness } from './harness.mjs';
				const h = harness();
				const c = h.client('alice', '%s', { token: '%s' });
				h.subscribe('alice', 'private:plans', {}).subscribe();
				h.subscribe('alice', 'private:secret', { getToken: 'java' }).subscribe();
				c.connect();
				await h.until('alice', 'subscribed', (e) => e.channel === 'private:secret');
				await h.until('alice', 'unsubscribed', (e) => e.channel === 'private:plans');
				h.done();
				""".formatted(url, RealtimeApplication.token("alice", 0, Map.of())))) {
			s.awaitTokenRequest("alice", WAIT);
			s.answerToken("alice", "private:secret",
					RealtimeApplication.token("alice", 0, Map.of("channel", "private:secret")));
			// without a token: permission denied (103), which the SDK does not retry
			Map<String, Object> denied = s.awaitEvent("alice", "unsubscribed",
					(e) -> "private:plans".equals(e.get("channel")), WAIT);
			assertThat(denied.get("code")).isEqualTo(103L);
			s.awaitEvent("alice", "subscribed", (e) -> "private:secret".equals(e.get("channel")), WAIT);
			s.awaitDone(WAIT);
		}
	}

	@Test
	void theServerUnsubscribesAUserAndSubscribersSeeItLeave() {
		this.context = RealtimeApplication.start(Hooks.class, CHAT[0], CHAT[1],
				"plugboard.realtime.chat.namespaces.chat.join-leave=true");
		String url = RealtimeApplication.url(this.context, "/connection/websocket");
		RealtimeNode node = this.context.getBean(RealtimeNode.class);
		try (SdkScenario s = SdkScenario.run("""
				import { harness } from './harness.mjs';
				const h = harness();
				const watcher = h.client('watcher', '%1$s', { token: '%2$s' });
				h.subscribe('watcher', 'chat:hall', { joinLeave: true }).subscribe();
				watcher.connect();
				await h.until('watcher', 'subscribed');
				const bob = h.client('bob', '%1$s', { token: '%3$s' });
				h.subscribe('bob', 'chat:hall', {}).subscribe();
				bob.connect();
				await h.until('bob', 'subscribed');
				await h.until('watcher', 'join', (e) => e.info.user === 'bob');
				await h.signal('joined');
				await h.until('bob', 'unsubscribed');
				await h.until('watcher', 'leave', (e) => e.info.user === 'bob');
				h.done();
				""".formatted(url, RealtimeApplication.token("watcher", 0, Map.of()),
				RealtimeApplication.token("bob", 0, Map.of())))) {
			s.onSignal("joined", WAIT, () -> node.unsubscribe("bob", "chat:hall"));
			Map<String, Object> unsubscribed = s.awaitEvent("bob", "unsubscribed", WAIT);
			assertThat(unsubscribed.get("code")).isEqualTo(2000L);
			s.awaitEvent("watcher", "leave", WAIT);
			s.awaitDone(WAIT);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Hooks {

		final List<String> messages = new CopyOnWriteArrayList<>();

		@Bean
		@Plug("chat")
		RealtimeHooks chatHooks() {
			return new RealtimeHooks() {

				@Override
				public @Nullable Object connect(RealtimeSession session, @Nullable JsonNode data) {
					java.util.Map<String, Object> answer = new java.util.LinkedHashMap<>();
					answer.put("greeting", "hello " + session.user());
					if (data != null) {
						answer.put("sent", data);
					}
					return answer;
				}

				@Override
				public void message(RealtimeSession session, JsonNode data) {
					Hooks.this.messages.add(session.user() + ":" + data);
				}

			};
		}

	}

}
