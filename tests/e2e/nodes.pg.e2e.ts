// Two real Leitstand processes (the production build, `node server.js`) on one PostgreSQL
// database: an event written through one reaches a client of the other; writes through both
// reach clients of both in the same order, once; a sign-out on one cuts off a socket on the other.
// Needs a PostgreSQL server (TEST_DATABASE_URL, as CI sets it; playwright.config.ts runs
// `*.pg.e2e.ts` only then): the embedded database is one node.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import { io, type Socket } from 'socket.io-client';
import { DEMO, DEMO_PASSWORD, expect, test } from './support';

const serverUrl = process.env.TEST_DATABASE_URL;
test.describe.configure({ mode: 'serial', timeout: 120_000 });

interface Node {
	base: string;
	process: ChildProcess;
}

const nodes: Node[] = [];
const sockets: Socket[] = [];
let dbName = '';
let admin: postgres.Sql | null = null;

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address() as AddressInfo;
			s.close(() => resolve(port));
		});
	});
}

function run(command: string, args: string[], env: Record<string, string>) {
	return new Promise<string>((resolve, reject) => {
		const child = spawn(command, args, { env: { ...process.env, ...env } });
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(out))));
	});
}

async function startNode(databaseUrl: string): Promise<Node> {
	const port = await freePort();
	const child = spawn(process.execPath, ['server.js'], {
		env: {
			...process.env,
			DATABASE_URL: databaseUrl,
			PORT: String(port),
			HOST: '127.0.0.1',
			NODE_ENV: 'production',
			LEITSTAND_SILENT: '1'
		},
		stdio: 'ignore'
	});
	const base = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 120; i++) {
		if (
			await fetch(`${base}/healthz`)
				.then((r) => r.ok)
				.catch(() => false)
		) {
			return { base, process: child };
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`node on ${port} did not start`);
}

/** Sign in through `node` and return the session cookie (valid on every node: it lives in the database). */
async function signIn(node: Node, email: string): Promise<string> {
	const response = await fetch(`${node.base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: node.base,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email, password: DEMO_PASSWORD })
	});
	const cookie = response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.find((c) => c.startsWith('leitstand_session='));
	expect(cookie, `signed in as ${email} on ${node.base}`).toBeDefined();
	return cookie!;
}

interface Watcher {
	socket: Socket;
	events: Array<{ id: number; position: number; type: string; payload: Record<string, unknown> }>;
	revoked: string[];
}

async function watch(node: Node, cookie: string, topics: string[]): Promise<Watcher> {
	const socket = io(node.base, {
		transports: ['websocket'],
		extraHeaders: { cookie, origin: node.base },
		reconnection: false,
		forceNew: true
	});
	sockets.push(socket);
	const watcher: Watcher = { socket, events: [], revoked: [] };
	socket.on('event', (e) => watcher.events.push(e));
	socket.on('revoked', ({ reason }) => watcher.revoked.push(reason));
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('connect_error', reject);
	});
	const ack = await socket.timeout(10_000).emitWithAck('subscribe', { topics });
	expect(ack.ok).toBe(true);
	return watcher;
}

async function createTicket(node: Node, cookie: string, title: string) {
	const categories = (await (
		await fetch(`${node.base}/api/categories`, { headers: { cookie } })
	).json()) as { data: Array<{ id: number }> };
	const response = await fetch(`${node.base}/api/tickets`, {
		method: 'POST',
		headers: { cookie, origin: node.base, 'content-type': 'application/json' },
		body: JSON.stringify({
			title,
			body: 'Two nodes',
			categoryId: categories.data[0].id,
			urgency: 2,
			impact: 2
		})
	});
	expect(response.status).toBe(201);
	return ((await response.json()) as { number: number }).number;
}

test.beforeAll(async () => {
	dbName = `leitstand_nodes_${process.pid}_${Date.now().toString(36)}`;
	admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${dbName}`);
	const url = new URL(serverUrl!);
	url.pathname = `/${dbName}`;
	const databaseUrl = url.toString();
	// The demo organisation, without demo tickets, through the admin CLI.
	await run('npx', ['tsx', 'scripts/cli.ts', 'seed', '--demo'], {
		DATABASE_URL: databaseUrl,
		DEMO_TICKETS: '0',
		LEITSTAND_SILENT: '1'
	});
	nodes.push(await startNode(databaseUrl), await startNode(databaseUrl));
});

test.afterAll(async () => {
	for (const s of sockets) s.close();
	for (const n of nodes) n.process.kill('SIGTERM');
	await new Promise((r) => setTimeout(r, 1000));
	if (admin) {
		await admin.unsafe(`drop database if exists ${dbName} with (force)`);
		await admin.end();
	}
});

test('an event written through one node reaches a client of the other', async () => {
	const [a, b] = nodes;
	const agentOnB = await watch(b, await signIn(b, DEMO.l1.email), ['desk']);
	const requester = await signIn(a, DEMO.user.email);
	const number = await createTicket(a, requester, 'Written on node A');
	await expect
		.poll(() =>
			agentOnB.events.find((e) => e.type === 'queue.ticket' && e.payload.number === number)
		)
		.toBeTruthy();
});

test('writes through both nodes reach clients of both, each once, in one shared order', async () => {
	const [a, b] = nodes;
	const agent = await signIn(a, DEMO.l1.email);
	const onA = await watch(a, agent, ['desk']);
	const onB = await watch(b, agent, ['desk']);
	const requester = await signIn(a, DEMO.user.email);
	const numbers = await Promise.all(
		Array.from({ length: 20 }, (_, i) => createTicket(i % 2 ? a : b, requester, `Burst ${i}`))
	);
	const queued = (w: Watcher) =>
		w.events.filter(
			(e) => e.type === 'queue.ticket' && numbers.includes(e.payload.number as number)
		);
	// Each new ticket publishes to desk at least once (creation) and again when auto-assigned.
	await expect.poll(() => new Set(queued(onA).map((e) => e.payload.number)).size).toBe(20);
	await expect.poll(() => new Set(queued(onB).map((e) => e.payload.number)).size).toBe(20);
	await new Promise((r) => setTimeout(r, 1500));
	const order = (w: Watcher) => w.events.map((e) => e.position);
	expect(order(onA)).toEqual(order(onB));
	expect(new Set(order(onA)).size).toBe(order(onA).length);
	expect(order(onA)).toEqual([...order(onA)].sort((x, y) => x - y));
});

test('signing out on one node cuts off a socket of that session on the other', async () => {
	const [a, b] = nodes;
	const cookie = await signIn(a, DEMO.l2.email);
	const onB = await watch(b, cookie, ['desk']);
	const gone = new Promise((resolve) => onB.socket.once('disconnect', resolve));
	const out = await fetch(`${a.base}/logout`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			cookie,
			origin: a.base,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: ''
	});
	expect(out.status).toBe(303);
	await gone;
	expect(onB.revoked).toEqual(['signed_out']);
});
