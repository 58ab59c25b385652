package dev.plugboard.realtime.autoconfigure;

import java.util.ArrayList;
import java.util.List;

/**
 * One client's subscription to one channel. Until its subscribe reply is written, live
 * publications wait here; after it, a positioned subscription passes on each publication whose
 * offset follows the last one, drops what it already has, and on a gap (a publication missed
 * between nodes) unsubscribes the client with "insufficient state", which makes it resubscribe
 * and recover from history.
 *
 * @author Plugboard
 */
final class Subscription {

	static final int INSUFFICIENT_STATE = 2500;

	private final Client client;

	private final String channel;

	private final RealtimeSettings.Namespace namespace;

	private final boolean positioned;

	private final boolean joinLeave;

	private boolean ready;

	private long offset;

	private String epoch = "";

	private List<Pending> pending = new ArrayList<>();

	Subscription(Client client, String channel, RealtimeSettings.Namespace namespace, boolean positioned,
			boolean joinLeave) {
		this.client = client;
		this.channel = channel;
		this.namespace = namespace;
		this.positioned = positioned;
		this.joinLeave = joinLeave;
	}

	Client client() {
		return this.client;
	}

	String channel() {
		return this.channel;
	}

	RealtimeSettings.Namespace namespace() {
		return this.namespace;
	}

	boolean joinLeave() {
		return this.joinLeave;
	}

	synchronized void position(long offset, String epoch) {
		this.offset = offset;
		this.epoch = epoch;
	}

	/** The subscribe reply is written: pass on what arrived meanwhile. */
	void ready() {
		List<Pending> waiting;
		synchronized (this) {
			waiting = this.pending;
			this.pending = null;
			this.ready = true;
			for (Pending publication : waiting) {
				if (!pass(publication.frame(), publication.offset(), publication.epoch())) {
					return;
				}
			}
		}
	}

	/**
	 * A publication of the channel.
	 * @param frame the push frame, the same for every subscriber
	 * @param offset its offset (0 without history)
	 * @param epoch its epoch
	 * @return {@code false} if a gap ended the subscription
	 */
	synchronized boolean deliver(String frame, long offset, String epoch) {
		if (!this.ready) {
			this.pending.add(new Pending(frame, offset, epoch));
			return true;
		}
		return pass(frame, offset, epoch);
	}

	private boolean pass(String frame, long offset, String epoch) {
		if (this.positioned && offset > 0) {
			if (offset <= this.offset && epoch.equals(this.epoch)) {
				// recovered already, or read with the history
				return true;
			}
			if (offset != this.offset + 1 || !epoch.equals(this.epoch)) {
				this.client.unsubscribedByServer(this.channel, INSUFFICIENT_STATE, "insufficient state");
				return false;
			}
			this.offset = offset;
		}
		this.client.send(frame);
		return true;
	}

	/** A join or leave message, passed on to subscribers that asked for them once ready. */
	synchronized void deliverPresenceChange(String frame) {
		if (this.joinLeave && this.ready) {
			this.client.send(frame);
		}
	}

	private record Pending(String frame, long offset, String epoch) {
	}

}
