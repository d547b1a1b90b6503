import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { migrate } from '../../src/lib/server/db/migrate';
import { appendEvent } from '../../src/lib/server/events/writer';
import { eventsAfter } from '../../src/lib/server/events/db';
import { getUserByEmail, insertUser } from '../../src/lib/server/users/db';

// About PGlite's data directory, whichever database the rest of the suite runs on: this file
// opens its own embedded databases (from the run's template, or one it migrates itself).
describe('embedded PGlite data directory', () => {
	let dataDir: string;
	let template: string;
	let ownTemplate: string | undefined;
	const opened: Database[] = [];

	beforeAll(async () => {
		template = inject('pgliteTemplate');
		if (!template) {
			ownTemplate = template = mkdtempSync(join(tmpdir(), 'lst-persist-tpl-'));
			const db = await openDatabase({ dataDir: template });
			await migrate(db.sql, join(process.cwd(), 'sql'));
			await db.close();
		}
		dataDir = mkdtempSync(join(tmpdir(), 'lst-persist-'));
		cpSync(template, dataDir, { recursive: true });
	});
	afterAll(async () => {
		for (const db of opened) await db.close().catch(() => {});
		rmSync(dataDir, { recursive: true, force: true });
		if (ownTemplate) rmSync(ownTemplate, { recursive: true, force: true });
	});

	async function open(dir: string): Promise<Database> {
		const db = await openDatabase({ dataDir: dir });
		opened.push(db);
		return db;
	}

	it('keeps committed data across close and reopen', async () => {
		const first = await open(dataDir);
		const user = await insertUser(first.sql, {
			email: 'persist@example.com',
			name: 'Persisted',
			role: 'agent',
			passwordHash: null
		});
		const event = await first.transaction((tx) =>
			appendEvent(tx, {
				topic: 'test:persist',
				type: 'test.ping',
				audience: 'agents',
				payload: { kept: true }
			})
		);
		// Rolled back: must not come back either.
		await expect(
			first.transaction(async (tx) => {
				await appendEvent(tx, {
					topic: 'test:persist',
					type: 'test.ping',
					audience: 'agents',
					payload: { lost: true }
				});
				throw new Error('abort');
			})
		).rejects.toThrow('abort');
		await first.close();
		opened.splice(opened.indexOf(first), 1);
		expect(existsSync(join(dataDir, '.s.PGSQL.5432'))).toBe(false);
		// A socket file left behind by a crashed process does not lock the directory forever.
		writeFileSync(join(dataDir, '.s.PGSQL.5432'), '');

		const second = await open(dataDir);
		expect(await getUserByEmail(second.sql, 'persist@example.com')).toMatchObject({
			id: user.id,
			name: 'Persisted'
		});
		const events = await eventsAfter(second.sql, ['test:persist'], 0, 10);
		expect(events.map((e) => [e.id, e.payload])).toEqual([[event.id, { kept: true }]]);
		// The schema is still complete: migrating again applies nothing.
		const again = await migrate(second.sql, join(process.cwd(), 'sql'));
		expect(again.applied).toEqual([]);
		// Identity sequences continue instead of reusing ids.
		const next = await insertUser(second.sql, {
			email: 'persist2@example.com',
			name: 'Next',
			role: 'agent',
			passwordHash: null
		});
		expect(next.id).toBeGreaterThan(user.id);
		await second.close();
		opened.splice(opened.indexOf(second), 1);
	});

	it('refuses a second open of a data directory that is in use', async () => {
		const running = await open(dataDir);
		// Like the app (which migrates right away), hold the single connection before the probe.
		await running.sql`select 1`;
		await expect(openDatabase({ dataDir })).rejects.toThrow(
			/Another Leitstand process is already using the data directory/
		);
		// The refused attempt did not disturb the running instance.
		const [alive] = await running.sql<{ one: number }[]>`select 1 as one`;
		expect(alive.one).toBe(1);
		await running.close();
		opened.splice(opened.indexOf(running), 1);
		// Closed cleanly, the directory is free again (the first test reopens it).
		expect(existsSync(join(dataDir, '.s.PGSQL.5432'))).toBe(false);
	});

	it('refuses a second open also where the path is too long for a Unix socket', async () => {
		// Past ~100 bytes the socket falls back to loopback TCP, which leaves no socket file behind.
		const deep = join(dataDir, 'deep', 'd'.repeat(100));
		mkdirSync(deep, { recursive: true });
		cpSync(template, deep, { recursive: true });
		const running = await open(deep);
		await running.sql`select 1`;
		expect(existsSync(join(deep, '.s.PGSQL.5432'))).toBe(false);
		await expect(openDatabase({ dataDir: deep })).rejects.toThrow(/Another Leitstand process/);
		const [alive] = await running.sql<{ one: number }[]>`select 1 as one`;
		expect(alive.one).toBe(1);
		await running.close();
		opened.splice(opened.indexOf(running), 1);

		// A lock left by a process that is gone does not block the next start.
		writeFileSync(
			join(deep, 'leitstand.lock'),
			JSON.stringify({ pid: 2 ** 31 - 1, host: '127.0.0.1', port: 1 })
		);
		const reopened = await open(deep);
		const [again] = await reopened.sql<{ one: number }[]>`select 1 as one`;
		expect(again.one).toBe(1);
	});
});
