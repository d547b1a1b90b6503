// Fan-out latency and database work per event: `npm run bench:fanout -- --clients 2000`.
//
// 1. Starts the production build (`scripts/start.js`, which builds when stale) on the PostgreSQL
//    database named by DATABASE_URL (migrated and given the demo organisation), connects N desk
//    sockets (agents, subscribed to `desk`), and times each `POST /api/tickets` from the moment the
//    request is sent until each socket has the ticket's `queue.ticket` event: p50, p99, max.
// 2. Baseline, in the same run: a bare Socket.IO server (no database, no auth, no filtering) that
//    broadcasts the same payload to the same N sockets when it receives an HTTP POST, timed the
//    same way. Prints both and the ratio.
// 3. Counts SQL statements per event (the app's own counter, /metrics) with 1 and with 200
//    connected desk sockets, and prints that ratio.
// Prints figures; asserts nothing. The database keeps what the run wrote.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { io as connect, type Socket } from 'socket.io-client';
import { createApiToken } from '../../src/lib/server/auth/tokens';
import { openDatabase } from '../../src/lib/server/db/client';
import { migrate } from '../../src/lib/server/db/migrate';
import { ensureDefaults } from '../../src/lib/server/seed/defaults';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { getUserByEmail } from '../../src/lib/server/users/db';
import { freePort, percentiles, sleep, startApp } from './support';

process.env.LEITSTAND_SILENT ??= '1';
const { values } = parseArgs({
	options: {
		clients: { type: 'string', default: '2000' },
		writes: { type: 'string', default: '30' },
		'query-desks': { type: 'string', default: '200' }
	}
});
const CLIENTS = Number(values.clients);
const WRITES = Number(values.writes);
const QUERY_DESKS = Number(values['query-desks']);
const url = process.env.DATABASE_URL;
if (!url) {
	console.error(
		'bench:fanout runs the app on PostgreSQL: set DATABASE_URL to a disposable database.'
	);
	process.exit(1);
}
const METRICS_TOKEN = 'bench-fanout-metrics-token';

const ms = (v: number) => `${v.toFixed(1)} ms`;

/** Connect `n` sockets in batches (a burst of thousands of handshakes at once only measures the handshake). */
async function connectMany(n: number, open: () => Socket): Promise<Socket[]> {
	const sockets: Socket[] = [];
	for (let i = 0; i < n; i += 100) {
		const batch = Array.from({ length: Math.min(100, n - i) }, open);
		await Promise.all(
			batch.map(
				(s) =>
					new Promise<void>((resolve, reject) => {
						s.once('connect', () => resolve());
						s.once('connect_error', reject);
					})
			)
		);
		sockets.push(...batch);
	}
	return sockets;
}

/**
 * Send `WRITES` writes one after another; for each, wait until every socket has it (matched by
 * `key`) and record send → receipt per socket.
 */
async function timeWrites(
	sockets: Socket[],
	subscribe: (socket: Socket, onKey: (key: string) => void) => void,
	write: (key: string) => Promise<void>
) {
	const waiting = new Map<string, { sent: number; left: number; done: () => void }>();
	const samples: number[] = [];
	for (const socket of sockets) {
		subscribe(socket, (key) => {
			const w = waiting.get(key);
			if (!w) return;
			samples.push(performance.now() - w.sent);
			if (--w.left === 0) w.done();
		});
	}
	for (let i = 0; i < WRITES; i++) {
		const key = `bench-${Date.now()}-${i}`;
		const all = new Promise<void>((done) =>
			waiting.set(key, { sent: performance.now(), left: sockets.length, done })
		);
		await write(key);
		await Promise.race([all, sleep(20_000)]);
		waiting.delete(key);
		await sleep(50);
	}
	return percentiles(samples);
}

async function queryCount(base: string): Promise<number> {
	const text = await (
		await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
	).text();
	const line = text.split('\n').find((l) => l.startsWith('leitstand_db_queries_total '));
	return Number(line?.split(' ')[1] ?? NaN);
}

async function main() {
	console.log(
		`bench:fanout — ${CLIENTS} sockets, ${WRITES} writes, ${cpus().length} cores, load ${loadavg()[0].toFixed(2)}`
	);
	// The organisation and two API tokens: an agent's for the desks, a requester's for the writes.
	const db = await openDatabase({ databaseUrl: url, dataDir: '', poolMax: 2 });
	await migrate(db.sql, join(process.cwd(), 'sql'));
	await ensureDefaults(db);
	await seedDemo(db);
	const agent = (await getUserByEmail(db.sql, 'l1@example.com'))!;
	const requester = (await getUserByEmail(db.sql, 'user@example.com'))!;
	const agentToken = (await createApiToken(db.sql, agent.id, 'bench:fanout desks')).token;
	const requesterToken = (await createApiToken(db.sql, requester.id, 'bench:fanout writes')).token;
	const [category] = await db.sql<{ id: number }[]>`select id from categories order by id limit 1`;
	await db.close();

	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	console.log('starting the app (builds first when the build is stale)…');
	const app = await startApp(port, {
		DATABASE_URL: url!,
		JOBS: '0',
		METRICS_TOKEN,
		LEITSTAND_COUNT_QUERIES: '1'
	});
	const children: ChildProcess[] = [app];
	let payloadSize = 0;
	try {
		const openDesk = () =>
			connect(base, {
				transports: ['websocket'],
				auth: { token: agentToken },
				forceNew: true,
				reconnection: false
			});
		const subscribeDesk = async (sockets: Socket[]) => {
			await Promise.all(
				sockets.map((s) => s.timeout(30_000).emitWithAck('subscribe', { topics: ['desk'] }))
			);
		};
		const createTicket = async (key: string) => {
			const response = await fetch(`${base}/api/tickets`, {
				method: 'POST',
				headers: { authorization: `Bearer ${requesterToken}`, 'content-type': 'application/json' },
				body: JSON.stringify({
					title: key,
					body: 'Fan-out benchmark',
					categoryId: category.id,
					urgency: 2,
					impact: 2
				})
			});
			if (response.status !== 201) throw new Error(`POST /api/tickets: ${response.status}`);
		};
		const onQueueEvent = (socket: Socket, onKey: (key: string) => void) =>
			socket.on('event', (e: { type: string; payload: { ticket?: { title: string } } }) => {
				if (e.type !== 'queue.ticket' || !e.payload.ticket) return;
				if (!payloadSize) payloadSize = JSON.stringify(e).length;
				onKey(e.payload.ticket.title);
			});

		// Database work per event: 1 desk, then QUERY_DESKS desks.
		const perEvent = async (desks: number) => {
			const sockets = await connectMany(desks, openDesk);
			await subscribeDesk(sockets);
			await sleep(2500); // let one revalidation round pass with these sockets
			const before = await queryCount(base);
			const result = await timeWrites(sockets, onQueueEvent, createTicket);
			const used = (await queryCount(base)) - before - 1; // minus the /metrics read itself
			for (const s of sockets) s.close();
			await sleep(500);
			return { perEvent: used / WRITES, latency: result };
		};
		const one = await perEvent(1);
		const many = await perEvent(QUERY_DESKS);

		// Latency with CLIENTS desks.
		const desks = await connectMany(CLIENTS, openDesk);
		await subscribeDesk(desks);
		await sleep(1000);
		const leitstand = await timeWrites(desks, onQueueEvent, createTicket);
		for (const s of desks) s.close();

		// Baseline: a bare Socket.IO broadcast of the same payload to the same number of sockets.
		const barePort = await freePort();
		const bare = await startBare(barePort, payloadSize);
		children.push(bare);
		const bareSockets = await connectMany(CLIENTS, () =>
			connect(`http://127.0.0.1:${barePort}`, {
				transports: ['websocket'],
				forceNew: true,
				reconnection: false
			})
		);
		const baseline = await timeWrites(
			bareSockets,
			(socket, onKey) => socket.on('event', (e: { key: string }) => onKey(e.key)),
			async (key) => {
				await fetch(`http://127.0.0.1:${barePort}/emit?key=${key}`, { method: 'POST' });
			}
		);
		for (const s of bareSockets) s.close();

		console.log(
			`\nLatency, HTTP write → receipt on each of ${CLIENTS} sockets (${WRITES} writes, payload ${payloadSize} B):`
		);
		console.log(
			`  Leitstand POST /api/tickets → queue.ticket   p50 ${ms(leitstand.p50)}  p99 ${ms(leitstand.p99)}  max ${ms(leitstand.max)}  (${leitstand.n} receipts)`
		);
		console.log(
			`  bare Socket.IO broadcast (baseline)          p50 ${ms(baseline.p50)}  p99 ${ms(baseline.p99)}  max ${ms(baseline.max)}  (${baseline.n} receipts)`
		);
		console.log(
			`  ratio p99 ${(leitstand.p99 / baseline.p99).toFixed(2)}×, p50 ${(leitstand.p50 / baseline.p50).toFixed(2)}×  (target p99 within 2×)`
		);
		console.log(`\nSQL statements per event (whole app, per ticket created and delivered):`);
		console.log(`  with 1 desk socket      ${one.perEvent.toFixed(1)}`);
		console.log(`  with ${QUERY_DESKS} desk sockets   ${many.perEvent.toFixed(1)}`);
		console.log(
			`  ratio ${(many.perEvent / one.perEvent).toFixed(2)}  (target ≤ 1.0: no work per screen)`
		);
	} finally {
		for (const c of children) c.kill('SIGTERM');
	}
	process.exit(0);
}

/** The baseline server, in its own process like the app: HTTP POST /emit → io.emit to all. */
async function startBare(port: number, size: number): Promise<ChildProcess> {
	const script = `
		const { createServer } = require('node:http');
		const { Server } = require('socket.io');
		const filler = 'x'.repeat(${Math.max(0, size - 60)});
		const http = createServer((req, res) => {
			const key = new URL(req.url, 'http://x').searchParams.get('key');
			io.emit('event', { key, filler });
			res.writeHead(200).end();
		});
		const io = new Server(http, { serveClient: false });
		http.listen(${port}, '127.0.0.1', () => console.log('ready'));`;
	const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
	await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
	return child;
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
