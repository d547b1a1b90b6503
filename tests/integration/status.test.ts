// The public status surface on a real database with real sockets: the Statuspage v2 documents
// field for field, CORS, caching headers, ETag/304 and compression, the feeds read by a feed
// parser, the uptime bars, the snapshot following the event stream, the pages' data, and the
// email subscription (form, confirmation link, one-click unsubscribe).
import { parseFeed } from 'htmlparser2';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as service from '../../src/lib/server/incidents/service';
import { getUserByEmail, toSessionUser } from '../../src/lib/server/users/db';
import * as summaryJson from '../../src/routes/api/v2/summary.json/+server';
import * as statusJson from '../../src/routes/api/v2/status.json/+server';
import * as componentsJson from '../../src/routes/api/v2/components.json/+server';
import * as incidentsJson from '../../src/routes/api/v2/incidents.json/+server';
import * as unresolvedJson from '../../src/routes/api/v2/incidents/unresolved.json/+server';
import * as maintenancesJson from '../../src/routes/api/v2/scheduled-maintenances.json/+server';
import * as upcomingJson from '../../src/routes/api/v2/scheduled-maintenances/upcoming.json/+server';
import * as activeJson from '../../src/routes/api/v2/scheduled-maintenances/active.json/+server';
import * as atom from '../../src/routes/status/feed.atom/+server';
import * as rss from '../../src/routes/status/feed.rss/+server';
import * as statusPage from '../../src/routes/status/+page.server';
import * as statusLayout from '../../src/routes/status/+layout.server';
import * as incidentPage from '../../src/routes/status/incidents/[incident]/+page.server';
import * as historyPage from '../../src/routes/status/history/+page.server';
import * as confirmPage from '../../src/routes/status/subscribe/confirm/+page.server';
import * as unsubscribePage from '../../src/routes/status/unsubscribe/+page.server';
import { COMPONENT_STATUSES } from '../../src/lib/types/incident';
import { startSocketServer, startTestApp, connected, type TestApp } from './harness';
import { action, page, send, type Route } from './requests';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { seedStatusPage, type StatusFixture } from './status-fixture';

let t: TestApp;
let fixture: StatusFixture;

// Statuspage's documented v2 keys (developer.statuspage.io, and any hosted page's /api/v2).
const PAGE_KEYS = ['id', 'name', 'url', 'time_zone', 'updated_at'];
const COMPONENT_KEYS = [
	'id',
	'name',
	'status',
	'created_at',
	'updated_at',
	'position',
	'description',
	'showcase',
	'start_date',
	'group_id',
	'page_id',
	'group',
	'only_show_if_degraded'
];
const INCIDENT_KEYS = [
	'id',
	'name',
	'status',
	'created_at',
	'updated_at',
	'monitoring_at',
	'resolved_at',
	'impact',
	'shortlink',
	'started_at',
	'page_id',
	'incident_updates',
	'components'
];
const MAINTENANCE_KEYS = [...INCIDENT_KEYS, 'scheduled_for', 'scheduled_until'];
const UPDATE_KEYS = [
	'id',
	'status',
	'body',
	'incident_id',
	'created_at',
	'updated_at',
	'display_at',
	'affected_components',
	'deliver_notifications',
	'custom_tweet',
	'tweet_id'
];
const INDICATORS = ['none', 'minor', 'major', 'critical', 'maintenance'];
const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'];
const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const keys = (o: object) => Object.keys(o).sort();
const get = (route: Route, path: string, headers: Record<string, string> = {}) =>
	send(route, { path, headers });

function checkPage(p: Record<string, unknown>) {
	expect(keys(p)).toEqual([...PAGE_KEYS].sort());
	expect(p.updated_at).toMatch(ISO);
	expect(() => new Intl.DateTimeFormat('en', { timeZone: String(p.time_zone) })).not.toThrow();
}

function checkComponent(c: Record<string, unknown>) {
	const expected = c.group ? [...COMPONENT_KEYS, 'components'] : COMPONENT_KEYS;
	expect(keys(c)).toEqual([...expected].sort());
	expect(COMPONENT_STATUSES).toContain(c.status);
	expect(c.created_at).toMatch(ISO);
	expect(c.updated_at).toMatch(ISO);
	expect(typeof c.id).toBe('string');
	expect(c.start_date === null || /^\d{4}-\d{2}-\d{2}$/.test(String(c.start_date))).toBe(true);
}

function checkIncident(i: Record<string, unknown>, kind: 'incident' | 'maintenance') {
	expect(keys(i)).toEqual([...(kind === 'incident' ? INCIDENT_KEYS : MAINTENANCE_KEYS)].sort());
	expect(kind === 'incident' ? INCIDENT_STATUSES : MAINTENANCE_STATUSES).toContain(i.status);
	expect(INDICATORS).toContain(i.impact);
	for (const k of ['created_at', 'updated_at', 'started_at']) expect(i[k]).toMatch(ISO);
	for (const k of ['monitoring_at', 'resolved_at']) {
		expect(i[k] === null || ISO.test(String(i[k]))).toBe(true);
	}
	if (i.status !== 'resolved' && i.status !== 'completed') expect(i.resolved_at).toBeNull();
	expect(i.shortlink).toMatch(/^https?:\/\/.+\/status\/incidents\/\d+$/);
	for (const u of i.incident_updates as Array<Record<string, unknown>>) {
		expect(keys(u)).toEqual([...UPDATE_KEYS].sort());
		expect(u.display_at).toMatch(ISO);
		expect(u.incident_id).toBe(i.id);
		for (const a of (u.affected_components as Array<Record<string, unknown>> | null) ?? []) {
			expect(keys(a)).toEqual(['code', 'name', 'new_status', 'old_status']);
		}
	}
	for (const c of i.components as Array<Record<string, unknown>>) checkComponent(c);
}

beforeAll(async () => {
	t = await startTestApp();
	// The demo's people, without its status page: this file makes its own.
	await seedDemo(t.ctx.db, { incidents: false });
	fixture = await seedStatusPage(t.ctx.db);
	await t.ctx.status.refresh();
}, 180_000);

afterAll(async () => {
	await t?.stop();
});

describe('Statuspage v2 documents', () => {
	it('summary.json has page, components, incidents, maintenances and status, field for field', async () => {
		const r = await get(summaryJson.GET, '/api/v2/summary.json');
		expect(r.status).toBe(200);
		expect(keys(r.body)).toEqual([
			'components',
			'incidents',
			'page',
			'scheduled_maintenances',
			'status'
		]);
		checkPage(r.body.page);
		expect(r.body.components.length).toBe(9);
		for (const c of r.body.components) checkComponent(c);
		const groups = r.body.components.filter((c: { group: boolean }) => c.group);
		expect(groups.map((g: { name: string }) => g.name)).toEqual(['Network', 'Workplace']);
		const workplace = groups[1];
		expect(workplace.status).toBe('partial_outage'); // its worst child
		for (const child of workplace.components) {
			expect(r.body.components.find((c: { id: string }) => c.id === child).group_id).toBe(
				workplace.id
			);
		}
		expect(r.body.incidents.map((i: { id: string }) => i.id)).toEqual([String(fixture.active)]);
		for (const i of r.body.incidents) checkIncident(i, 'incident');
		expect(r.body.scheduled_maintenances).toHaveLength(1);
		checkIncident(r.body.scheduled_maintenances[0], 'maintenance');
		expect(keys(r.body.status)).toEqual(['description', 'indicator']);
		expect(r.body.status).toEqual({ indicator: 'major', description: 'Partial System Outage' });
	});

	it('every other document has its Statuspage nesting', async () => {
		const docs: Array<[Route, string, string, 'incident' | 'maintenance' | null]> = [
			[statusJson.GET, '/api/v2/status.json', 'status', null],
			[componentsJson.GET, '/api/v2/components.json', 'components', null],
			[incidentsJson.GET, '/api/v2/incidents.json', 'incidents', 'incident'],
			[unresolvedJson.GET, '/api/v2/incidents/unresolved.json', 'incidents', 'incident'],
			[
				maintenancesJson.GET,
				'/api/v2/scheduled-maintenances.json',
				'scheduled_maintenances',
				'maintenance'
			],
			[
				upcomingJson.GET,
				'/api/v2/scheduled-maintenances/upcoming.json',
				'scheduled_maintenances',
				'maintenance'
			],
			[
				activeJson.GET,
				'/api/v2/scheduled-maintenances/active.json',
				'scheduled_maintenances',
				'maintenance'
			]
		];
		for (const [route, path, key, kind] of docs) {
			const r = await get(route, path);
			expect(r.status, path).toBe(200);
			expect(keys(r.body), path).toEqual(['page', key].sort());
			checkPage(r.body.page);
			if (kind) for (const i of r.body[key]) checkIncident(i, kind);
		}
		const incidents = (await get(incidentsJson.GET, '/api/v2/incidents.json')).body.incidents;
		expect(incidents).toHaveLength(4); // three resolved and the active one
		expect(incidents.filter((i: { status: string }) => i.status === 'resolved')).toHaveLength(3);
		const upcoming = (await get(upcomingJson.GET, '/api/v2/scheduled-maintenances/upcoming.json'))
			.body.scheduled_maintenances;
		expect(upcoming[0].status).toBe('scheduled');
		expect(
			(await get(activeJson.GET, '/api/v2/scheduled-maintenances/active.json')).body
				.scheduled_maintenances
		).toEqual([]);
		const components = (await get(componentsJson.GET, '/api/v2/components.json')).body.components;
		for (const c of components) checkComponent(c);
	});

	it('answers CORS, caching headers, ETag and 304, and compresses', async () => {
		const r = await get(summaryJson.GET, '/api/v2/summary.json');
		expect(r.headers.get('access-control-allow-origin')).toBe('*');
		expect(r.headers.get('cache-control')).toMatch(
			/public, max-age=\d+, stale-while-revalidate=\d+/
		);
		expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
		const etag = r.headers.get('etag')!;
		expect(etag).toMatch(/^"[^"]+"$/);
		expect(r.headers.get('x-status-as-of')).toMatch(ISO);
		expect(r.headers.get('x-status-stale')).toBeNull();

		const again = await get(summaryJson.GET, '/api/v2/summary.json', { 'if-none-match': etag });
		expect(again.status).toBe(304);
		expect(again.text).toBe('');
		const other = await get(summaryJson.GET, '/api/v2/summary.json', { 'if-none-match': '"x"' });
		expect(other.status).toBe(200);

		const preflight = await send(summaryJson.OPTIONS, {
			method: 'OPTIONS',
			path: '/api/v2/summary.json',
			headers: { origin: 'https://dashboard.example.org', 'access-control-request-method': 'GET' }
		});
		expect(preflight.status).toBe(204);
		expect(preflight.headers.get('access-control-allow-methods')).toContain('GET');
		expect(preflight.headers.get('access-control-allow-origin')).toBe('*');

		// The compressed bodies are the same document, under their own ETags.
		for (const [coding, unpack] of [
			['br', brotliDecompressSync],
			['gzip', gunzipSync]
		] as const) {
			const response = await summaryJson.GET({
				request: new Request('http://x/api/v2/summary.json', {
					headers: { 'accept-encoding': coding }
				}),
				url: new URL('http://x/api/v2/summary.json')
			} as never);
			expect(response.headers.get('content-encoding')).toBe(coding);
			const body = Buffer.from(await response.arrayBuffer());
			expect(JSON.parse(unpack(body).toString('utf8'))).toEqual(r.body);
			const tag = response.headers.get('etag')!;
			expect(tag).not.toBe(etag);
			const cached = await get(summaryJson.GET, '/api/v2/summary.json', { 'if-none-match': tag });
			expect(cached.status).toBe(304);
		}
		// A cache buster does not change the answer.
		const busted = await get(summaryJson.GET, '/api/v2/summary.json?_=12345');
		expect(busted.headers.get('etag')).toBe(etag);
	});
});

describe('feeds', () => {
	it('Atom and RSS parse as feeds with an entry per update, in the asked language', async () => {
		for (const [route, path] of [
			[atom.GET, '/status/feed.atom'],
			[rss.GET, '/status/feed.rss']
		] as const) {
			const en = await get(route, `${path}?lang=en`);
			expect(en.status).toBe(200);
			expect(en.headers.get('content-type')).toMatch(/application\/(atom|rss)\+xml/);
			expect(en.headers.get('access-control-allow-origin')).toBe('*');
			const feed = parseFeed(en.text)!;
			expect(feed, path).not.toBeNull();
			expect(feed.type).toBe(path.endsWith('atom') ? 'atom' : 'rss');
			// 3 resolved incidents × 2 updates, the active one and the maintenance: 1 each.
			expect(feed.items).toHaveLength(8);
			const titles = feed.items.map((i) => i.title);
			expect(titles).toContain('VPN connections drop: Resolved');
			expect(feed.items[0].link).toMatch(/\/status\/incidents\/\d+\?lang=en#update-\d+$/);
			const dates = feed.items.map((i) => i.pubDate!.getTime());
			expect([...dates].sort((a, b) => b - a)).toEqual(dates);

			const de = parseFeed((await get(route, `${path}?lang=de`)).text)!;
			expect(de.items.map((i) => i.title)).toContain('VPN connections drop: Behoben');
			expect(de.items.map((i) => i.description).join(' ')).toContain('Zertifikat');
			// Without ?lang: Accept-Language decides.
			const asked = await get(route, path, { 'accept-language': 'de-DE,de;q=0.9' });
			expect(asked.headers.get('content-language')).toBe('de');
			expect(asked.headers.get('vary')).toContain('Accept-Language');
		}
	});
});

describe('uptime bars and pages', () => {
	it('computes 90 days per component, with no data before a component existed', () => {
		const snapshot = t.ctx.status.current()!;
		const vpn = snapshot.uptime[fixture.components.VPN.id];
		expect(vpn.days).toHaveLength(90);
		const bad = vpn.days.filter((d) => d.uptime !== null && d.uptime < 100);
		expect(bad.length).toBeGreaterThanOrEqual(1);
		expect(bad[0].incidents.map((i) => i.name)).toContain('VPN connections drop');
		expect(vpn.uptime).toBeLessThan(100);
		const erp = snapshot.uptime[fixture.components.ERP.id];
		expect(erp.days.filter((d) => d.uptime === null).length).toBeGreaterThanOrEqual(58);
		expect(erp.days.at(-1)!.shade).toBe('ok');
		// A group's day is its worst child's.
		const workplace = snapshot.uptime[fixture.components.Workplace.id];
		expect(workplace.days.at(-1)!.uptime).toBeLessThan(100);
	});

	it('gives the status page its model, in the asked language', async () => {
		const layout = await send(page(statusLayout.load), { path: '/status?lang=de' });
		expect(layout.body.data).toMatchObject({ lang: 'de', langInUrl: true, stale: false });
		const r = await send(page(statusPage.load), { path: '/status?lang=de' });
		expect(r.status).toBe(200);
		const model = r.body.data.model;
		expect(model.lang).toBe('de');
		expect(model.status.indicator).toBe('major');
		expect(model.components.map((c: { name: string }) => c.name)).toEqual([
			'Network',
			'Workplace',
			'SSO',
			'ERP'
		]);
		expect(model.incidents[0].incident_updates[0].body).toContain('Laufwerk S:');
		expect(model.upcoming).toHaveLength(1);
		expect(model.past).toHaveLength(15);
		expect(
			model.past.filter((d: { incidents: unknown[] }) => d.incidents.length === 0).length
		).toBeGreaterThan(10);
		expect(Object.keys(r.body.data.bodies).length).toBeGreaterThan(0);
	});

	it('has a page per incident with its components and published postmortem, and a history', async () => {
		const vpnOutage = fixture.resolved[0];
		const r = await send(page(incidentPage.load), {
			path: `/status/incidents/${vpnOutage}`,
			params: { incident: String(vpnOutage) }
		});
		expect(r.status).toBe(200);
		expect(r.body.data.model.components.map((c: { name: string }) => c.name)).toEqual(['VPN']);
		expect(r.body.data.postmortemHtml).toContain('<h2>What happened</h2>');
		for (const id of ['999999', 'abc', '0']) {
			const missing = await send(page(incidentPage.load), {
				path: `/status/incidents/${id}`,
				params: { incident: id }
			});
			expect(missing.status).toBe(404);
		}
		const history = await send(page(historyPage.load), { path: '/status/history' });
		expect(history.body.data.model.incidents).toHaveLength(5);
		expect((await send(page(historyPage.load), { path: '/status/history?page=9' })).status).toBe(
			404
		);
	});
});

describe('live', () => {
	it('an anonymous socket gets status.changed, and the snapshot follows the stream', async () => {
		const sockets = await startSocketServer(t.ctx);
		try {
			const before = t.ctx.status.current()!;
			const etag = (await get(summaryJson.GET, '/api/v2/summary.json')).headers.get('etag');
			const client = sockets.connect({ transport: 'websocket' });
			await connected(client);
			const ack = await client
				.timeout(5000)
				.emitWithAck('subscribe', { topics: ['status'], since: before.position });
			expect(ack).toMatchObject({ ok: true });
			const received = new Promise<{
				type: string;
				payload: { summary: { incidents: unknown[] } };
			}>((resolve) =>
				client.on('event', (e) => {
					if (e.type === 'status.changed') resolve(e as never);
				})
			);
			const agent = toSessionUser(
				t.ctx.db.sql,
				(await getUserByEmail(t.ctx.db.sql, 'l1@example.com'))!
			);
			await service.declareIncident(t.ctx.db, await agent, {
				title: 'Wi-Fi drops in building C',
				impact: 'minor',
				components: [{ id: fixture.components['Wi-Fi'].id, status: 'degraded_performance' }],
				bodyEn: 'Wi-Fi connections drop every few minutes.'
			});
			await t.ctx.fanout.pull();
			const event = await received;
			expect(event.payload.summary.incidents).toHaveLength(2);
			// The node's stream reader triggers the rebuild; nothing is read per request.
			await expect
				.poll(() => t.ctx.status.current()!.position, { timeout: 10_000 })
				.toBeGreaterThan(before.position);
			await t.ctx.status.refresh();
			const after = await get(summaryJson.GET, '/api/v2/summary.json');
			expect(after.headers.get('etag')).not.toBe(etag);
			expect(after.body.incidents).toHaveLength(2);
			expect(after.body.status.indicator).toBe('major');
		} finally {
			await sockets.close();
		}
	});
});

describe('email subscription', () => {
	const subscribe = (form: Record<string, string> | FormData, address = '10.0.0.7') =>
		send(action(statusPage.actions.subscribe), { path: '/status?/subscribe', form, address });

	it('subscribes with double opt-in, confirms from the link and unsubscribes with one click', async () => {
		const form = new FormData();
		form.set('email', 'Reader@Example.com');
		form.append('componentIds', String(fixture.components.VPN.id));
		form.set('language', 'de');
		const r = await subscribe(form);
		expect(r.body).toEqual({ type: 'success', data: { subscribed: true } });
		const [mail] = await t.ctx.db.sql<{ body: string }[]>`
			select body from outbox where recipient = 'reader@example.com' order by id desc limit 1`;
		const token = mail.body.match(/confirm\?token=([a-z0-9]+)/)![1];

		// Opening the link confirms nothing; posting its form does, once.
		expect(
			(await send(page(confirmPage.load), { path: `/status/subscribe/confirm?token=${token}` }))
				.body.data
		).toEqual({
			hasToken: true
		});
		const confirm = () =>
			send(action(confirmPage.actions.default), {
				path: `/status/subscribe/confirm?token=${token}`,
				form: {}
			});
		expect((await confirm()).body).toEqual({
			type: 'success',
			data: { confirmed: 'reader@example.com' }
		});
		expect((await confirm()).status).toBe(410);

		const [row] = await t.ctx.db.sql<{ unsubscribe_token: string }[]>`
			select unsubscribe_token from status_subscribers where email = 'reader@example.com'`;
		// RFC 8058: the mail client posts without an Origin; the token is the authority.
		const oneClick = await send(action(unsubscribePage.actions.default), {
			path: `/status/unsubscribe?token=${row.unsubscribe_token}`,
			raw: 'List-Unsubscribe=One-Click',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			method: 'POST',
			origin: null
		});
		expect(oneClick.body).toEqual({ type: 'success', data: { unsubscribed: true } });
		const gone = await t.ctx.db
			.sql`select 1 from status_subscribers where email = 'reader@example.com'`;
		expect(gone).toHaveLength(0);
	});

	it('refuses a bad address and unknown components, with the same answer for known addresses', async () => {
		const bad = await subscribe({ email: 'not an address', language: 'en' });
		expect(bad.status).toBe(400);
		expect(bad.body.data.fields).toHaveProperty('email');
		const unknown = new FormData();
		unknown.set('email', 'x@example.com');
		unknown.append('componentIds', '999999');
		expect((await subscribe(unknown)).status).toBeGreaterThanOrEqual(400);
		const first = await subscribe({ email: 'twice@example.com', language: 'en' }, '10.0.0.8');
		const second = await subscribe({ email: 'twice@example.com', language: 'en' }, '10.0.0.8');
		expect(second.body).toEqual(first.body);
	});
});
