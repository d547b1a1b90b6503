// The stream's promise: a client that applied event X gets every later event it may see exactly
// once, in one order shared by all clients — with concurrent writers, live events arriving during
// a replay and reconnects at random moments. What needs several PostgreSQL connections (commits
// out of id order, a cut LISTEN connection) is in stream.pg.test.ts.
import { describe, expect, it } from 'vitest';
import { appendEvent } from '../../src/lib/server/events/writer';
import { DB_KIND } from './harness';
import {
	append,
	client,
	heldCount,
	openedClients,
	settled,
	streamOf,
	useStream,
	type StreamClient
} from './stream-fixture';

const { app } = useStream();

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
				await app().ctx.db.transaction(async (tx) => {
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
		for (const c of openedClients()) {
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
});
