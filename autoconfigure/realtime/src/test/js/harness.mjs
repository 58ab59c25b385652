// Test harness for scenario scripts that drive the official Centrifuge JavaScript SDK from Node.js.
// See README.md beside this file.
//
// Output: one compact JSON object per line on stdout, each with seq (1, 2, …), t (ms since start),
// client (the scenario's label of a client, null for harness lines) and event, plus the event's fields
// (an SDK field named "client", the server's client id, is renamed "clientId"). Harness lines:
//   {"event":"signal","signal":NAME}          h.signal(NAME) waits for the line NAME on stdin
//   {"event":"need-token","need":"token","client":C[,"channel":CH]}   waits for a token answer on stdin
//   {"event":"done"}                           h.done(): exit code 0
//   {"event":"fatal","message":…,"stack":…}    any unhandled error (timeouts included): exit code 1
// Input (stdin) from the Java side (SdkScenario):
//   - a plain text line answers h.signal(name) when it equals the name (kept if it comes early);
//   - a JSON line {"token":"…","client":"alice"[,"channel":"chat:1"]} answers a token request
//     (kept if it comes early); {"token":null,"client":…,"unauthorized":true} makes getToken throw
//     the SDK's UnauthorizedError.
import { createInterface } from 'node:readline';
import { Centrifuge, UnauthorizedError } from 'centrifuge';
import WebSocket from 'ws';

const DEFAULT_TIMEOUT_MS = 10_000;

/** Converts any value into something JSON.stringify renders faithfully (Maps, Sets, Errors, cycles). */
export function plain(value, ancestors = []) {
	if (value === null || value === undefined) return value ?? null;
	switch (typeof value) {
		case 'string': case 'number': case 'boolean': return value;
		case 'bigint': return value.toString();
		case 'function': case 'symbol': return undefined;
	}
	if (ancestors.includes(value)) return '[circular]';
	if (ancestors.length > 12) return '[too deep]';
	const next = [...ancestors, value];
	if (value instanceof Error || (typeof value.code === 'number' && typeof value.message === 'string'
			&& Object.keys(value).length <= 3)) {
		const e = { code: value.code ?? null, message: value.message ?? String(value) };
		if (value instanceof Error && value.name && value.name !== 'Error') e.name = value.name;
		if (value.temporary !== undefined) e.temporary = value.temporary;
		return e;
	}
	if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), plain(v, next)]));
	if (value instanceof Set || Array.isArray(value)) return [...value].map((v) => plain(v, next) ?? null);
	if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
	if (value instanceof Date) return value.toISOString();
	const out = {};
	for (const [k, v] of Object.entries(value)) {
		const p = plain(v, next);
		if (p !== undefined) out[k] = p;
	}
	return out;
}

function errorFields(err) {
	const p = plain(err);
	return p && typeof p === 'object' && !Array.isArray(p) ? { code: p.code ?? null, message: p.message ?? String(err) }
		: { code: null, message: String(err) };
}

const CLIENT_EVENTS = ['connecting', 'connected', 'disconnected', 'error', 'message',
	'publication', 'join', 'leave', 'subscribed', 'subscribing', 'unsubscribed'];
// the client-level events about server-side subscriptions are logged with this prefix
const SERVER_SIDE = new Set(['publication', 'join', 'leave', 'subscribed', 'subscribing', 'unsubscribed']);
const SUBSCRIPTION_EVENTS = ['subscribing', 'subscribed', 'unsubscribed', 'publication', 'join', 'leave', 'error'];

let instance = null;

/**
 * Creates the harness (once per process).
 * options.timeout: default timeout of until/signal/token waits in ms (10 s);
 * options.maxRuntime: the whole scenario fails with "fatal" after this many ms (120 s).
 */
export function harness(options = {}) {
	if (instance) return instance;
	const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
	const started = Date.now();
	const events = [];      // every line written, in order
	const waiters = [];     // {match(line), resolve}
	const clients = new Map();   // label -> Centrifuge
	const subs = new Map();      // `${label}\u0000${channel}` -> Subscription
	const stdinLines = [];       // plain lines not consumed yet
	const signalWaiters = [];    // {name, resolve, reject}
	const tokenWaiters = [];     // {client, channel, resolve, reject}
	const tokenAnswers = [];     // token answers that arrived before their request
	let stdinClosed = false;
	let seq = 0;
	let finished = false;

	function write(obj) {
		process.stdout.write(JSON.stringify(obj) + '\n');
	}

	function emit(client, event, fields = {}) {
		const f = plain(fields);
		const body = f && typeof f === 'object' && !Array.isArray(f) ? f : { value: f };
		if ('client' in body) { body.clientId = body.client; delete body.client; }
		delete body.event; delete body.seq; delete body.t;
		const line = { seq: ++seq, t: Date.now() - started, client, event, ...body };
		events.push(line);
		write(line);
		for (let i = waiters.length - 1; i >= 0; i--) {
			if (waiters[i].match(line)) waiters.splice(i, 1)[0].resolve(line);
		}
		return line;
	}

	function fatal(err, extra = {}) {
		if (finished) return;
		finished = true;
		write({ seq: ++seq, t: Date.now() - started, client: null, event: 'fatal',
			message: err?.message ?? String(err), stack: err?.stack ?? null, ...plain(extra) });
		process.exit(1);
	}
	process.on('uncaughtException', (err) => fatal(err));
	process.on('unhandledRejection', (err) => fatal(err));
	process.on('SIGTERM', () => fatal(new Error('terminated (SIGTERM)')));
	process.on('exit', (code) => {
		if (!finished && code === 0) {
			write({ seq: ++seq, t: Date.now() - started, client: null, event: 'fatal',
				message: 'the scenario ended without calling h.done()' });
			process.exitCode = 1;
		}
	});
	const watchdog = setTimeout(() => fatal(new Error(`scenario exceeded maxRuntime ${options.maxRuntime ?? 120_000} ms`)),
		options.maxRuntime ?? 120_000);
	watchdog.unref();

	const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
	rl.on('line', (raw) => {
		const line = raw.trim();
		if (line === '') return;
		if (line.startsWith('{')) {
			let msg;
			try { msg = JSON.parse(line); } catch { msg = null; }
			if (msg && 'token' in msg) {
				const i = tokenWaiters.findIndex((w) => w.client === (msg.client ?? w.client)
					&& (w.channel ?? null) === (msg.channel ?? null));
				if (i < 0) tokenAnswers.push(msg);   // answered ahead of the request: kept for it
				else answerToken(tokenWaiters.splice(i, 1)[0], msg);
				return;
			}
		}
		const i = signalWaiters.findIndex((w) => w.name === line);
		if (i >= 0) signalWaiters.splice(i, 1)[0].resolve(line);
		else stdinLines.push(line);
	});
	rl.on('close', () => {
		stdinClosed = true;
		for (const w of signalWaiters.splice(0)) w.reject(new Error(`stdin closed while waiting for signal "${w.name}"`));
		for (const w of tokenWaiters.splice(0)) w.reject(new Error(`stdin closed while waiting for a token for ${w.client}`));
	});

	function withTimeout(promise, ms, describe) {
		let timer;
		const t = new Promise((_, reject) => {
			timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms ${describe()}`)), ms);
		});
		return Promise.race([promise, t]).finally(() => clearTimeout(timer));
	}

	function answerToken(waiter, msg) {
		if (msg.unauthorized) waiter.reject(new UnauthorizedError('unauthorized (answered by the Java side)'));
		else waiter.resolve(msg.token ?? '');
	}

	function askToken(client, channel = null, ms = timeout) {
		const p = new Promise((resolve, reject) => {
			const waiter = { client, channel, resolve, reject };
			const i = tokenAnswers.findIndex((m) => (m.client ?? client) === client && (m.channel ?? null) === channel);
			if (i >= 0) answerToken(waiter, tokenAnswers.splice(i, 1)[0]);
			else if (stdinClosed) reject(new Error('stdin is closed: nobody can answer a token request'));
			else tokenWaiters.push(waiter);
		});
		emit(client, 'need-token', channel !== null ? { need: 'token', channel } : { need: 'token' });
		return withTimeout(p, ms, () => `waiting for a token for ${client}${channel ? ' on ' + channel : ''}`)
			.catch((err) => {
				const i = tokenWaiters.findIndex((w) => w.client === client && w.channel === channel);
				if (i >= 0 && err.message.startsWith('timed out')) tokenWaiters.splice(i, 1);
				throw err;
			});
	}

	function clientOf(label) {
		const c = clients.get(label);
		if (!c) throw new Error(`no client "${label}"; create it with h.client('${label}', url, options) first`);
		return c;
	}

	/** Awaits value (a value or a promise); logs {event, ...result} or {event:'error', op: event, code, message}. */
	async function log(client, event, value, extra = {}) {
		try {
			const result = await value;
			const r = plain(result);
			const fields = r === null ? {} : typeof r === 'object' && !Array.isArray(r) ? r : { value: r };
			emit(client, event, { ...extra, ...fields });
			return result;
		} catch (err) {
			emit(client, 'error', { op: event, ...extra, ...errorFields(err) });
			return undefined;
		}
	}

	const h = {
		/** All lines logged so far (read-only use). */
		events,
		/** The current sequence number, for until(..., { since: h.mark() }). */
		mark: () => seq,
		/** Logs an arbitrary event line. */
		emit,
		log,

		/** Creates a Centrifuge client labelled `label`; logs all its events. getToken: 'java' asks the Java side. */
		client(label, url, opts = {}) {
			if (clients.has(label)) throw new Error(`client "${label}" exists already`);
			const o = { websocket: WebSocket, ...opts };
			if (o.getToken === 'java' || o.getToken === true) o.getToken = () => askToken(label);
			const c = new Centrifuge(url, o);
			for (const ev of CLIENT_EVENTS) {
				c.on(ev, (ctx) => emit(label, SERVER_SIDE.has(ev) ? `server-${ev}` : ev, ctx ?? {}));
			}
			clients.set(label, c);
			return c;
		},

		/** Creates (not yet subscribes) a subscription of client `label`; logs all its events. getToken: 'java' asks the Java side. */
		subscribe(label, channel, opts = {}) {
			const c = clientOf(label);
			const o = { ...opts };
			if (o.getToken === 'java' || o.getToken === true) o.getToken = (ctx) => askToken(label, ctx?.channel ?? channel);
			const sub = c.newSubscription(channel, o);
			for (const ev of SUBSCRIPTION_EVENTS) sub.on(ev, (ctx) => emit(label, ev, { channel, ...(ctx ?? {}) }));
			subs.set(`${label}\u0000${channel}`, sub);
			return sub;
		},

		subscription(label, channel) {
			const s = subs.get(`${label}\u0000${channel}`);
			if (!s) throw new Error(`client "${label}" has no subscription to "${channel}"`);
			return s;
		},

		/**
		 * Resolves with the first line of `client` and `event` (after opts.since, a seq) that passes filter;
		 * lines logged before the call count too. Rejects after opts.timeout ms (or a number given instead of opts).
		 */
		until(client, event, filter = null, opts = {}) {
			const o = typeof opts === 'number' ? { timeout: opts } : opts;
			const since = o.since ?? 0;
			const match = (l) => l.client === client && l.event === event && l.seq > since && (!filter || filter(l));
			const found = events.find(match);
			if (found) return Promise.resolve(found);
			const ms = o.timeout ?? timeout;
			let waiter;
			const p = new Promise((resolve) => { waiter = { match, resolve }; waiters.push(waiter); });
			return withTimeout(p, ms, () => {
				const i = waiters.indexOf(waiter);
				if (i >= 0) waiters.splice(i, 1);
				const seen = events.filter((l) => l.client === client).map((l) => l.event);
				return `waiting for ${client}/${event}${filter ? ' matching ' + filter.toString() : ''}`
					+ `${since ? ' after seq ' + since : ''}; events of ${client} so far: [${seen.join(', ')}]`;
			});
		},

		/** Prints {"signal": name} and waits until the Java side writes the line `name` on stdin. */
		signal(name, ms = timeout) {
			const queued = stdinLines.indexOf(name);
			emit(null, 'signal', { signal: name });
			if (queued >= 0) { stdinLines.splice(queued, 1); return Promise.resolve(name); }
			if (stdinClosed) return Promise.reject(new Error(`stdin is closed: nobody can answer signal "${name}"`));
			let waiter;
			const p = new Promise((resolve, reject) => { waiter = { name, resolve, reject }; signalWaiters.push(waiter); });
			return withTimeout(p, ms, () => {
				const i = signalWaiters.indexOf(waiter);
				if (i >= 0) signalWaiters.splice(i, 1);
				return `waiting for the Java side to answer signal "${name}"`;
			});
		},

		/** Asks the Java side for a token (what getToken: 'java' does). */
		askToken,

		rpc: (label, method, data) => log(label, 'rpc', clientOf(label).rpc(method, data), { method }),
		send: (label, data) => log(label, 'sent', clientOf(label).send(data)),
		publish: (label, channel, data) => log(label, 'published', clientOf(label).publish(channel, data), { channel }),
		presence: (label, channel) => log(label, 'presence', clientOf(label).presence(channel), { channel }),
		presenceStats: (label, channel) => log(label, 'presenceStats', clientOf(label).presenceStats(channel), { channel }),
		history: (label, channel, opts = {}) => log(label, 'history', clientOf(label).history(channel, opts), { channel }),
		unsubscribe(label, channel) { h.subscription(label, channel).unsubscribe(); },
		removeSubscription(label, channel) {
			const s = h.subscription(label, channel);
			clientOf(label).removeSubscription(s);
			subs.delete(`${label}\u0000${channel}`);
		},
		disconnect(label) { clientOf(label).disconnect(); },
		setToken(label, token) { clientOf(label).setToken(token); },

		/** Disconnects every client, prints {"event":"done"} and exits 0. */
		done() {
			for (const c of clients.values()) {
				try { c.disconnect(); } catch { /* exiting anyway */ }
			}
			finished = true;
			write({ seq: ++seq, t: Date.now() - started, client: null, event: 'done' });
			process.exit(0);
		},
	};
	instance = h;
	return h;
}
