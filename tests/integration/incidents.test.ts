// Incidents and maintenance against a real database: component states and their history, the
// public events, optimistic versions, transitions, ticket links, "I am affected too", the
// maintenance schedule, notifications queued to subscribers, and the Statuspage v2 model.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/lib/server/errors';
import * as components from '../../src/lib/server/incidents/components';
import * as service from '../../src/lib/server/incidents/service';
import { loadStatus, overallStatus, v2Summary } from '../../src/lib/server/status/model';
import { createTicket } from '../../src/lib/server/tickets/service';
import { getUserByEmail, toSessionUser } from '../../src/lib/server/users/db';
import type { Component } from '../../src/lib/types/incident';
import type { SessionUser } from '../../src/lib/types/user';
import { startTestApp, type TestApp } from './harness';

let t: TestApp;
let admin: SessionUser;
let agent: SessionUser;
let requester: SessionUser;
let group: Component;
let vpn: Component;
let mail: Component;
let wifi: Component;

const sql = () => t.ctx.db.sql;
const db = () => t.ctx.db;

async function user(email: string): Promise<SessionUser> {
	return toSessionUser(sql(), (await getUserByEmail(sql(), email))!);
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(DomainError);
	return error as DomainError;
}

const statusOf = async (id: number) =>
	(await sql()<{ status: string }[]>`select status from components where id = ${id}`)[0].status;

beforeAll(async () => {
	t = await startTestApp({ demo: true });
	admin = await user('admin@example.com');
	agent = await user('l1@example.com');
	requester = await user('user@example.com');
	group = await components.createComponent(db(), admin, { name: 'Remote work', isGroup: true });
	vpn = await components.createComponent(db(), admin, { name: 'VPN', groupId: group.id });
	mail = await components.createComponent(db(), admin, { name: 'Mail', groupId: group.id });
	wifi = await components.createComponent(db(), admin, { name: 'Guest Wi-Fi' });
}, 120_000);

afterAll(async () => {
	await t?.stop();
});

describe('components', () => {
	it('refuses nesting, duplicates and non-admins', async () => {
		expect(
			(await refusal(components.createComponent(db(), admin, { name: 'X', groupId: vpn.id })))
				.fields
		).toHaveProperty('groupId');
		expect(
			(await refusal(components.createComponent(db(), admin, { name: 'vpn' }))).fields
		).toHaveProperty('name');
		expect((await refusal(components.createComponent(db(), agent, { name: 'Y' }))).status).toBe(
			403
		);
		expect((await refusal(components.deleteComponent(db(), admin, group.id))).code).toBe(
			'not_empty'
		);
	});
});

describe('incidents', () => {
	it('declares an incident, moves components and publishes the status', async () => {
		const [{ last }] = await sql()`select coalesce(max(id), 0)::int as last from events`;
		const incident = await service.declareIncident(db(), agent, {
			title: 'VPN drops connections',
			impact: 'major',
			components: [{ id: vpn.id, status: 'partial_outage' }],
			bodyEn: 'We are investigating VPN disconnects.',
			bodyDe: 'Wir untersuchen Abbrüche im VPN.'
		});
		expect(incident.status).toBe('investigating');
		expect(incident.updates).toHaveLength(1);
		expect(incident.updates[0].affectedComponents).toEqual([
			{ componentId: vpn.id, name: 'VPN', oldStatus: 'operational', newStatus: 'partial_outage' }
		]);
		expect(await statusOf(vpn.id)).toBe('partial_outage');
		const history = await sql()`
			select status from component_status_history where component_id = ${vpn.id} order by id`;
		expect(history.map((r) => r.status)).toEqual(['operational', 'partial_outage']);

		const events = await sql()<
			{ type: string; audience: string; actor_id: number | null; topics: string[] }[]
		>`
			select type, audience, actor_id, topics from events
			where id > ${last} order by id`;
		expect(events.map((e) => e.type)).toEqual(['incident.declared', 'status.changed']);
		// Public events name no one.
		expect(events.every((e) => e.audience === 'public' && e.actor_id === null)).toBe(true);
		expect(events[0].topics).toContain('status');

		const data = await loadStatus(sql());
		const summary = v2Summary(data);
		expect(summary.status.indicator).toBe('major');
		expect(summary.incidents.map((i) => i.name)).toContain('VPN drops connections');
		const groupV2 = summary.components.find((c) => c.id === String(group.id))!;
		expect(groupV2.group).toBe(true);
		expect(groupV2.status).toBe('partial_outage');
		expect(groupV2.components).toEqual([String(vpn.id), String(mail.id)]);
		expect(summary.components.find((c) => c.id === String(vpn.id))!.group_id).toBe(
			String(group.id)
		);
	});

	it('refuses a stale version with 409, and only one of two racing updates wins', async () => {
		const incident = await service.declareIncident(db(), agent, {
			title: 'Mail delayed',
			impact: 'minor',
			bodyEn: 'Mail is delayed.'
		});
		const update = (text: string) =>
			service.postUpdate(db(), agent, incident.id, {
				version: incident.version,
				status: 'identified',
				bodyEn: text
			});
		const results = await Promise.allSettled([update('one'), update('two')]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect((rejected.reason as DomainError).status).toBe(409);
		const current = await service.getIncident(sql(), incident.id);
		expect(current!.updates).toHaveLength(2);
	});

	it('refuses transitions that do not exist and updates after resolution', async () => {
		const incident = await service.declareIncident(db(), agent, {
			title: 'Printer queue stuck',
			bodyDe: 'Die Druckwarteschlange hängt.'
		});
		const e = await refusal(
			service.postUpdate(db(), agent, incident.id, {
				version: incident.version,
				status: 'completed',
				bodyEn: 'x'
			})
		);
		expect(e.code).toBe('invalid_transition');
		const resolved = await service.postUpdate(db(), agent, incident.id, {
			version: incident.version,
			status: 'resolved',
			bodyEn: 'Fixed.'
		});
		expect(resolved.resolvedAt).not.toBeNull();
		const again = await refusal(
			service.postUpdate(db(), agent, incident.id, {
				version: resolved.version,
				status: 'monitoring',
				bodyEn: 'x'
			})
		);
		expect(again.code).toBe('invalid_state');
	});

	it('resolving puts components back unless another open incident holds them', async () => {
		const a = await service.declareIncident(db(), agent, {
			title: 'Wi-Fi A',
			components: [{ id: wifi.id, status: 'major_outage' }],
			bodyEn: 'A'
		});
		const b = await service.declareIncident(db(), agent, {
			title: 'Wi-Fi B',
			components: [{ id: wifi.id, status: 'major_outage' }],
			bodyEn: 'B'
		});
		await service.postUpdate(db(), agent, a.id, {
			version: a.version,
			status: 'resolved',
			bodyEn: 'A done'
		});
		expect(await statusOf(wifi.id)).toBe('major_outage');
		const done = await service.postUpdate(db(), agent, b.id, {
			version: b.version,
			status: 'resolved',
			bodyEn: 'B done'
		});
		expect(await statusOf(wifi.id)).toBe('operational');
		expect(done.updates[0].affectedComponents[0]).toMatchObject({
			oldStatus: 'major_outage',
			newStatus: 'operational'
		});
	});

	it('rejects bad input with named fields, requesters, and unknown ids', async () => {
		const nul = await refusal(
			service.declareIncident(db(), agent, { title: 'a\u0000b', bodyEn: 'x' })
		);
		expect(nul.status).toBe(400);
		expect(nul.fields).toHaveProperty('title');
		const empty = await refusal(service.declareIncident(db(), agent, { title: 'No text' }));
		expect(empty.fields).toHaveProperty('bodyEn');
		const big = await refusal(
			service.declareIncident(db(), agent, {
				title: 'Big',
				bodyEn: 'x',
				components: [{ id: 2 ** 31, status: 'major_outage' }]
			})
		);
		expect(big.status).toBe(400);
		expect(
			(await refusal(service.declareIncident(db(), requester, { title: 'x', bodyEn: 'x' }))).status
		).toBe(403);
		expect(await service.getIncident(sql(), 2 ** 31)).toBeNull();
		expect((await refusal(service.addNote(db(), agent, 2 ** 31 - 1, { body: 'x' }))).status).toBe(
			404
		);
	});
});

describe('tickets and affected people', () => {
	it('links tickets in bulk, tells each ticket, refuses another incident’s ticket', async () => {
		const incident = await service.declareIncident(db(), agent, {
			title: 'Outlook cannot connect',
			bodyEn: 'Outlook cannot connect to the mail server.'
		});
		const other = await service.declareIncident(db(), agent, { title: 'Other', bodyEn: 'x' });
		const numbers: number[] = [];
		for (const title of ['Outlook does not connect', 'Outlook offline since 9:00']) {
			const ticket = await createTicket(db(), requester, {
				title,
				body: 'Outlook says it cannot connect to the server.',
				categoryId: 1,
				urgency: 2,
				impact: 2
			});
			numbers.push(ticket.id);
		}
		const suggestions = await service.suggestTickets(db(), agent, incident.id);
		expect(suggestions.map((s) => s.number)).toEqual(expect.arrayContaining(numbers));

		const linked = await service.linkTickets(db(), agent, incident.id, { numbers });
		expect(linked.linkedTickets).toBe(2);
		const events = await sql()<{ type: string; audience: string }[]>`
			select type, audience from events where topic = ${'ticket:' + numbers[0]}
				and type = 'ticket.incident_linked'`;
		expect(events).toEqual([
			{ type: 'ticket.incident_linked', audience: `requester:${requester.id}` }
		]);
		const taken = await refusal(
			service.linkTickets(db(), agent, other.id, { numbers: [numbers[0]] })
		);
		expect(taken.code).toBe('linked_elsewhere');
		const unknown = await refusal(
			service.linkTickets(db(), agent, other.id, { numbers: [99_999_999] })
		);
		expect(unknown.fields).toHaveProperty('numbers');

		// Resolving replies to both linked tickets and resolves them.
		await service.postUpdate(
			db(),
			agent,
			incident.id,
			{
				version: (await service.getIncident(sql(), incident.id))!.version,
				status: 'resolved',
				bodyEn: 'The mail server is back.',
				ticketReply: 'The mail server is back; please restart Outlook.',
				resolveTickets: true
			},
			{ awaitReplies: true }
		);
		const rows = await sql()<{ status: string; replies: number }[]>`
			select t.status, (select count(*)::int from ticket_comments c
				where c.ticket_id = t.id and not c.internal and c.body like '%restart Outlook%') as replies
			from tickets t where t.id = any(${numbers}::int[]) order by t.id`;
		expect(rows).toEqual([
			{ status: 'resolved', replies: 1 },
			{ status: 'resolved', replies: 1 }
		]);
	});

	it('a reply request left by a stopped node is finished by the job, nobody answered twice', async () => {
		const incident = await service.declareIncident(db(), agent, {
			title: 'File shares read-only',
			bodyEn: 'File shares are read-only.'
		});
		const numbers: number[] = [];
		for (const n of [1, 2, 3]) {
			const ticket = await createTicket(db(), requester, {
				title: `Cannot save to share ${n}`,
				body: 'The share is read-only.',
				categoryId: 1,
				urgency: 2,
				impact: 2
			});
			numbers.push(ticket.id);
		}
		await service.linkTickets(db(), agent, incident.id, { numbers });
		// A node answered the first ticket, then stopped while holding the lease.
		await sql()`
			insert into incident_ticket_replies (incident_id, body, resolve, requested_by, leased_until)
			values (${incident.id}, 'Shares are writable again.', false, ${agent.id},
				now() - interval '1 second')`;
		await sql()`
			insert into incident_ticket_replied (incident_id, ticket_id) values (${incident.id}, ${numbers[0]})`;
		const [first, second] = await Promise.all([
			service.answerLinkedTickets(db()),
			service.answerLinkedTickets(db())
		]);
		expect(first.answered + second.answered).toBe(2);
		const replies = await sql()<{ ticket_id: number; n: number }[]>`
			select ticket_id, count(*)::int as n from ticket_comments
			where body = 'Shares are writable again.' group by ticket_id order by ticket_id`;
		expect(replies).toEqual([
			{ ticket_id: numbers[1], n: 1 },
			{ ticket_id: numbers[2], n: 1 }
		]);
		expect(await service.answerLinkedTickets(db())).toEqual({ answered: 0, failed: [] });
	});

	it('counts "I am affected too" once per person and mails them updates', async () => {
		const incident = await service.declareIncident(db(), agent, {
			title: 'Intranet slow',
			bodyEn: 'The intranet is slow.'
		});
		const first = await service.reportAffected(db(), requester, incident.id);
		const second = await service.reportAffected(db(), requester, incident.id);
		expect(first).toEqual({ affectedUsers: 1, added: true });
		expect(second).toEqual({ affectedUsers: 1, added: false });
		await service.postUpdate(db(), agent, incident.id, {
			version: (await service.getIncident(sql(), incident.id))!.version,
			status: 'identified',
			bodyEn: 'A proxy is overloaded.'
		});
		const mails = await sql()`
			select recipient from outbox where body like '%A proxy is overloaded%'`;
		expect(mails.map((r) => r.recipient)).toEqual([requester.email]);
	});
});

describe('maintenance', () => {
	it('reminds subscribers once, an hour before announced maintenance starts', async () => {
		await sql()`
			insert into status_subscribers (kind, email, unsubscribe_token, confirmed_at)
			values ('email', 'ops-watch@example.org', 'remindertoken0000000000', now())`;
		const start = new Date(Date.now() + 3 * 3_600_000);
		const maintenance = await service.scheduleMaintenance(db(), agent, {
			title: 'Telephony firmware',
			scheduledFor: start.toISOString(),
			scheduledUntil: new Date(start.getTime() + 3_600_000).toISOString(),
			bodyEn: 'Phones restart once.'
		});
		const subjects = async () =>
			(
				await sql()<{ subject: string }[]>`
				select subject from outbox where recipient = 'ops-watch@example.org' order by id`
			).map((r) => r.subject);
		expect(await subjects()).toHaveLength(1);
		const soon = new Date(start.getTime() - 30 * 60_000);
		const runs = await Promise.all([
			service.runMaintenanceSchedule(db(), soon),
			service.runMaintenanceSchedule(db(), soon)
		]);
		expect(runs.reduce((n, r) => n + r.reminded, 0)).toBe(1);
		expect((await subjects())[1]).toContain('Reminder: Telephony firmware');
		expect((await service.runMaintenanceSchedule(db(), soon)).reminded).toBe(0);
		expect((await service.getIncident(sql(), maintenance.id))!.status).toBe('scheduled');
		await sql()`delete from status_subscribers where email = 'ops-watch@example.org'`;
	});

	it('starts and completes itself at its times, once', async () => {
		const start = new Date(Date.now() + 3_600_000);
		const end = new Date(start.getTime() + 3_600_000);
		const maintenance = await service.scheduleMaintenance(db(), agent, {
			title: 'Mail server upgrade',
			scheduledFor: start.toISOString(),
			scheduledUntil: end.toISOString(),
			components: [mail.id],
			bodyEn: 'We upgrade the mail server.'
		});
		expect(maintenance.status).toBe('scheduled');
		expect(v2Summary(await loadStatus(sql())).scheduled_maintenances.map((i) => i.id)).toContain(
			String(maintenance.id)
		);
		expect(await service.runMaintenanceSchedule(db(), new Date())).toEqual({
			started: 0,
			completed: 0,
			reminded: 0
		});
		const inWindow = new Date(start.getTime() + 60_000);
		const [a, b] = await Promise.all([
			service.runMaintenanceSchedule(db(), inWindow),
			service.runMaintenanceSchedule(db(), inWindow)
		]);
		expect(a.started + b.started).toBe(1);
		expect(await statusOf(mail.id)).toBe('under_maintenance');
		expect((await loadStatus(sql())).active.map((i) => i.id)).toContain(String(maintenance.id));
		await service.runMaintenanceSchedule(db(), new Date(end.getTime() + 1000));
		const done = await service.getIncident(sql(), maintenance.id);
		expect(done!.status).toBe('completed');
		expect(await statusOf(mail.id)).toBe('operational');
		expect(done!.updates.map((u) => u.status)).toEqual(['completed', 'in_progress', 'scheduled']);
	});

	it('refuses a window that ends before it starts', async () => {
		const e = await refusal(
			service.scheduleMaintenance(db(), agent, {
				title: 'Backwards',
				scheduledFor: '2030-01-02T10:00:00Z',
				scheduledUntil: '2030-01-02T09:00:00Z',
				bodyEn: 'x'
			})
		);
		expect(e.fields).toHaveProperty('scheduledUntil');
	});
});

describe('overall status', () => {
	it('derives the indicator from impacts, component states and maintenance', () => {
		const c = (status: Component['status']) => ({ status, isGroup: false });
		expect(overallStatus([c('operational')], []).indicator).toBe('none');
		expect(overallStatus([c('degraded_performance')], [])).toEqual({
			indicator: 'minor',
			description: 'Partially Degraded Service'
		});
		expect(overallStatus([c('partial_outage')], []).indicator).toBe('major');
		expect(overallStatus([c('major_outage')], []).indicator).toBe('critical');
		expect(overallStatus([c('under_maintenance')], []).indicator).toBe('maintenance');
		expect(
			overallStatus(
				[c('under_maintenance')],
				[{ kind: 'incident', impact: 'minor', status: 'identified' }]
			).description
		).toBe('Minor Service Outage');
		expect(
			overallStatus([], [{ kind: 'incident', impact: 'critical', status: 'investigating' }])
				.indicator
		).toBe('critical');
		expect(
			overallStatus([], [{ kind: 'maintenance', impact: 'maintenance', status: 'scheduled' }])
				.indicator
		).toBe('none');
	});
});
