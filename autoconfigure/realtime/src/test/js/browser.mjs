// Drives Debian's headless Chromium through playwright-core: node browser.mjs URL 'STEPS-JSON'
// Prints JSON lines like harness.mjs ({seq, t, client: page name or null, event, ...}) and ends with
// {"event":"done"} (exit 0) or {"event":"fatal"} (exit 1). Steps, run in order (timeout in ms, default 10000):
//   {"op":"open","page":"p1"[,"url":"…"]}                 a new tab on URL (or url)
//   {"op":"fill","page":"p1","selector":"#msg","text":"hi"}  replace an input's value
//   {"op":"type","page":"p1","selector":"#msg","text":"hi"}  type key by key
//   {"op":"press","page":"p1","selector":"#msg","key":"Enter"}
//   {"op":"click","page":"p1","selector":"#send"}
//   {"op":"waitText","page":"p2","selector":"#log","text":"hi"}  until the element's text contains text
//   {"op":"text","page":"p2","selector":"#log"}            logs {"event":"text","text":…}
//   {"op":"eval","page":"p1","expression":"document.title"} logs {"event":"eval","value":…}
//   {"op":"screenshot","page":"p1","path":"/tmp/p1.png"}
//   {"op":"signal","name":"ready"}                          like h.signal: waits for the line on stdin
// Every page's console messages and uncaught page errors are logged as "console" / "pageerror" lines.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.PLUGBOARD_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	'--disable-background-networking', '--disable-component-update', '--disable-sync'];
const DEFAULT_TIMEOUT_MS = 10_000;

const started = Date.now();
let seq = 0;
let finished = false;
let context = null;
let userDataDir = null;

function emit(client, event, fields = {}) {
	process.stdout.write(JSON.stringify({ seq: ++seq, t: Date.now() - started, client, event, ...fields }) + '\n');
}

function cleanup() {
	if (userDataDir) {
		try { rmSync(userDataDir, { recursive: true, force: true }); } catch { /* best effort */ }
		userDataDir = null;
	}
}

async function fail(err) {
	if (finished) return;
	finished = true;
	emit(null, 'fatal', { message: err?.message ?? String(err), stack: err?.stack ?? null });
	try { await Promise.race([context?.close(), new Promise((r) => setTimeout(r, 3000))]); } catch { /* exiting */ }
	cleanup();
	process.exit(1);
}
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
process.on('exit', cleanup);
// SdkScenario.close() sends SIGTERM first: close chromium and remove the user-data-dir
process.on('SIGTERM', () => fail(new Error('terminated (SIGTERM)')));

// stdin lines answer "signal" steps; early lines are kept
const stdinLines = [];
const signalWaiters = [];
let stdinClosed = false;
const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on('line', (raw) => {
	const line = raw.trim();
	const i = signalWaiters.findIndex((w) => w.name === line);
	if (i >= 0) signalWaiters.splice(i, 1)[0].resolve();
	else if (line) stdinLines.push(line);
});
rl.on('close', () => {
	stdinClosed = true;
	for (const w of signalWaiters.splice(0)) w.reject(new Error(`stdin closed while waiting for signal "${w.name}"`));
});

function signal(name, ms) {
	emit(null, 'signal', { signal: name });
	const queued = stdinLines.indexOf(name);
	if (queued >= 0) { stdinLines.splice(queued, 1); return Promise.resolve(); }
	if (stdinClosed) return Promise.reject(new Error(`stdin is closed: nobody can answer signal "${name}"`));
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for signal "${name}"`)), ms);
		signalWaiters.push({ name, resolve: () => { clearTimeout(timer); resolve(); }, reject });
	});
}

async function main() {
	const [url, stepsJson] = process.argv.slice(2);
	if (!url || !stepsJson) throw new Error('usage: node browser.mjs URL \'[{"op":"open","page":"p1"}, …]\'');
	const steps = JSON.parse(stepsJson);
	userDataDir = mkdtempSync(join(tmpdir(), 'plugboard-chromium-'));
	context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 30_000,
	});
	emit(null, 'launched', { browser: context.browser()?.version() ?? null, userDataDir });
	const pages = new Map();
	// a persistent context opens one blank tab: the first "open" uses it
	const spare = [...context.pages()];
	const page = (name) => {
		const p = pages.get(name);
		if (!p) throw new Error(`no page "${name}": open it first with {"op":"open","page":"${name}"}`);
		return p;
	};
	for (const [index, step] of steps.entries()) {
		const ms = step.timeout ?? DEFAULT_TIMEOUT_MS;
		const where = `step ${index + 1} ${JSON.stringify(step)}`;
		try {
			switch (step.op) {
				case 'open': {
					const p = spare.shift() ?? await context.newPage();
					p.on('console', (m) => emit(step.page, 'console', { type: m.type(), text: m.text() }));
					p.on('pageerror', (e) => emit(step.page, 'pageerror', { message: e.message }));
					pages.set(step.page, p);
					const response = await p.goto(step.url ?? url, { timeout: ms, waitUntil: 'load' });
					emit(step.page, 'opened', { url: p.url(), status: response?.status() ?? null });
					break;
				}
				case 'fill':
					await page(step.page).locator(step.selector).fill(step.text, { timeout: ms });
					emit(step.page, 'filled', { selector: step.selector, text: step.text });
					break;
				case 'type':
					await page(step.page).locator(step.selector).pressSequentially(step.text, { timeout: ms });
					emit(step.page, 'typed', { selector: step.selector, text: step.text });
					break;
				case 'press':
					await page(step.page).locator(step.selector).press(step.key, { timeout: ms });
					emit(step.page, 'pressed', { selector: step.selector, key: step.key });
					break;
				case 'click':
					await page(step.page).locator(step.selector).click({ timeout: ms });
					emit(step.page, 'clicked', { selector: step.selector });
					break;
				case 'waitText': {
					const handle = await page(step.page).waitForFunction(
						({ selector, text }) => {
							const el = document.querySelector(selector);
							return el && el.textContent.includes(text) ? el.textContent : false;
						},
						{ selector: step.selector, text: step.text }, { timeout: ms, polling: 50 });
					emit(step.page, 'textSeen', { selector: step.selector, text: step.text, content: await handle.jsonValue() });
					break;
				}
				case 'text':
					emit(step.page, 'text', { selector: step.selector,
						text: await page(step.page).locator(step.selector).textContent({ timeout: ms }) });
					break;
				case 'eval':
					emit(step.page, 'eval', { expression: step.expression,
						value: await page(step.page).evaluate(step.expression) });
					break;
				case 'screenshot':
					await page(step.page).screenshot({ path: step.path, timeout: ms });
					emit(step.page, 'screenshot', { path: step.path });
					break;
				case 'signal':
					await signal(step.name, ms);
					break;
				default:
					throw new Error(`unknown op "${step.op}"`);
			}
		} catch (err) {
			const wrapped = new Error(`${where} failed: ${err.message}`);
			wrapped.stack = err.stack;
			throw wrapped;
		}
	}
	finished = true;
	await Promise.race([context.close(), new Promise((r) => setTimeout(r, 5000))]);
	cleanup();
	emit(null, 'done');
	process.exit(0);
}

main().catch(fail);
