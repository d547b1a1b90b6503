// The agent side of incidents against a real database, through the application's `handle` chain:
// the REST API (token auth, error shape, 409 with the current incident, bad input), the desk's
// form actions (declare, update with a stale version, link, bulk link from the queue), the
// requester's "I am affected too" and outage banner, the wall's figure, and the demo data.
// Internal notes must never leave the desk: not in public events, the status model, the portal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/lib/server/auth/tokens';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import { computeWallSnapshot } from '../../src/lib/server/dashboard/service';
import * as incidentsDb from '../../src/lib/server/incidents/db';
import { matchIncidents } from '../../src/lib/server/incidents/match';
import * as service from '../../src/lib/server/incidents/service';
import { loadStatus, v2Summary } from '../../src/lib/server/status/model';
import { getCategoryByKey } from '../../src/lib/server/tickets/db';
import { createTicket } from '../../src/lib/server/tickets/service';
import { getUserByEmail, toSessionUser } from '../../src/lib/server/users/db';
import type { Component } from '../../src/lib/types/incident';
import type { SessionUser } from '../../src/lib/types/user';
import * as incidentsApi from '../../src/routes/api/incidents/+server';
import * as incidentApi from '../../src/routes/api/incidents/[incident]/+server';
import * as updatesApi from '../../src/routes/api/incidents/[incident]/updates/+server';
import * as notesApi from '../../src/routes/api/incidents/[incident]/notes/+server';
import * as ticketsApi from '../../src/routes/api/incidents/[incident]/tickets/+server';
import * as affectedApi from '../../src/routes/api/incidents/[incident]/affected/+server';
import * as componentsApi from '../../src/routes/api/components/+server';
import * as componentApi from '../../src/routes/api/components/[component]/+server';
import * as deskPage from '../../src/routes/desk/+page.server';
import * as newPage from '../../src/routes/desk/incidents/new/+page.server';
import * as incidentPage from '../../src/routes/desk/incidents/[incident]/+page.server';
import * as listPage from '../../src/routes/desk/incidents/+page.server';
import * as affectedPage from '../../src/routes/portal/incidents/[incident]/affected/+page.server';
import * as matchRoute from '../../src/routes/portal/incidents/match/+server';
import * as portalLayout from '../../src/routes/portal/+layout.server';
import { DB_KIND, startTestApp, type TestApp } from './harness';
import { action, page, send } from './requests';
import { pageRoute } from './routes';

type Who = 'requester' | 'agent' | 'agent2' | 'lead' | 'admin';
const EMAIL: Record<Who, string> = {
	requester: 'user@example.com',
	agent: 'l1@example.com',
	agent2: 'l2@example.com',
	lead: 'lead@example.com',
	admin: 'admin@example.com'
};

let t: TestApp;
const users = {} as Record<Who, SessionUser>;
const sessions = {} as Record<Who, string>;
const tokens = {} as Record<Who, string>;
let network = 0;
let components: Component[] = [];

const sql = () => t.ctx.db.sql;
const db = () => t.ctx.db;
const byName = (name: string) => components.find((c) => c.name === name)!;

async function ticket(title: string, who: Who = 'requester') {
	const created = await createTicket(db(), users[who], {
		title,
		body: `${title}: since this morning.`,
		categoryId: network,
		urgency: 2,
		impact: 2
	});
	return created.id;
}

async function declare(title = 'VPN drops every few minutes') {
	return service.declareIncident(db(), users.agent, {
		title,
		impact: 'major',
		components: [{ id: byName('VPN').id, status: 'partial_outage' }],
		bodyEn: 'We are investigating.'
	});
}

const id = (n: number) => ({ incident: String(n) });
const cid = (n: number) => ({ component: String(n) });

beforeAll(async () => {
	t = await startTestApp({ demo: true, incidents: true });
	for (const who of Object.keys(EMAIL) as Who[]) {
		const record = (await getUserByEmail(sql(), EMAIL[who]))!;
		users[who] = await toSessionUser(sql(), record);
		sessions[who] = generateSessionToken();
		await createSession(sql(), sessions[who], record.id);
		tokens[who] = (await createApiToken(sql(), record.id, 'incident tests')).token;
	}
	network = (await getCategoryByKey(sql(), 'network'))!;
	components = await incidentsDb.listComponents(sql());
}, 120_000);
afterAll(() => t?.stop());

describe(`demo data on ${DB_KIND}`, () => {
	it('has grouped components with 90 days of history, templates, a resolved incident and maintenance', async () => {
		expect(components.filter((c) => c.isGroup).map((c) => c.name)).toEqual([
			'Workplace',
			'Business apps',
			'Infrastructure'
		]);
		expect(components.filter((c) => !c.isGroup)).toHaveLength(9);
		const [{ oldest }] = await sql()<{ oldest: Date }[]>`
			select min(at) as oldest from component_status_history`;
		expect(Date.now() - oldest.getTime()).toBeGreaterThan(89 * 86_400_000);
		const templates = await incidentsDb.listTemplates(sql());
		expect(templates.map((x) => x.purpose)).toContain('ticket_reply');
		expect(templates.every((x) => x.bodyEn && x.bodyDe)).toBe(true);
		const all = await incidentsDb.listIncidents(sql(), { limit: 10 });
		const resolved = all.find((i) => i.kind === 'incident')!;
		expect(resolved.status).toBe('resolved');
		expect((await service.getIncident(sql(), resolved.id))!.postmortemPublishedAt).not.toBeNull();
		const maintenance = all.find((i) => i.kind === 'maintenance')!;
		expect(maintenance.status).toBe('scheduled');
		expect(Date.parse(maintenance.scheduledFor!)).toBeGreaterThan(Date.now());
	});
});

describe(`incident API on ${DB_KIND}`, () => {
	it('is for staff: requesters get 403, anonymous 401, in the one error shape', async () => {
		const r = await send(incidentsApi.GET, { path: '/api/incidents', token: tokens.requester });
		expect(r.status).toBe(403);
		expect(r.body.error.code).toBe('forbidden');
		const anonymous = await send(incidentsApi.GET, { path: '/api/incidents' });
		expect(anonymous.status).toBe(401);
		const incident = await declare('Requester probe');
		const detail = await send(incidentApi.GET, {
			path: `/api/incidents/${incident.id}`,
			params: id(incident.id),
			token: tokens.requester
		});
		expect(detail.status).toBe(403);
		const note = await send(notesApi.POST, {
			path: `/api/incidents/${incident.id}/notes`,
			params: id(incident.id),
			token: tokens.requester,
			json: { body: 'x' }
		});
		expect(note.status).toBe(403);
		const component = await send(componentsApi.POST, {
			path: '/api/components',
			token: tokens.agent,
			json: { name: 'Agent made' }
		});
		expect(component.status).toBe(403);
	});

	it('declares, reads, updates and answers a stale version with 409 and the current incident', async () => {
		const created = await send(incidentsApi.POST, {
			path: '/api/incidents',
			token: tokens.agent,
			json: {
				title: 'Intranet slow',
				impact: 'minor',
				components: [{ id: byName('Intranet').id, status: 'degraded_performance' }],
				bodyEn: 'The intranet responds slowly.',
				nextUpdateAt: new Date(Date.now() + 3_600_000).toISOString()
			}
		});
		expect(created.status, created.text).toBe(201);
		const incidentId = created.body.id as number;
		expect(created.headers.get('location')).toBe(`/api/incidents/${incidentId}`);
		expect(created.body.updates[0].nextUpdateAt).not.toBeNull();
		const version = created.body.version as number;

		const updated = await send(updatesApi.POST, {
			path: `/api/incidents/${incidentId}/updates`,
			params: id(incidentId),
			token: tokens.agent,
			json: { version, status: 'identified', bodyDe: 'Ursache gefunden.' }
		});
		expect(updated.status, updated.text).toBe(201);
		expect(updated.body.status).toBe('identified');

		const stale = await send(incidentApi.PATCH, {
			path: `/api/incidents/${incidentId}`,
			params: id(incidentId),
			token: tokens.agent2,
			json: { version, title: 'Intranet very slow' }
		});
		expect(stale.status).toBe(409);
		expect(stale.body.error.code).toBe('conflict');
		expect(stale.body.current).toMatchObject({
			id: incidentId,
			status: 'identified',
			version: updated.body.version
		});
		// Nothing was written.
		expect((await service.getIncident(sql(), incidentId))!.title).toBe('Intranet slow');

		const edited = await send(incidentApi.PATCH, {
			path: `/api/incidents/${incidentId}`,
			params: id(incidentId),
			token: tokens.agent2,
			json: { version: updated.body.version, title: 'Intranet very slow' }
		});
		expect(edited.status, edited.text).toBe(200);
		expect(edited.body.title).toBe('Intranet very slow');

		const list = await send(incidentsApi.GET, {
			path: '/api/incidents?state=all&limit=200',
			token: tokens.lead
		});
		expect(list.status).toBe(200);
		expect(list.body.data.map((i: { id: number }) => i.id)).toContain(incidentId);
	});

	it('schedules maintenance with kind "maintenance" and refuses a window that ends first', async () => {
		const from = new Date(Date.now() + 7 * 86_400_000);
		const ok = await send(incidentsApi.POST, {
			path: '/api/incidents',
			token: tokens.agent,
			json: {
				kind: 'maintenance',
				title: 'Telephony upgrade',
				scheduledFor: from.toISOString(),
				scheduledUntil: new Date(from.getTime() + 3_600_000).toISOString(),
				components: [byName('Telephony').id],
				bodyEn: 'Phones restart once.'
			}
		});
		expect(ok.status, ok.text).toBe(201);
		expect(ok.body).toMatchObject({
			kind: 'maintenance',
			status: 'scheduled',
			impact: 'maintenance'
		});
		const backwards = await send(incidentsApi.POST, {
			path: '/api/incidents',
			token: tokens.agent,
			json: {
				kind: 'maintenance',
				title: 'Backwards',
				scheduledFor: from.toISOString(),
				scheduledUntil: new Date(from.getTime() - 60_000).toISOString(),
				bodyEn: 'x'
			}
		});
		expect(backwards.status).toBe(400);
		expect(backwards.body.error.fields).toHaveProperty('scheduledUntil');
	});

	it('refuses NUL and control characters, ids past 2^31, unknown fields and status values (400)', async () => {
		const bad = [
			{ title: 'a\u0000b', bodyEn: 'x' },
			{ title: 'Ring\u0007bell', bodyEn: 'x' },
			{ title: 'ok', bodyEn: 'x\u0000' },
			{ title: 'ok', bodyEn: 'x', components: [{ id: 2_147_483_648, status: 'major_outage' }] },
			{ title: 'ok', bodyEn: 'x', components: [{ id: byName('VPN').id, status: 'on_fire' }] },
			{ title: 'ok', bodyEn: 'x', impact: 'apocalyptic' },
			{ title: 'ok', bodyEn: 'x', priority: 1 }
		];
		const [{ before }] = await sql()<{ before: number }[]>`
			select count(*)::int as before from incidents`;
		for (const json of bad) {
			const r = await send(incidentsApi.POST, {
				path: '/api/incidents',
				token: tokens.agent,
				json
			});
			expect(r.status, JSON.stringify(json)).toBe(400);
			expect(r.body.error.fields, JSON.stringify(json)).toBeTruthy();
		}
		const incident = await declare('Id probe');
		const links = await send(ticketsApi.POST, {
			path: `/api/incidents/${incident.id}/tickets`,
			params: id(incident.id),
			token: tokens.agent,
			json: { numbers: [2_147_483_648] }
		});
		expect(links.status).toBe(400);
		const path = await send(incidentApi.GET, {
			path: '/api/incidents/2147483648',
			params: { incident: '2147483648' },
			token: tokens.agent
		});
		expect(path.status).toBe(404);
		const [{ after }] = await sql()<{ after: number }[]>`
			select count(*)::int as after from incidents`;
		expect(after).toBe(before + 1);
	});

	it('links 200 tickets in one request, and unlinks them', async () => {
		const incident = await declare('Bulk link');
		const numbers: number[] = [];
		for (let i = 0; i < 200; i++) numbers.push(await ticket(`VPN bulk ${i}`));
		const r = await send(ticketsApi.POST, {
			path: `/api/incidents/${incident.id}/tickets`,
			params: id(incident.id),
			token: tokens.agent,
			json: { numbers }
		});
		expect(r.status, r.text).toBe(200);
		expect(r.body.linkedTickets).toBe(200);
		expect(r.body.changed).toHaveLength(200);
		const events = await sql()<{ n: number }[]>`
			select count(*)::int as n from events where type = 'ticket.incident_linked'
				and (payload->>'incidentId')::int = ${incident.id}`;
		expect(events[0].n).toBe(200);
		const off = await send(ticketsApi.DELETE, {
			path: `/api/incidents/${incident.id}/tickets`,
			params: id(incident.id),
			token: tokens.agent,
			json: { numbers: numbers.slice(0, 50) }
		});
		expect(off.status, off.text).toBe(200);
		expect(off.body.linkedTickets).toBe(150);
	}, 120_000);

	it('two agents linking overlapping tickets to two incidents at once: each ticket ends in one', async () => {
		const a = await declare('Race A');
		const b = await declare('Race B');
		const numbers: number[] = [];
		for (let i = 0; i < 12; i++) numbers.push(await ticket(`Race ${i}`));
		const link = (incidentId: number, who: Who, list: number[]) =>
			send(ticketsApi.POST, {
				path: `/api/incidents/${incidentId}/tickets`,
				params: id(incidentId),
				token: tokens[who],
				json: { numbers: list }
			});
		const results = await Promise.all([
			link(a.id, 'agent', numbers.slice(0, 8)),
			link(b.id, 'agent2', numbers.slice(4)),
			link(a.id, 'lead', numbers.slice(0, 4))
		]);
		for (const r of results) expect([200, 422], r.text).toContain(r.status);
		const refused = results.filter((r) => r.status === 422);
		for (const r of refused) expect(r.body.error.code).toBe('linked_elsewhere');
		const rows = await sql()<{ id: number; incident_id: number | null }[]>`
			select id, incident_id from tickets where id = any(${numbers}::int[])`;
		// All or nothing per request: a refused request linked none of its tickets.
		const counts = {
			a: rows.filter((r) => r.incident_id === a.id).length,
			b: rows.filter((r) => r.incident_id === b.id).length
		};
		expect((await service.getIncident(sql(), a.id))!.linkedTickets).toBe(counts.a);
		expect((await service.getIncident(sql(), b.id))!.linkedTickets).toBe(counts.b);
		expect(counts.a + counts.b).toBeLessThanOrEqual(12);
		expect(counts.a === 8 || counts.b === 8).toBe(true);
	});

	it('components: admins create, change (only what is sent) and delete; nesting is refused', async () => {
		const created = await send(componentsApi.POST, {
			path: '/api/components',
			token: tokens.admin,
			json: { name: 'Badge readers', description: 'Doors', groupId: byName('Infrastructure').id }
		});
		expect(created.status, created.text).toBe(201);
		const componentId = created.body.id as number;
		const patched = await send(componentApi.PATCH, {
			path: `/api/components/${componentId}`,
			params: cid(componentId),
			token: tokens.admin,
			json: { onlyShowIfDegraded: true }
		});
		expect(patched.status, patched.text).toBe(200);
		expect(patched.body).toMatchObject({
			name: 'Badge readers',
			description: 'Doors',
			onlyShowIfDegraded: true
		});
		const nested = await send(componentsApi.POST, {
			path: '/api/components',
			token: tokens.admin,
			json: { name: 'Nested', groupId: componentId }
		});
		expect(nested.status).toBe(400);
		const list = await send(componentsApi.GET, { path: '/api/components', token: tokens.agent });
		expect(list.body.data.map((c: { name: string }) => c.name)).toContain('Badge readers');
		const gone = await send(componentApi.DELETE, {
			path: `/api/components/${componentId}`,
			params: cid(componentId),
			token: tokens.admin
		});
		expect(gone.status).toBe(204);
		const group = await send(componentApi.DELETE, {
			path: `/api/components/${byName('Workplace').id}`,
			params: cid(byName('Workplace').id),
			token: tokens.admin
		});
		expect(group.status).toBe(422);
	});
});

describe(`internal notes stay internal on ${DB_KIND}`, () => {
	it('are never in public events, the status model, the portal banner or "affected too"', async () => {
		const secret = `Root cause is the firewall rule of Bob ${Date.now()}`;
		const incident = await declare('VPN tunnel flaps');
		const r = await send(notesApi.POST, {
			path: `/api/incidents/${incident.id}/notes`,
			params: id(incident.id),
			token: tokens.agent,
			json: { body: secret }
		});
		expect(r.status, r.text).toBe(201);
		await service.postUpdate(db(), users.agent, incident.id, {
			version: incident.version,
			status: 'identified',
			bodyEn: 'We found it.'
		});
		const leaks = await sql()<{ type: string; audience: string }[]>`
			select type, audience from events
			where payload::text like ${'%' + secret.slice(0, 30) + '%'}`;
		expect(leaks.map((e) => `${e.type}/${e.audience}`)).toEqual(['incident.noted/agents']);
		const summary = JSON.stringify(v2Summary(await loadStatus(sql())));
		expect(summary).not.toContain(secret.slice(0, 30));
		const banner = await send(page(portalLayout.load), {
			path: '/portal',
			session: sessions.requester
		});
		expect(banner.text).toContain('VPN tunnel flaps');
		expect(banner.text).not.toContain(secret.slice(0, 30));
		const match = await send(matchRoute.GET, {
			path: '/portal/incidents/match?q=vpn%20tunnel',
			session: sessions.requester
		});
		expect(match.status).toBe(200);
		expect(match.text).toContain('VPN tunnel flaps');
		expect(match.text).not.toContain(secret.slice(0, 30));
		// The desk sees it.
		const desk = await send(incidentApi.GET, {
			path: `/api/incidents/${incident.id}`,
			params: id(incident.id),
			token: tokens.agent
		});
		expect(desk.body.notes.map((n: { body: string }) => n.body)).toContain(secret);
	});
});

describe(`desk pages on ${DB_KIND}`, () => {
	it('declares from the form and lands on the incident page', async () => {
		const r = await send(action(newPage.actions.declare), {
			path: '/desk/incidents/new?/declare',
			session: sessions.agent,
			form: {
				title: 'Printers offline on floor 3',
				impact: 'minor',
				status: 'investigating',
				[`component-${byName('Printing').id}`]: 'partial_outage',
				bodyEn: 'Printers on floor 3 are offline.',
				nextUpdateAt: '2031-01-01T10:00'
			}
		});
		expect(r.status, r.text).toBe(303);
		const location = r.headers.get('location')!;
		expect(location).toMatch(/^\/desk\/incidents\/\d+$/);
		const incident = (await service.getIncident(sql(), Number(location.split('/').pop())))!;
		expect(incident.componentIds).toEqual([byName('Printing').id]);
		// Read in the organisation's zone (Europe/Berlin): 10:00 there is 09:00 UTC in winter.
		expect(incident.updates[0].nextUpdateAt).toBe('2031-01-01T09:00:00.000Z');
		const missing = await send(action(newPage.actions.declare), {
			path: '/desk/incidents/new?/declare',
			session: sessions.agent,
			form: { title: '', bodyEn: '' }
		});
		expect(missing.status).toBe(400);
		expect(missing.body.data.fields).toHaveProperty('title');
	});

	it('an update on a stale version is a 409 with the current state and the typed text kept', async () => {
		const incident = await declare('Wi-Fi drops in building B');
		await service.postUpdate(db(), users.agent2, incident.id, {
			version: incident.version,
			status: 'identified',
			bodyEn: 'Access point firmware.'
		});
		const r = await send(action(incidentPage.actions.update), {
			path: `/desk/incidents/${incident.id}?/update`,
			params: id(incident.id),
			session: sessions.agent,
			form: { version: String(incident.version), status: 'monitoring', bodyEn: 'My text' }
		});
		expect(r.status).toBe(409);
		expect(r.body.data).toMatchObject({
			action: 'update',
			values: { bodyEn: 'My text', status: 'monitoring' },
			conflict: {
				current: { status: 'identified', latest: { bodyEn: 'Access point firmware.' } }
			}
		});
		const loaded = await send(pageRoute([incidentPage.load]), {
			path: `/desk/incidents/${incident.id}`,
			params: id(incident.id),
			session: sessions.agent
		});
		expect(loaded.status, loaded.text).toBe(200);
		const requester = await send(pageRoute([incidentPage.load]), {
			path: `/desk/incidents/${incident.id}`,
			params: id(incident.id),
			session: sessions.requester
		});
		expect(requester.status).toBe(403);
		const list = await send(page(listPage.load), {
			path: '/desk/incidents',
			session: sessions.requester
		});
		expect(list.status).toBe(403);
	});

	it('links tickets from the incident page and in bulk from the queue (also refusing nonsense)', async () => {
		const incident = await declare('Ticketing slow');
		const [one, two, three] = [
			await ticket('Ticketing slow 1'),
			await ticket('Ticketing slow 2'),
			await ticket('Ticketing slow 3')
		];
		const typed = await send(action(incidentPage.actions.link), {
			path: `/desk/incidents/${incident.id}?/link`,
			params: id(incident.id),
			session: sessions.agent,
			form: { more: `#${one}, ${two}` }
		});
		expect(typed.status, typed.text).toBe(200);
		const nonsense = await send(action(incidentPage.actions.link), {
			path: `/desk/incidents/${incident.id}?/link`,
			params: id(incident.id),
			session: sessions.agent,
			form: { more: 'twelve' }
		});
		expect(nonsense.status).toBe(400);
		expect(nonsense.body.data.fields).toHaveProperty('more');
		const bulk = new URLSearchParams([
			['incidentId', String(incident.id)],
			['numbers', String(three)]
		]);
		const queue = await send(action(deskPage.actions.linkIncident), {
			path: '/desk?/linkIncident',
			session: sessions.agent,
			raw: bulk,
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			origin: 'http://127.0.0.1:4173'
		});
		expect(queue.status, queue.text).toBe(200);
		expect(queue.body.data).toMatchObject({ linked: 1, incidentId: incident.id });
		expect((await service.getIncident(sql(), incident.id))!.linkedTickets).toBe(3);
		const noIncident = await send(action(deskPage.actions.linkIncident), {
			path: '/desk?/linkIncident',
			session: sessions.agent,
			form: { incidentId: '99999999999', numbers: String(one) }
		});
		expect(noIncident.status).toBe(400);
	});
});

describe(`"I am affected too" on ${DB_KIND}`, () => {
	it('matches a typed title, counts the requester once, and files no ticket', async () => {
		const incident = await declare('SAP login fails');
		await service.postUpdate(db(), users.agent, incident.id, {
			version: incident.version,
			status: 'identified',
			bodyEn: 'Login server certificate expired.',
			components: [{ id: byName('SAP').id, status: 'major_outage' }]
		});
		const matched = await send(matchRoute.GET, {
			path: '/portal/incidents/match?q=Cannot%20login%20to%20SAP',
			session: sessions.requester
		});
		expect(matched.body.incidents.map((i: { id: number }) => i.id)).toContain(incident.id);
		const unrelated = await send(matchRoute.GET, {
			path: '/portal/incidents/match?q=Monitor%20flickers',
			session: sessions.requester
		});
		expect(unrelated.body.incidents.map((i: { id: number }) => i.id)).not.toContain(incident.id);

		const [{ before }] = await sql()<{ before: number }[]>`
			select count(*)::int as before from tickets`;
		for (let i = 0; i < 2; i++) {
			const r = await send(action(affectedPage.actions.default), {
				path: `/portal/incidents/${incident.id}/affected`,
				params: id(incident.id),
				session: sessions.requester,
				form: {}
			});
			expect(r.status, r.text).toBe(200);
			expect(r.body.data).toMatchObject({ done: true, affectedUsers: 1, added: i === 0 });
		}
		const viaApi = await send(affectedApi.POST, {
			path: `/api/incidents/${incident.id}/affected`,
			params: id(incident.id),
			token: tokens.agent,
			json: {}
		});
		expect(viaApi.body).toMatchObject({ affectedUsers: 2, added: true });
		const [{ after }] = await sql()<
			{ after: number }[]
		>`select count(*)::int as after from tickets`;
		expect(after).toBe(before);
		const again = await send(matchRoute.GET, {
			path: '/portal/incidents/match?q=SAP',
			session: sessions.requester
		});
		expect(again.body.incidents.find((i: { id: number }) => i.id === incident.id).affected).toBe(
			true
		);
	});

	it('matching is by words and area, not by chance', () => {
		const base = {
			kind: 'incident' as const,
			impact: 'major' as const,
			status: 'investigating' as const,
			startedAt: new Date().toISOString(),
			updatedAt: new Date().toISOString(),
			resolvedAt: null,
			scheduledFor: null,
			scheduledUntil: null,
			linkedTickets: 0,
			affectedUsers: 0,
			latestEn: '',
			latestDe: ''
		};
		const vpn = { ...base, id: 1, title: 'VPN drops', text: 'VPN drops VPN', categoryIds: [7] };
		expect(matchIncidents([vpn], 'my vpn keeps dropping', null).map((x) => x.incident.id)).toEqual([
			1
		]);
		expect(matchIncidents([vpn], 'printer jam', null)).toEqual([]);
		expect(matchIncidents([vpn], '', 7).map((x) => x.incident.id)).toEqual([1]);
		expect(matchIncidents([vpn], 'printer jam', 7)).toEqual([]);
	});
});

describe(`the wall on ${DB_KIND}`, () => {
	it('counts active incidents and lists them, most severe first', async () => {
		const [{ id: wallId }] = await sql()<{ id: number }[]>`select min(id)::int as id from walls`;
		const before = (await computeWallSnapshot(sql(), wallId, new Date(), 0))!;
		const critical = await service.declareIncident(db(), users.agent, {
			title: 'Everything is down',
			impact: 'critical',
			bodyEn: 'All hands.'
		});
		const after = (await computeWallSnapshot(sql(), wallId, new Date(), 0))!;
		expect(after.activeIncidents).toBe(before.activeIncidents + 1);
		expect(after.incidents[0]).toMatchObject({ id: critical.id, impact: 'critical' });
		await service.postUpdate(db(), users.agent, critical.id, {
			version: critical.version,
			status: 'resolved',
			bodyEn: 'Back.'
		});
		const resolved = (await computeWallSnapshot(sql(), wallId, new Date(), 0))!;
		expect(resolved.activeIncidents).toBe(before.activeIncidents);
	});
});
