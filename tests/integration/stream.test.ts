// The stream's promise: a client that applied event X gets every later event it may see exactly
// once, in one order shared by all clients — with transactions committing out of id order, live
// events arriving during a replay, reconnects at random moments and a lost LISTEN connection.
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import { latestPosition } from '../../src/lib/server/events/db';
import { appendEvent } from '../../src/lib/server/events/writer';
import { metrics } from '../../src/lib/server/metrics';
import { getUserByEmail } from '../../src/lib/server/users/db';
import type { LeitstandEvent } from '../../src/lib/types/events';
import {
	connected,
	DB_KIND,
	startSocketServer,
	startTestApp,
	type TestApp,
	type TestClientSocket,
	type TestSocketServer
} from './harness';

let t: TestApp;
let server: TestSocketServer;
let cookie: string;

beforeAll(async () => {
	delete process.env.ORIGIN;
	t = await startTestApp({ demo: true });
	server = await startSocketServer(t.ctx);
	const agent = (await getUserByEmail(t.ctx.db.sql, 'l1@example.com'))!;
	const token = generateSessionToken();
	await createSession(t.ctx.db.sql, token, agent.id);
	cookie = `leitstand_session=${token}`;
});
afterAll(async () => {
	await server?.close();
	await t?.stop();
});

/**
 * A client that behaves as the browser's LiveConnection does: it applies an event only if its
 * position is beyond the last one applied, and on (re)connect subscribes from that position.
 */
class StreamClient {
	applied: LeitstandEvent[] = [];
	position: number;
	socket: TestClientSocket | null = null;
	/** Positions that arrived twice or out of order: must stay empty. */
	anomalies: string[] = [];

	constructor(
		public topics: string[],
		since: number
	) {
		this.position = since;
	}

	#apply(event: LeitstandEvent, via: string) {
		if (event.position <= this.position) {
			this.anomalies.push(`${via}: ${event.position} after ${this.position}`);
			return;
		}
		this.position = event.position;
		this.applied.push(event);
	}

	async connect() {
		const socket = server.connect({ transport: 'websocket', cookie });
		this.socket = socket;
		socket.on('event', (e) => this.#apply(e, 'live'));
		await connected(socket);
		// Apply the replay inside the acknowledgement callback, as the browser client does: a
		// promise would let live events that follow the acknowledgement run first.
		await new Promise<void>((resolve, reject) => {
			socket.emit('subscribe', { topics: this.topics, since: this.position }, (ack) => {
				if (!ack.ok) return reject(new Error(`subscribe refused: ${ack.error.message}`));
				if (ack.reload) return reject(new Error('unexpected reload'));
				for (const e of ack.missed) this.#apply(e, 'replay');
				this.position = Math.max(this.position, ack.latestId);
				resolve();
			});
		});
	}

	disconnect() {
		this.socket?.close();
		this.socket = null;
	}
}

/** Every published event on `topics` after `since`, in stream order (the truth to compare to). */
async function streamOf(topics: string[], since: number) {
	return t.ctx.db.sql<{ id: number; position: number }[]>`
		select id, position from events
		where topics && ${topics}::text[] and position > ${since} order by position`;
}

/** Wait until everything committed is published and fanned out on this node. */
async function settled() {
	await expect
		.poll(async () => (await t.ctx.db.sql`select 1 from events where position is null`).length, {
			timeout: 10_000
		})
		.toBe(0);
	const top = await latestPosition(t.ctx.db.sql);
	await t.ctx.fanout.reach(top, 10_000);
	return top;
}

const append = (topic: string, label: string) =>
	t.ctx.db.transaction((tx) =>
		appendEvent(tx, { topic, type: 'test.ping', audience: 'agents', payload: { label } })
	);

const clients: StreamClient[] = [];
afterEach(() => {
	for (const c of clients.splice(0)) c.disconnect();
});

function client(topics: string[], since: number) {
	const c = new StreamClient(topics, since);
	clients.push(c);
	return c;
}

describe(`event stream on ${DB_KIND}`, () => {
	it('gives every event a position after commit, in one increasing sequence', async () => {
		const since = await settled();
		for (let i = 0; i < 5; i++) await append('ticket:501', `e${i}`);
		await settled();
		const rows = await streamOf(['ticket:501'], since);
		expect(rows).toHaveLength(5);
		const positions = rows.map((r) => r.position);
		expect(new Set(positions).size).toBe(5);
		expect(positions).toEqual([...positions].sort((a, b) => a - b));
	});

	it.skipIf(DB_KIND === 'embedded')(
		'delivers an event whose transaction commits after events with higher ids (PostgreSQL)',
		async () => {
			const topic = 'ticket:502';
			const since = await settled();
			const watcher = client([topic], since);
			await watcher.connect();

			// A second connection holds a transaction open with an early id (the SLA job's batch).
			const other = postgres(t.ctx.config.databaseUrl!, { max: 1, onnotice: () => {} });
			let release!: () => void;
			const gate = new Promise<void>((r) => (release = r));
			let earlyId = 0;
			const early = other.begin(async (tx) => {
				const [row] = await tx<{ id: number }[]>`
					insert into events (topic, topics, type, audience, payload)
					values (${topic}, array[${topic}], 'test.ping', 'agents', '{"label":"early"}')
					returning id`;
				earlyId = Number(row.id);
				await gate;
				await tx`select pg_notify('leitstand_events', '')`;
			});
			await expect.poll(() => earlyId).toBeGreaterThan(0);

			const late = await append(topic, 'late'); // a higher id, committed first
			expect(late.id).toBeGreaterThan(earlyId);
			await expect
				.poll(() => watcher.applied.map((e) => e.id), { timeout: 5000 })
				.toEqual([late.id]);

			// A client that connects now and applied `late` must still get `early` when it commits.
			const after = client([topic], watcher.position);
			await after.connect();
			release();
			await early;
			await other.end();
			await settled();
			await expect
				.poll(() => watcher.applied.map((e) => e.id), { timeout: 5000 })
				.toEqual([late.id, earlyId]);
			await expect.poll(() => after.applied.map((e) => e.id), { timeout: 5000 }).toEqual([earlyId]);
			// And a client that reconnects from the start sees the same order everybody saw.
			const fresh = client([topic], since);
			await fresh.connect();
			expect(fresh.applied.map((e) => e.id)).toEqual([late.id, earlyId]);
			for (const c of [watcher, after, fresh]) expect(c.anomalies).toEqual([]);
		}
	);

	it('with concurrent writers and clients reconnecting at random, every client gets every event exactly once in the shared order', async () => {
		const topics = ['ticket:503', 'ticket:504', 'desk'];
		const since = await settled();
		const watchers = topics.map((topic) => client([topic], since));
		const both = client(['ticket:503', 'desk'], since);
		for (const c of [...watchers, both]) await c.connect();

		const writers = 6;
		const perWriter = DB_KIND === 'embedded' ? 15 : 40;
		let writing = true;
		const writes = Array.from({ length: writers }, async (_, w) => {
			for (let i = 0; i < perWriter; i++) {
				const topic = topics[(w + i) % topics.length];
				await t.ctx.db.transaction(async (tx) => {
					await appendEvent(tx, {
						topic,
						type: 'test.ping',
						audience: 'agents',
						payload: { w, i }
					});
					// Hold some transactions open a little, so commits overtake each other.
					if ((w + i) % 3 === 0) await new Promise((r) => setTimeout(r, Math.random() * 15));
				});
			}
		});
		// Meanwhile clients drop and come back, and newcomers subscribe from old positions.
		const churn = (async () => {
			while (writing) {
				const c = [...watchers, both][Math.floor(Math.random() * 4)];
				c.disconnect();
				await new Promise((r) => setTimeout(r, Math.random() * 20));
				await c.connect();
				const newcomer = client(topics, since);
				await newcomer.connect();
				newcomer.disconnect();
				await newcomer.connect();
			}
		})();
		await Promise.all(writes);
		writing = false;
		await churn;
		await settled();

		const total = writers * perWriter;
		for (const c of clients) {
			const truth = await streamOf(c.topics, since);
			await expect
				.poll(() => c.applied.map((e) => e.position), { timeout: 10_000 })
				.toEqual(truth.map((r) => r.position));
			expect(c.anomalies).toEqual([]);
		}
		expect((await streamOf(topics, since)).length).toBe(total);
	});

	it('holds live events that arrive while a replay is read, and merges them in order', async () => {
		const topic = 'ticket:506';
		const since = await settled();
		const heldBefore = await heldCount();
		let writing = true;
		const writer = (async () => {
			for (let i = 0; writing && i < 2000; i++) await append(topic, `flood-${i}`);
		})();
		// Subscribe again and again from the start while events keep coming, until one replay
		// overlapped with live delivery (the gateway counts the events it held back).
		const subscribers: StreamClient[] = [];
		for (let i = 0; i < 60 && (await heldCount()) === heldBefore; i++) {
			const c = client([topic], since);
			await c.connect();
			subscribers.push(c);
		}
		writing = false;
		await writer;
		await settled();
		expect(await heldCount()).toBeGreaterThan(heldBefore);
		const truth = (await streamOf([topic], since)).map((r) => r.position);
		for (const c of subscribers) {
			await expect.poll(() => c.applied.map((e) => e.position), { timeout: 10_000 }).toEqual(truth);
			expect(c.anomalies).toEqual([]);
		}
	});

	it.skipIf(DB_KIND === 'embedded')(
		'catches up after its LISTEN connection was cut (PostgreSQL)',
		async () => {
			const topic = 'ticket:505';
			const since = await settled();
			const watcher = client([topic], since);
			await watcher.connect();
			const [{ db }] = await t.ctx.db.sql<{ db: string }[]>`select current_database() as db`;
			const killed = await t.ctx.db.sql`
				select pg_terminate_backend(pid) from pg_stat_activity
				where datname = ${db} and query like 'listen %' and pid <> pg_backend_pid()`;
			expect(killed.length).toBeGreaterThan(0);
			const ids: number[] = [];
			for (let i = 0; i < 5; i++) ids.push((await append(topic, `after-cut-${i}`)).id);
			await expect.poll(() => watcher.applied.map((e) => e.id), { timeout: 10_000 }).toEqual(ids);
			expect(watcher.anomalies).toEqual([]);
		}
	);
});

async function heldCount(): Promise<number> {
	const metric = await metrics().replayHeldEvents.get();
	return metric.values[0]?.value ?? 0;
}
