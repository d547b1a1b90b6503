// `npm run bench:status`: the public status surface under a surge. `/status` and
// `/api/v2/summary.json` at 100 and 1,000 concurrent connections, served three ways in the same
// run: by the status edge (production: from memory, pre-compressed, in front of SvelteKit), through
// SvelteKit's request pipeline (STATUS_EDGE=0), and by a bare Node `http` server answering the very
// same bytes and headers. Prints requests/s, p50, p99, errors and timeouts, and the ratios to bare.
// Uses its own embedded databases (a status page with components, history and incidents); run it
// under `flock /tmp/leitstand-build.lock` since it may build.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startApp as startInProcess } from '../../src/lib/server/app';
import { loadConfig } from '../../src/lib/server/config';
import { freePort, sleep, startApp } from './support';

process.env.LEITSTAND_SILENT ??= '1';
const { values } = parseArgs({
	options: {
		seconds: { type: 'string', default: '10' },
		connections: { type: 'string', default: '100,1000' }
	}
});
const SECONDS = Number(values.seconds);
const CONNECTIONS = values.connections.split(',').map(Number);
// The JSON first: a flood of page renders through SvelteKit would still be queued behind it.
const PATHS = ['/api/v2/summary.json', '/status'];
const HEADERS = { 'accept-encoding': 'br, gzip', 'accept-language': 'de-DE,de;q=0.9' };

const root = mkdtempSync(join(tmpdir(), 'lst-bench-status-'));
const children: ChildProcess[] = [];
const stopAll = () => {
	for (const c of children) c.kill('SIGTERM');
};
process.on('exit', () => {
	stopAll();
	rmSync(root, { recursive: true, force: true });
});

/** The demo organisation with its status page (components, 90 days of history, incidents). */
async function seed(dir: string) {
	const ctx = await startInProcess({
		...loadConfig({ ...process.env, DATA_DIR: dir, DEMO_TICKETS: '0', DATABASE_URL: '' }),
		jobs: false
	});
	await ctx.stop();
}

/** The same bytes and headers, answered by nothing but node:http (in its own process). */
async function bareServer(port: number, bodies: Record<string, { headers: object; body: string }>) {
	const file = join(root, 'bare.json');
	writeFileSync(file, JSON.stringify(bodies));
	const script = `
		const http = require('node:http');
		const all = JSON.parse(require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8'));
		const map = new Map(Object.entries(all).map(([p, e]) => [p, { headers: e.headers, body: Buffer.from(e.body, 'base64') }]));
		http.createServer((req, res) => {
			const e = map.get(req.url);
			if (!e) return res.writeHead(404).end();
			res.writeHead(200, e.headers);
			res.end(e.body);
		}).listen(${port}, '127.0.0.1', () => console.log('bare ready'));`;
	const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
	children.push(child);
	await new Promise((r) => child.stdout!.once('data', r));
}

interface Figures {
	rps: number;
	p50: number;
	p99: number;
	errors: number;
	timeouts: number;
}

/** Wait until a server has worked off what a run left queued (it answers /healthz quickly). */
async function drained(port: number) {
	for (let i = 0; i < 600; i++) {
		const started = Date.now();
		const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
			.then((r) => r.ok)
			.catch(() => false);
		if (ok && Date.now() - started < 50) return;
		await sleep(500);
	}
}

async function load(url: string, connections: number): Promise<Figures> {
	const result = await autocannon({
		url,
		connections,
		duration: SECONDS,
		headers: HEADERS,
		timeout: 10
	});
	return {
		rps: result.requests.average,
		p50: result.latency.p50,
		p99: result.latency.p99,
		errors: result.non2xx + result.errors,
		timeouts: result.timeouts
	};
}

console.log('Preparing two copies of a status page (components, 90 days, incidents)…');
const edgeDir = join(root, 'edge');
const kitDir = join(root, 'kit');
await seed(edgeDir);
cpSync(edgeDir, kitDir, { recursive: true });
const [edgePort, kitPort, barePort] = [await freePort(), await freePort(), await freePort()];
const common = { JOBS: '0', DEMO_TICKETS: '0', SEED_DEMO: '0', DATABASE_URL: '' };
children.push(await startApp(edgePort, { ...common, DATA_DIR: edgeDir }));
children.push(await startApp(kitPort, { ...common, DATA_DIR: kitDir, STATUS_EDGE: '0' }));
// Wait until the edge holds the rendered page.
for (let i = 0; ; i++) {
	const r = await fetch(`http://127.0.0.1:${edgePort}/status`, { headers: HEADERS });
	await r.arrayBuffer();
	if (r.headers.get('x-status-as-of') && r.headers.get('content-type')?.startsWith('text/html'))
		break;
	if (i > 300) throw new Error('the edge never got the rendered page');
	await sleep(200);
}
const bodies: Record<string, { headers: object; body: string }> = {};
for (const path of PATHS) {
	// node:http, not fetch: the compressed bytes exactly as the edge sent them.
	const { headers, body } = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>(
		(resolve, reject) =>
			get(`http://127.0.0.1:${edgePort}${path}`, { headers: HEADERS }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve({ headers: { ...res.headers }, body: Buffer.concat(chunks) }));
			}).on('error', reject)
	);
	for (const h of ['date', 'connection', 'keep-alive', 'transfer-encoding']) delete headers[h];
	bodies[path] = { headers, body: body.toString('base64') };
	console.log(`  ${path}: ${headers['content-encoding'] ?? 'identity'}, ${body.length} bytes`);
}
await bareServer(barePort, bodies);

const rows: string[] = [];
const fmt = (name: string, f: Figures) =>
	`  ${name.padEnd(10)} ${f.rps.toFixed(0).padStart(7)} req/s   p50 ${String(f.p50).padStart(5)} ms   p99 ${String(f.p99).padStart(5)} ms   errors ${f.errors}   timeouts ${f.timeouts}`;
for (const path of PATHS) {
	for (const connections of CONNECTIONS) {
		console.log(`\n${path} at ${connections} connections (${SECONDS} s each)`);
		const edge = await load(`http://127.0.0.1:${edgePort}${path}`, connections);
		console.log(fmt('edge', edge));
		const kit = await load(`http://127.0.0.1:${kitPort}${path}`, connections);
		console.log(fmt('sveltekit', kit));
		await drained(kitPort);
		const bare = await load(`http://127.0.0.1:${barePort}${path}`, connections);
		console.log(fmt('bare node', bare));
		const ratio = `edge/bare ${(edge.rps / bare.rps).toFixed(2)}, sveltekit/bare ${(kit.rps / bare.rps).toFixed(2)}, edge p99 ${edge.p99} vs bare ${bare.p99} ms`;
		console.log(`  ratios: ${ratio}`);
		rows.push(
			`| \`${path}\` | ${connections} | ${edge.rps.toFixed(0)} (${edge.p50}/${edge.p99}) | ${kit.rps.toFixed(0)} (${kit.p50}/${kit.p99}) | ${bare.rps.toFixed(0)} (${bare.p50}/${bare.p99}) | ${(edge.rps / bare.rps).toFixed(2)} | ${edge.errors + edge.timeouts}/${kit.errors + kit.timeouts}/${bare.errors + bare.timeouts} |`
		);
	}
}
console.log(
	'\n| path | connections | edge req/s (p50/p99 ms) | SvelteKit | bare Node | edge/bare | errors+timeouts edge/kit/bare |'
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
stopAll();
process.exit(0);
