// The status surface while PostgreSQL is really away: the node's database refuses connections
// (ALLOW_CONNECTIONS false, its sessions terminated), the health probe notices, and the page, the
// JSON and the feeds answer from the snapshot in memory, marked with its age; once the database
// takes connections again the node reads it and serves current data.
import postgres from 'postgres';
import { parseFeed } from 'htmlparser2';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as summaryJson from '../../src/routes/api/v2/summary.json/+server';
import * as atom from '../../src/routes/status/feed.atom/+server';
import * as statusLayout from '../../src/routes/status/+layout.server';
import * as statusPage from '../../src/routes/status/+page.server';
import { startTestApp, type TestApp } from './harness';
import { page, send } from './requests';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { seedStatusPage } from './status-fixture';

let t: TestApp;
let admin: postgres.Sql;
let name: string;

beforeAll(async () => {
	t = await startTestApp();
	await seedDemo(t.ctx.db, { incidents: false });
	await seedStatusPage(t.ctx.db);
	await t.ctx.status.refresh();
	name = new URL(t.ctx.config.databaseUrl!).pathname.slice(1);
	admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
}, 180_000);

afterAll(async () => {
	await admin?.unsafe(`alter database ${name} allow_connections true`);
	await admin?.end();
	await t?.stop();
});

it('answers from the snapshot, marked stale, while the database refuses connections', async () => {
	const fresh = await send(summaryJson.GET, { path: '/api/v2/summary.json' });
	expect(fresh.headers.get('x-status-stale')).toBeNull();

	await admin.unsafe(`alter database ${name} allow_connections false`);
	await admin`
		select pg_terminate_backend(pid) from pg_stat_activity
		where datname = ${name} and pid <> pg_backend_pid()`;
	await expect.poll(() => t.ctx.status.databaseDown, { timeout: 30_000, interval: 500 }).toBe(true);

	const stale = await send(summaryJson.GET, { path: '/api/v2/summary.json' });
	expect(stale.status).toBe(200);
	expect(stale.body).toEqual(fresh.body);
	expect(stale.headers.get('x-status-stale')).toBe('1');
	// The time of the last data read, which the answer carries (not the time of the request).
	expect(stale.headers.get('x-status-as-of')).toBe(t.ctx.status.current()!.asOf);
	expect(stale.headers.get('warning')).toMatch(/^110 /);

	const feed = await send(atom.GET, { path: '/status/feed.atom?lang=en' });
	expect(feed.status).toBe(200);
	expect(parseFeed(feed.text)!.title).toMatch(/as of .+, not current/);
	expect(parseFeed(feed.text)!.items.length).toBeGreaterThan(0);

	const layout = await send(page(statusLayout.load), { path: '/status' });
	expect(layout.body.data.stale).toBe(true);
	const model = await send(page(statusPage.load), { path: '/status' });
	expect(model.status).toBe(200);
	expect(model.body.data.model.incidents).toHaveLength(1);

	await admin.unsafe(`alter database ${name} allow_connections true`);
	await expect
		.poll(() => t.ctx.status.databaseDown, { timeout: 30_000, interval: 500 })
		.toBe(false);
	await t.ctx.status.refresh();
	const back = await send(summaryJson.GET, { path: '/api/v2/summary.json' });
	expect(back.headers.get('x-status-stale')).toBeNull();
}, 90_000);
