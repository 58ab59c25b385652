// Subscribers of the realtime fan-out benchmark (RealtimeFanout.java writes this script, with its
// CONFIG, beside the realtime module's SDK harness so that 'centrifuge' and 'ws' resolve).
// Modes: "relay" = plain ws clients of the old samples/wss relay (/ws/chat?room=…);
// "sdk" = the official Centrifuge SDK; "raw" = ws clients speaking the Centrifuge JSON protocol by hand
// (the same per-message work as "relay": one JSON.parse of the frame, one of the text).
// Every message's text is {"p": phase, "t": publish time in epoch ms, "s": seq}.
// Stdin: {"expect":{"phase":P,"count":N}} prints {"event":"complete","phase":P} once N arrived;
// "report" prints {"event":"report","phases":{P:{count,first,last,p50,p99,max}}}; "end" closes all.
import { createInterface } from 'node:readline';
import { Centrifuge } from 'centrifuge';
import WebSocket from 'ws';

const CONFIG = __CONFIG__;
const now = () => performance.timeOrigin + performance.now();
const out = (o) => process.stdout.write(JSON.stringify({ client: null, ...o }) + '\n');
const phases = new Map();
const expected = new Map();
const sockets = [];

function record(text) {
	const at = now();
	const d = JSON.parse(text);
	let ph = phases.get(d.p);
	if (!ph) { ph = { lat: [], first: at, last: at, count: 0 }; phases.set(d.p, ph); }
	ph.count++;
	ph.last = at;
	ph.lat.push(at - d.t);
	const want = expected.get(d.p);
	if (want !== undefined && ph.count >= want) { expected.delete(d.p); out({ event: 'complete', phase: d.p }); }
}

let ready = 0;
function oneReady() {
	if (++ready === CONFIG.count) out({ event: 'ready', count: ready });
}

for (let i = 0; i < CONFIG.count; i++) {
	if (CONFIG.mode === 'relay') {
		const ws = new WebSocket(`${CONFIG.url}/ws/chat?room=${CONFIG.room}&name=s${i}`);
		ws.on('open', oneReady);
		ws.on('message', (data) => record(JSON.parse(data.toString()).text));
		ws.on('error', (e) => out({ event: 'socket-error', message: e.message }));
		sockets.push(() => ws.close());
	}
	else if (CONFIG.mode === 'raw') {
		const ws = new WebSocket(`${CONFIG.url}/connection/websocket`);
		ws.on('open', () => ws.send('{"id":1,"connect":{}}\n{"id":2,"subscribe":{"channel":"' + CONFIG.channel
			+ '","recoverable":true,"positioned":true}}'));
		ws.on('message', (data) => {
			for (const line of data.toString().split('\n')) {
				if (line === '{}') { ws.send('{}'); continue; }
				const m = JSON.parse(line);
				if (m.push && m.push.pub) record(m.push.pub.data.text);
				else if (m.id === 2) { if (m.error) out({ event: 'socket-error', message: JSON.stringify(m.error) }); else oneReady(); }
			}
		});
		ws.on('error', (e) => out({ event: 'socket-error', message: e.message }));
		sockets.push(() => ws.close());
	}
	else {
		const c = new Centrifuge(`${CONFIG.url}/connection/websocket`, { websocket: WebSocket });
		const sub = c.newSubscription(CONFIG.channel, { recoverable: true, positioned: true });
		sub.on('subscribed', oneReady);
		sub.on('publication', (ctx) => record(ctx.data.text));
		sub.on('error', (ctx) => out({ event: 'socket-error', message: JSON.stringify(ctx.error) }));
		sub.subscribe();
		c.connect();
		sockets.push(() => c.disconnect());
	}
}

function percentile(sorted, p) {
	if (sorted.length === 0) return null;
	return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1))];
}

createInterface({ input: process.stdin }).on('line', (raw) => {
	const line = raw.trim();
	if (line.startsWith('{')) {
		const { phase, count } = JSON.parse(line).expect;
		if ((phases.get(phase)?.count ?? 0) >= count) out({ event: 'complete', phase });
		else expected.set(phase, count);
	}
	else if (line === 'report') {
		const report = {};
		for (const [name, ph] of phases) {
			const sorted = Float64Array.from(ph.lat).sort();
			report[name] = { count: ph.count, first: ph.first, last: ph.last, p50: percentile(sorted, 50),
				p99: percentile(sorted, 99), max: percentile(sorted, 100) };
		}
		out({ event: 'report', phases: report });
	}
	else if (line === 'end') {
		sockets.forEach((close) => close());
		out({ event: 'done' });
		process.exit(0);
	}
});
