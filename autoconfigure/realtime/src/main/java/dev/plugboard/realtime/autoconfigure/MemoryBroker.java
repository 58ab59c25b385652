package dev.plugboard.realtime.autoconfigure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Channels of one application node, in memory: what a node without a broker instance uses.
 *
 * @author Plugboard
 */
final class MemoryBroker implements Broker {

	private final Map<String, Channel> channels = new ConcurrentHashMap<>();

	private final Map<String, Map<String, String>> presence = new ConcurrentHashMap<>();

	private volatile @Nullable Deliveries deliveries;

	@Override
	public void start(Deliveries deliveries) {
		this.deliveries = deliveries;
	}

	private Channel channel(String name) {
		return this.channels.computeIfAbsent(name, (key) -> new Channel());
	}

	@Override
	public Position publish(String channel, String publication, RealtimeSettings.Namespace namespace) {
		Channel state = channel(channel);
		// the lock orders offsets and deliveries alike
		synchronized (state) {
			long offset = 0;
			if (namespace.hasHistory()) {
				state.expire(namespace);
				offset = ++state.offset;
				state.entries.addLast(new Entry(offset, publication));
				while (state.entries.size() > namespace.getHistorySize()) {
					state.entries.removeFirst();
				}
				state.lastPublish = System.nanoTime();
			}
			Deliveries target = this.deliveries;
			if (target != null) {
				target.publication(channel, publication, offset, state.epoch);
			}
			return new Position(offset, state.epoch);
		}
	}

	@Override
	public void join(String channel, String info) {
		Deliveries target = this.deliveries;
		if (target != null) {
			target.join(channel, info);
		}
	}

	@Override
	public void leave(String channel, String info) {
		Deliveries target = this.deliveries;
		if (target != null) {
			target.leave(channel, info);
		}
	}

	@Override
	public void subscribe(String channel) {
	}

	@Override
	public void unsubscribe(String channel) {
	}

	@Override
	public Stream history(String channel, @Nullable Long since, int limit, boolean reverse,
			RealtimeSettings.Namespace namespace) {
		Channel state = channel(channel);
		synchronized (state) {
			state.expire(namespace);
			List<Entry> selected = new ArrayList<>();
			if (limit != 0) {
				for (Entry entry : state.entries) {
					if (since == null || entry.offset() > since) {
						selected.add(entry);
					}
				}
				if (reverse) {
					Collections.reverse(selected);
				}
				if (limit > 0 && selected.size() > limit) {
					selected = new ArrayList<>(selected.subList(0, limit));
				}
			}
			return new Stream(selected, state.offset, state.epoch);
		}
	}

	@Override
	public void addPresence(String channel, String client, String info) {
		this.presence.computeIfAbsent(channel, (key) -> new ConcurrentHashMap<>()).put(client, info);
	}

	@Override
	public void removePresence(String channel, String client) {
		Map<String, String> clients = this.presence.get(channel);
		if (clients != null) {
			clients.remove(client);
		}
	}

	@Override
	public Map<String, String> presence(String channel) {
		return new LinkedHashMap<>(this.presence.getOrDefault(channel, Map.of()));
	}

	@Override
	public void control(String command) {
		Deliveries target = this.deliveries;
		if (target != null) {
			target.control(command);
		}
	}

	@Override
	public Map<String, Object> check() {
		return Map.of("broker", "memory (this application node only)");
	}

	@Override
	public String describe() {
		return "memory";
	}

	@Override
	public void close() {
	}

	private static final class Channel {

		private final String epoch = UUID.randomUUID().toString().substring(0, 8);

		private final Deque<Entry> entries = new ArrayDeque<>();

		private long offset;

		private long lastPublish = System.nanoTime();

		/** A history unused for its ttl is dropped; the position stays. */
		void expire(RealtimeSettings.Namespace namespace) {
			if (!this.entries.isEmpty() && System.nanoTime() - this.lastPublish > namespace.getHistoryTtl().toNanos()) {
				this.entries.clear();
			}
		}

	}

}
