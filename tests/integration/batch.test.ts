// Group commit (db/batch.ts) on the database under test: inputs that arrive together share one
// transaction and get their own answers in order; an input that breaks a statement fails alone;
// a database that is away fails everything waiting at once instead of each input in turn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBatcher } from '../../src/lib/server/db/batch';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { DB_KIND, startTestApp, type TestApp } from './harness';

let t: TestApp;
beforeAll(async () => {
	t = await startTestApp();
});
afterAll(() => t?.stop());

describe(`group commit on ${DB_KIND}`, () => {
	it('inputs that arrive together share a transaction, each with its own answer, in order', async () => {
		const sizes: number[] = [];
		const batcher = createBatcher(
			t.ctx.db,
			async (tx, inputs: number[]) => {
				sizes.push(inputs.length);
				const [{ xid }] = await tx.sql<{ xid: string }[]>`select txid_current()::text as xid`;
				const rows = await tx.sql<{ n: number }[]>`
					select n * 2 as n from unnest(${inputs}::int[]) with ordinality as i(n, k) order by k`;
				return rows.map((r) => ({ doubled: r.n, xid }));
			},
			{ parallel: 1, max: 10 }
		);
		const inputs = Array.from({ length: 25 }, (_, i) => i);
		const outs = await Promise.all(inputs.map((i) => batcher.submit(i)));
		expect(outs.map((o) => o.doubled)).toEqual(inputs.map((i) => i * 2));
		// The first goes out alone at once; the others wait for it and go out ten at a time.
		expect(sizes).toEqual([1, 10, 10, 4]);
		expect(new Set(outs.map((o) => o.xid)).size).toBe(4);
		expect(new Set(outs.slice(1, 11).map((o) => o.xid)).size).toBe(1);
	});

	it('an input that breaks a statement fails alone; the others are written', async () => {
		await t.ctx.db.sql`create table batch_probe (n int not null)`;
		const batcher = createBatcher(
			t.ctx.db,
			async (tx, inputs: number[]) => {
				// 1/0 for the input 0: division_by_zero (22012), a statement the server refuses.
				await tx.sql`insert into batch_probe (n) select 100 / n from unnest(${inputs}::int[]) n`;
				return inputs.map(() => 'written');
			},
			{ parallel: 1, max: 50 }
		);
		const results = await Promise.allSettled([5, 4, 0, 2, 1].map((n) => batcher.submit(n)));
		expect(results.map((r) => r.status)).toEqual([
			'fulfilled',
			'fulfilled',
			'rejected',
			'fulfilled',
			'fulfilled'
		]);
		expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ code: '22012' });
		const rows = await t.ctx.db.sql<{ n: number }[]>`select n from batch_probe order by n`;
		expect(rows.map((r) => r.n)).toEqual([20, 25, 50, 100]);
	});

	it('when the database is away, everything waiting fails at once, each input tried once', async () => {
		// Nothing listens on port 9: the connection is refused.
		const away = await openDatabase({
			databaseUrl: 'postgres://postgres@127.0.0.1:9/none',
			dataDir: '',
			poolMax: 1
		});
		let transactions = 0;
		const counted: Database = {
			...away,
			transaction: (fn) => {
				transactions++;
				return away.transaction(fn);
			}
		};
		try {
			const batcher = createBatcher(counted, async (_tx, inputs: number[]) => inputs, {
				parallel: 1,
				max: 50
			});
			const results = await Promise.allSettled([1, 2, 3, 4, 5, 6].map((n) => batcher.submit(n)));
			expect(results.every((r) => r.status === 'rejected')).toBe(true);
			expect((results[5] as PromiseRejectedResult).reason).toMatchObject({
				code: 'ECONNREFUSED'
			});
			// The lone first, then the five that waited, together: not once more each.
			expect(transactions).toBe(2);
		} finally {
			await away.close();
		}
	});
});
