import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getUserByEmail, toSessionUser } from '../../src/lib/server/users/db';
import * as sla from '../../src/lib/server/sla/db';
import { getCategoryByKey, getTicket } from '../../src/lib/server/tickets/db';
import { ticketDetail } from '../../src/lib/server/tickets/queries';
import {
	addComment,
	createTicket,
	moveTicket,
	processDueClocks,
	respondToResolution,
	updateTicket
} from '../../src/lib/server/tickets/service';
import { DomainError } from '../../src/lib/server/errors';
import type { SessionUser } from '../../src/lib/types/user';
import { DB_KIND, startTestApp, type TestApp } from './harness';

let t: TestApp;
const users: Record<string, SessionUser> = {};
let network = 0;

async function user(email: string) {
	const record = await getUserByEmail(t.ctx.db.sql, email);
	return toSessionUser(t.ctx.db.sql, record!);
}

beforeAll(async () => {
	t = await startTestApp({ demo: true });
	for (const key of ['user', 'user2', 'l1', 'l2', 'l3', 'lead']) {
		users[key] = await user(`${key}@example.com`);
	}
	network = (await getCategoryByKey(t.ctx.db.sql, 'network'))!;
});
afterAll(() => t.stop());

// Tuesday 1 December 2026, 09:00 in Berlin: inside office hours.
const T0 = new Date('2026-12-01T09:00:00+01:00');
const plus = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

async function openTicket(urgency: 1 | 2 | 3 = 2, impact: 1 | 2 | 3 = 2, at = T0) {
	return createTicket(
		t.ctx.db,
		users.user,
		{
			title: 'VPN drops every 10 minutes',
			body: 'Since this morning.',
			categoryId: network,
			urgency,
			impact
		},
		{ at }
	);
}

describe(`tickets on ${DB_KIND}`, () => {
	it('routes a new ticket to level 1, prioritises it and starts both clocks', async () => {
		const ticket = await openTicket(2, 2);
		expect(ticket.priority).toBe(3);
		expect(ticket.level).toBe(1);
		const clocks = await sla.clocksOf(t.ctx.db.sql, ticket.id);
		const resolution = clocks.find((c) => c.metric === 'resolution')!;
		// P3: 1800 business minutes = three 10-hour days → Friday 09:00.
		expect(resolution.dueAt?.toISOString()).toBe(
			new Date('2026-12-04T09:00:00+01:00').toISOString()
		);
		expect(clocks.map((c) => c.state)).toEqual(['active', 'active']);
		// Round-robin assignment is Leitstand's own step: no actor, and the assignee is named.
		expect(ticket.assigneeId).toBe(users.l1.id);
		const [assigned] = await t.ctx.db.sql<
			{ actor_id: number | null; payload: { assignee: unknown } }[]
		>`
			select actor_id, payload from events
			where topic = ${'ticket:' + ticket.id} and type = 'ticket.assigned'`;
		expect(assigned.actor_id).toBeNull();
		expect(assigned.payload.assignee).toEqual({ id: users.l1.id, name: users.l1.name });
	});

	it('refuses bad input field by field and writes nothing', async () => {
		const before = (await t.ctx.db.sql`select count(*)::int as n from tickets`)[0].n;
		await expect(
			createTicket(t.ctx.db, users.user, {
				title: '  ',
				body: 'x'.repeat(20001),
				categoryId: 999999,
				urgency: 5 as 1,
				impact: 2
			})
		).rejects.toMatchObject({
			status: 400,
			fields: { title: expect.any(String), body: expect.any(String), urgency: expect.any(String) }
		});
		await expect(
			createTicket(t.ctx.db, users.user, {
				title: 'ok',
				body: 'ok',
				categoryId: 999999,
				urgency: 1,
				impact: 1
			})
		).rejects.toMatchObject({ status: 422, fields: { categoryId: 'Unknown category.' } });
		const after = (await t.ctx.db.sql`select count(*)::int as n from tickets`)[0].n;
		expect(after).toBe(before);
	});

	it('first public reply fulfils first response; pending pauses resolution by exactly that time', async () => {
		const ticket = await openTicket(1, 2); // P2: 60 / 480 office minutes
		const before = (await sla.clocksOf(t.ctx.db.sql, ticket.id)).find(
			(c) => c.metric === 'resolution'
		)!;
		expect(before.dueAt?.toISOString()).toBe(plus(480).toISOString());
		await addComment(
			t.ctx.db,
			users.l1,
			ticket.id,
			{ body: 'Which client version?', status: 'pending' },
			{ at: plus(30) }
		);
		const mid = await sla.clocksOf(t.ctx.db.sql, ticket.id);
		expect(mid.find((c) => c.metric === 'first_response')!.state).toBe('fulfilled');
		expect(mid.find((c) => c.metric === 'resolution')!.state).toBe('paused');
		// The requester answers three hours later: the ticket reopens and the due time moves three
		// business hours, from 17:00 to 20:00 — past closing, so 10:00 the next business day.
		await addComment(t.ctx.db, users.user, ticket.id, { body: 'Version 5.2' }, { at: plus(210) });
		const after = (await sla.clocksOf(t.ctx.db.sql, ticket.id)).find(
			(c) => c.metric === 'resolution'
		)!;
		expect(after.state).toBe('active');
		expect(after.dueAt?.toISOString()).toBe(new Date('2026-12-02T10:00:00+01:00').toISOString());
		expect((await getTicket(t.ctx.db.sql, ticket.id))!.status).toBe('open');
	});

	it('escalates only upwards with a reason, hands back only downwards', async () => {
		const ticket = await openTicket();
		const l2 = users.l2.groups[0].id;
		await expect(
			moveTicket(t.ctx.db, users.l1, ticket.id, 'escalate', { groupId: l2, reason: '' })
		).rejects.toMatchObject({ status: 400, fields: { reason: expect.any(String) } });
		await expect(
			moveTicket(t.ctx.db, users.l1, ticket.id, 'hand_back', { level: 1, reason: 'x' })
		).rejects.toMatchObject({ status: 422, code: 'invalid_level' });
		const moved = await moveTicket(t.ctx.db, users.l1, ticket.id, 'escalate', {
			groupId: l2,
			reason: 'Needs a network engineer'
		});
		expect(moved.level).toBe(2);
		await expect(
			moveTicket(t.ctx.db, users.l2, ticket.id, 'escalate', { level: 2, reason: 'same level' })
		).rejects.toMatchObject({ code: 'invalid_level' });
		const back = await moveTicket(t.ctx.db, users.l2, ticket.id, 'hand_back', {
			level: 1,
			reason: 'Client issue, L1 can help'
		});
		expect(back.level).toBe(1);
		// The requester sees both steps but never the reasons.
		const view = await ticketDetail(t.ctx.db.sql, ticket.id, users.user);
		const types = view!.timeline.map((e) => e.type);
		expect(types).toContain('ticket.escalated');
		expect(types).toContain('ticket.handed_back');
		expect(JSON.stringify(view)).not.toContain('network engineer');
		const agentView = await ticketDetail(t.ctx.db.sql, ticket.id, users.l1);
		expect(JSON.stringify(agentView)).toContain('network engineer');
	});

	it('a stale version gets 409 and changes nothing', async () => {
		const ticket = await openTicket();
		await updateTicket(t.ctx.db, users.l1, ticket.id, { version: ticket.version, priority: 2 });
		await expect(
			updateTicket(t.ctx.db, users.l1, ticket.id, { version: ticket.version, priority: 4 })
		).rejects.toMatchObject({ status: 409 });
		expect((await getTicket(t.ctx.db.sql, ticket.id))!.priority).toBe(2);
	});

	it('a priority change moves the clocks to the new target and its calendar (P1 runs 24/7)', async () => {
		const ticket = await openTicket(2, 2, T0); // P3, office hours
		await updateTicket(
			t.ctx.db,
			users.l1,
			ticket.id,
			{ version: ticket.version, priority: 1 },
			{ at: plus(60) }
		);
		const clocks = await sla.clocksOf(t.ctx.db.sql, ticket.id);
		const resolution = clocks.find((c) => c.metric === 'resolution')!;
		const firstResponse = clocks.find((c) => c.metric === 'first_response')!;
		// 60 minutes used of P1's 240, the rest on the 24/7 calendar: due 3 wall-clock hours later.
		expect(resolution.targetMinutes).toBe(240);
		expect(resolution.dueAt?.toISOString()).toBe(plus(240).toISOString());
		// P1's first response is 30 minutes: already exceeded.
		expect(firstResponse.state).toBe('breached');
	});

	it('keeps requesters to their own tickets and internal notes from them', async () => {
		const ticket = await openTicket();
		await addComment(t.ctx.db, users.l1, ticket.id, {
			body: 'Secret: admin password reset',
			internal: true
		});
		expect(await ticketDetail(t.ctx.db.sql, ticket.id, users.user2)).toBeNull();
		await expect(
			addComment(t.ctx.db, users.user2, ticket.id, { body: 'hi' })
		).rejects.toMatchObject({ status: 404 });
		await expect(
			addComment(t.ctx.db, users.user, ticket.id, { body: 'hi', internal: true })
		).rejects.toBeInstanceOf(DomainError);
		const view = await ticketDetail(t.ctx.db.sql, ticket.id, users.user);
		expect(JSON.stringify(view)).not.toContain('Secret');
	});

	it('fires a breach exactly once with two clock jobs running at the same time', async () => {
		const ticket = await openTicket(1, 1, new Date(Date.now() - 6 * 3600_000)); // P1, 24/7, 4 h
		const [a, b] = await Promise.all([processDueClocks(t.ctx.db), processDueClocks(t.ctx.db)]);
		expect(a.processed + b.processed).toBeGreaterThanOrEqual(1);
		await Promise.all([processDueClocks(t.ctx.db), processDueClocks(t.ctx.db)]);
		const rows = await t.ctx.db.sql<{ type: string; metric: string }[]>`
			select type, payload->>'metric' as metric from events
			where topic = ${'ticket:' + ticket.id} and type in ('sla.warning', 'sla.breached')`;
		const breaches = rows.filter((r) => r.type === 'sla.breached');
		expect(breaches.map((r) => r.metric).sort()).toEqual(['first_response', 'resolution']);
		// The default rule escalates a P1 breach to the next level.
		expect((await getTicket(t.ctx.db.sql, ticket.id))!.level).toBe(2);
	});

	it('resolve → requester confirms and it closes; reopen after the window is refused', async () => {
		const ticket = await openTicket();
		await updateTicket(t.ctx.db, users.l1, ticket.id, {
			version: ticket.version,
			status: 'resolved'
		});
		const closed = await respondToResolution(t.ctx.db, users.user, ticket.id, 'confirm');
		expect(closed.status).toBe('closed');
		const old = await openTicket();
		await updateTicket(
			t.ctx.db,
			users.l1,
			old.id,
			{ version: old.version, status: 'resolved' },
			{ at: new Date(Date.now() - 30 * 86400_000) }
		);
		await expect(respondToResolution(t.ctx.db, users.user, old.id, 'reopen')).rejects.toMatchObject(
			{ code: 'reopen_expired' }
		);
	});
});
