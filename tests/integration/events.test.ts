import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { migrate } from '../../src/lib/server/db/migrate';
import { appendEvent } from '../../src/lib/server/events/writer';
import { eventsAfter } from '../../src/lib/server/events/db';
import type { LeitstandEvent } from '../../src/lib/types/events';
import { DB_KIND, startTestApp, type TestApp } from './harness';

let t: TestApp;
beforeAll(async () => {
	t = await startTestApp();
});
afterAll(() => t.stop());

describe(`event log and fan-out on ${DB_KIND}`, () => {
	it('re-running migrations applies nothing twice', async () => {
		const result = await migrate(t.ctx.db.sql, join(process.cwd(), 'sql'));
		expect(result.applied).toEqual([]);
		expect(result.total).toBeGreaterThan(0);
	});

	it('delivers an event to sinks only after its transaction commits', async () => {
		const received: LeitstandEvent[] = [];
		const remove = t.ctx.fanout.addSink((e) => received.push(e));
		let seenInsideTx = -1;
		const saved = await t.ctx.db.transaction(async (tx) => {
			const e = await appendEvent(tx, {
				topic: 'test:commit',
				type: 'test.ping',
				audience: 'agents',
				payload: { n: 1 }
			});
			await new Promise((r) => setTimeout(r, 50));
			seenInsideTx = received.length;
			return e;
		});
		await expect.poll(() => received.map((e) => e.id)).toContain(saved.id);
		expect(seenInsideTx).toBe(0);
		expect(received.find((e) => e.id === saved.id)?.payload).toEqual({ n: 1 });
		remove();
	});

	it('a rolled-back transaction leaves no event and notifies nobody', async () => {
		const received: LeitstandEvent[] = [];
		const remove = t.ctx.fanout.addSink((e) => received.push(e));
		await expect(
			t.ctx.db.transaction(async (tx) => {
				await appendEvent(tx, {
					topic: 'test:rollback',
					type: 'test.public',
					audience: 'public',
					payload: {}
				});
				throw new Error('validation failed');
			})
		).rejects.toThrow('validation failed');
		await new Promise((r) => setTimeout(r, 200));
		expect(received.filter((e) => e.topic === 'test:rollback')).toEqual([]);
		expect(await eventsAfter(t.ctx.db.sql, ['test:rollback'], 0, 10)).toEqual([]);
		remove();
	});

	it('refuses events outside the catalogue: unknown types, wrong audiences, wrong topics', async () => {
		const append = (event: Record<string, unknown>) =>
			t.ctx.db.transaction((tx) =>
				appendEvent(tx, { topic: 'test:x', payload: {}, ...event } as never)
			);
		await expect(append({ type: 't', audience: 'agents' })).rejects.toThrow(/Unknown event type/);
		await expect(append({ type: 'test.ping', audience: 'public' })).rejects.toThrow(
			/is for agents/
		);
		await expect(append({ type: 'ticket.noted', audience: 'agents' })).rejects.toThrow(/topic/);
		await expect(append({ type: 'test.ping', audience: 'everyone' as 'public' })).rejects.toThrow();
		expect(await eventsAfter(t.ctx.db.sql, ['test:x'], 0, 10)).toEqual([]);
	});

	it('the database refuses an audience outside public | agents | admins | requester:<id>', async () => {
		await expect(
			t.ctx.db.sql`insert into events (topic, topics, type, audience)
				values ('test:x', '{test:x}', 'test.ping', 'everyone')`
		).rejects.toThrow();
	});
});
