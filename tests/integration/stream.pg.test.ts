// The stream on PostgreSQL with several connections (PGlite serves one): a transaction that
// commits after events with higher ids is still delivered in the shared order, and a node whose
// LISTEN connection was cut catches up. Only the PostgreSQL pass runs this file (vite.config.ts).
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { append, client, settled, useStream } from './stream-fixture';

const { app } = useStream();

describe('event stream across PostgreSQL connections', () => {
	it('delivers an event whose transaction commits after events with higher ids (PostgreSQL)', async () => {
		const topic = 'ticket:502';
		const since = await settled();
		const watcher = client([topic], since);
		await watcher.connect();

		// A second connection holds a transaction open with an early id (the SLA job's batch).
		const other = postgres(app().ctx.config.databaseUrl!, { max: 1, onnotice: () => {} });
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
		await expect.poll(() => watcher.applied.map((e) => e.id), { timeout: 5000 }).toEqual([late.id]);

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
	});

	it('catches up after its LISTEN connection was cut (PostgreSQL)', async () => {
		const topic = 'ticket:505';
		const since = await settled();
		const watcher = client([topic], since);
		await watcher.connect();
		const [{ db }] = await app().ctx.db.sql<{ db: string }[]>`select current_database() as db`;
		const killed = await app().ctx.db.sql`
				select pg_terminate_backend(pid) from pg_stat_activity
				where datname = ${db} and query like 'listen %' and pid <> pg_backend_pid()`;
		expect(killed.length).toBeGreaterThan(0);
		const ids: number[] = [];
		for (let i = 0; i < 5; i++) ids.push((await append(topic, `after-cut-${i}`)).id);
		await expect.poll(() => watcher.applied.map((e) => e.id), { timeout: 10_000 }).toEqual(ids);
		expect(watcher.anomalies).toEqual([]);
	});
});
