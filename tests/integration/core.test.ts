// A trustworthy core: experts by area at every level, an SLA engine that cannot stall, clocks
// that follow calendar and target edits, and intake that assigns fairly without a long lock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveCalendar, saveGroup, updateSlaPolicy } from '../../src/lib/server/admin/service';
import { metrics } from '../../src/lib/server/metrics';
import { addBusinessMinutes } from '../../src/lib/server/sla/calendar';
import * as sla from '../../src/lib/server/sla/db';
import { getCategoryByKey, getTicket } from '../../src/lib/server/tickets/db';
import { createTicket, moveTicket, processDueClocks } from '../../src/lib/server/tickets/service';
import { getUserByEmail, toSessionUser } from '../../src/lib/server/users/db';
import type { SessionUser } from '../../src/lib/types/user';
import { DB_KIND, startTestApp, type TestApp } from './harness';

let t: TestApp;
const who: Record<string, SessionUser> = {};
const groups: Record<string, number> = {};
const categories: Record<string, number> = {};

beforeAll(async () => {
	t = await startTestApp({ demo: true });
	for (const key of ['user', 'l1', 'l2', 'l3', 'admin']) {
		who[key] = await toSessionUser(
			t.ctx.db.sql,
			(await getUserByEmail(t.ctx.db.sql, `${key}@example.com`))!
		);
	}
	for (const g of await t.ctx.db.sql<{ id: number; name: string }[]>`select id, name from groups`) {
		groups[g.name] = g.id;
	}
	for (const key of ['network', 'hardware', 'access', 'other']) {
		categories[key] = (await getCategoryByKey(t.ctx.db.sql, key))!;
	}
});
afterAll(() => t?.stop());

const open = (category: string, at = new Date(), urgency: 1 | 2 | 3 = 2, impact: 1 | 2 | 3 = 2) =>
	createTicket(
		t.ctx.db,
		who.user,
		{
			title: `A ${category} problem`,
			body: 'Details.',
			categoryId: categories[category],
			urgency,
			impact
		},
		{ at }
	);

const typesOf = async (ticketId: number) =>
	(
		await t.ctx.db.sql<{ type: string; payload: Record<string, unknown> }[]>`
			select type, payload from events where topic = ${'ticket:' + ticketId} order by id`
	).map((e) => ({ type: e.type, ...e.payload }));

describe(`experts by area on ${DB_KIND}`, () => {
	it('escalation by level goes to the group of the ticket’s area, not the first by name', async () => {
		// "Network" sorts before "Workplace & Software": the old rule would have picked it.
		const hardware = await open('hardware');
		const moved = await moveTicket(t.ctx.db, who.l1, hardware.id, 'escalate', {
			level: 2,
			reason: 'Needs a workplace engineer'
		});
		expect(moved.groupId).toBe(groups['Workplace & Software']);
		const network = await open('network');
		expect(
			(await moveTicket(t.ctx.db, who.l1, network.id, 'escalate', { level: 2, reason: 'VPN' }))
				.groupId
		).toBe(groups.Network);
		// Level 3 follows the path too: access → Identity & Access.
		const access = await open('access');
		expect(
			(await moveTicket(t.ctx.db, who.l1, access.id, 'escalate', { level: 3, reason: 'Grant' }))
				.groupId
		).toBe(groups['Identity & Access']);
	});

	it('a rule-based escalation lands in the area’s group too', async () => {
		// P1 (24/7, resolution 4 h) opened 5 hours ago: the default rule escalates P1/P2 breaches.
		const ticket = await open('hardware', new Date(Date.now() - 5 * 3600_000), 1, 1);
		await processDueClocks(t.ctx.db);
		const after = (await getTicket(t.ctx.db.sql, ticket.id))!;
		expect(after.level).toBe(2);
		expect(after.groupId).toBe(groups['Workplace & Software']);
		const escalated = (await typesOf(ticket.id)).find((e) => e.type === 'ticket.escalated');
		expect(escalated).toMatchObject({ automatic: true, toGroupId: groups['Workplace & Software'] });
	});

	it('a hand-back returns to the group the ticket came from, else the area’s group', async () => {
		const ticket = await open('hardware');
		// Escalated by hand to Network (not the path's group), then to level 3.
		await moveTicket(t.ctx.db, who.l1, ticket.id, 'escalate', {
			groupId: groups.Network,
			reason: 'Looks like the network'
		});
		await moveTicket(t.ctx.db, who.l2, ticket.id, 'escalate', { level: 3, reason: 'Switch' });
		const back = await moveTicket(t.ctx.db, who.l3, ticket.id, 'hand_back', {
			level: 2,
			reason: 'Fixed the switch, please confirm with the user'
		});
		expect(back.groupId).toBe(groups.Network);
		const home = await moveTicket(t.ctx.db, who.l2, ticket.id, 'hand_back', {
			level: 1,
			reason: 'Done'
		});
		expect(home.groupId).toBe(groups['Service Desk']);
	});

	it('refuses an escalation by level when the area has no group at that level', async () => {
		await t.ctx.db.sql`update categories set level2_group_id = null where key = 'other'`;
		const ticket = await open('other');
		await expect(
			moveTicket(t.ctx.db, who.l1, ticket.id, 'escalate', { level: 2, reason: 'Why not' })
		).rejects.toMatchObject({ status: 422, code: 'no_route' });
		expect((await getTicket(t.ctx.db.sql, ticket.id))!.level).toBe(1);
	});

	it('escalating a new ticket goes through the one status transition (event included)', async () => {
		// Nobody in Identity & Access auto-assigns: the ticket stays `new` until someone acts.
		await t.ctx.db.sql`update groups set auto_assign = false where name = 'Service Desk'`;
		try {
			const ticket = await open('access');
			expect(ticket.status).toBe('new');
			await moveTicket(t.ctx.db, who.l1, ticket.id, 'escalate', { level: 3, reason: 'Grant' });
			const events = await typesOf(ticket.id);
			expect(events).toContainEqual(
				expect.objectContaining({ type: 'ticket.status_changed', from: 'new', to: 'open' })
			);
			expect((await getTicket(t.ctx.db.sql, ticket.id))!.status).toBe('open');
		} finally {
			await t.ctx.db.sql`update groups set auto_assign = true where name = 'Service Desk'`;
		}
	});

	it('refuses to move a group to another level while it has open tickets or is in a path', async () => {
		const admin = who.admin;
		const network = await t.ctx.db.sql<{ id: number; area: string; capacity: number }[]>`
			select id, area, capacity from groups where name = 'Network'`;
		const input = {
			id: network[0].id,
			name: 'Network',
			level: 3,
			area: network[0].area,
			capacity: network[0].capacity
		};
		await expect(saveGroup(t.ctx.db, admin, input)).rejects.toMatchObject({
			fields: { level: expect.stringContaining('network') }
		});
		// Out of every path, it still has open tickets at level 2.
		await t.ctx.db
			.sql`update categories set level2_group_id = null where level2_group_id = ${network[0].id}`;
		await expect(saveGroup(t.ctx.db, admin, input)).rejects.toMatchObject({
			fields: { level: expect.stringMatching(/open tickets/) }
		});
		const [{ level }] = await t.ctx.db.sql<{ level: number }[]>`
			select level from groups where id = ${network[0].id}`;
		expect(level).toBe(2);
	});
});

describe(`an SLA engine that cannot stall on ${DB_KIND}`, () => {
	it('skips and reports a ticket whose clocks fail, and processes the rest of the batch', async () => {
		const past = new Date(Date.now() - 6 * 3600_000);
		const [a, broken, c] = [
			await open('network', past, 1, 1),
			await open('network', past, 1, 1),
			await open('network', past, 1, 1)
		];
		// Bad data: the broken ticket's clocks count in a calendar with an unknown time zone.
		const [bad] = await t.ctx.db.sql<{ id: number }[]>`
			insert into business_calendars (name, time_zone, week) values ('Broken', 'Not/AZone', '{}')
			returning id`;
		await t.ctx.db
			.sql`update sla_clocks set calendar_id = ${bad.id} where ticket_id = ${broken.id}`;
		const failuresBefore = (await metrics().slaClockFailures.get()).values[0]?.value ?? 0;

		const run = await processDueClocks(t.ctx.db, new Date(), 100);
		expect(run.failed).toBe(1);
		for (const ticket of [a, c]) {
			const breached = (await typesOf(ticket.id)).filter((e) => e.type === 'sla.breached');
			expect(breached.length, `#${ticket.id} breached`).toBeGreaterThan(0);
		}
		expect((await typesOf(broken.id)).filter((e) => e.type.startsWith('sla.'))).toEqual([]);
		expect((await metrics().slaClockFailures.get()).values[0].value).toBe(failuresBefore + 1);
		const problem = (await sla.recentProblems(t.ctx.db.sql)).find((p) => p.ticketId === broken.id);
		expect(problem).toMatchObject({
			job: 'sla-clock',
			message: expect.stringContaining('Not/AZone')
		});
		// It is not retried in a hot loop: its next check moved a few minutes on.
		const [{ next }] = await t.ctx.db.sql<{ next: Date }[]>`
			select min(next_check_at) as next from sla_clocks where ticket_id = ${broken.id}`;
		expect(next.getTime()).toBeGreaterThan(Date.now() + 60_000);
	});

	it('moves a running clock’s due time when its calendar is edited, in the same transaction', async () => {
		// A P3 (office calendar) ticket opened now.
		const ticket = await open('network');
		const [office] = await sla.clocksOf(t.ctx.db.sql, ticket.id);
		const calendar = (await sla.getCalendar(t.ctx.db.sql, office.calendarId))!;
		const before = (await sla.clocksOf(t.ctx.db.sql, ticket.id)).find(
			(k) => k.metric === 'resolution'
		)!;
		// Working days become 08:00–12:00 only.
		const week: Record<string, string> = {};
		for (const day of Object.keys(calendar.calendar.week)) week[day] = '08:00-12:00';
		await saveCalendar(t.ctx.db, who.admin, {
			id: calendar.id,
			name: calendar.name,
			timeZone: calendar.calendar.timeZone,
			week,
			holidays: calendar.calendar.holidays.join('\n')
		});
		const after = (await sla.clocksOf(t.ctx.db.sql, ticket.id)).find(
			(k) => k.metric === 'resolution'
		)!;
		const edited = (await sla.getCalendar(t.ctx.db.sql, calendar.id))!.calendar;
		const expected = addBusinessMinutes(
			after.runningSince!,
			after.targetMinutes - after.elapsedMinutes,
			edited
		);
		expect(after.dueAt?.toISOString()).toBe(expected.toISOString());
		expect(after.dueAt!.getTime()).toBeGreaterThan(before.dueAt!.getTime());
		// The ticket's read model moved with it: its due time is its earliest running clock's.
		const running = (await sla.clocksOf(t.ctx.db.sql, ticket.id)).filter(
			(k) => k.dueAt && !k.fulfilledAt && k.runningSince
		);
		const earliest = Math.min(...running.map((k) => k.dueAt!.getTime()));
		expect((await getTicket(t.ctx.db.sql, ticket.id))!.slaDueAt?.getTime()).toBe(earliest);
	});

	it('moves running clocks to new targets when an SLA target is edited', async () => {
		const ticket = await open('network'); // P3
		const [policy] = await sla.listPolicies(t.ctx.db.sql);
		const targets = policy.targets.map((target) => ({
			priority: target.priority,
			firstResponse: String(target.firstResponseMinutes),
			resolution: String(
				target.priority === 3 ? target.resolutionMinutes * 2 : target.resolutionMinutes
			),
			calendarId: target.calendarId
		}));
		await updateSlaPolicy(t.ctx.db, who.admin, {
			policyId: policy.id,
			warnPercent: Math.round(policy.warnRatio * 100),
			targets
		});
		const resolution = (await sla.clocksOf(t.ctx.db.sql, ticket.id)).find(
			(k) => k.metric === 'resolution'
		)!;
		const p3 = policy.targets.find((x) => x.priority === 3)!;
		expect(resolution.targetMinutes).toBe(p3.resolutionMinutes * 2);
		expect(resolution.warnMinutes).toBeCloseTo(p3.resolutionMinutes * 2 * policy.warnRatio);
	});
});

describe(`intake on ${DB_KIND}`, () => {
	it('assigns tickets filed at the same time fairly, within capacity, each exactly once', async () => {
		const created = await Promise.all(
			Array.from({ length: 12 }, (_, i) =>
				createTicket(t.ctx.db, who.user, {
					title: `Outage report ${i}`,
					body: 'Nothing works.',
					categoryId: categories.network,
					urgency: 1,
					impact: 2
				})
			)
		);
		expect(new Set(created.map((c) => c.id)).size).toBe(12);
		for (const ticket of created) {
			const events = await typesOf(ticket.id);
			expect(events.filter((e) => e.type === 'ticket.assigned').length).toBeLessThanOrEqual(1);
			expect(events.filter((e) => e.type === 'ticket.created')).toHaveLength(1);
		}
		// Every assignee is an agent of the routing group with open tickets within its capacity.
		const overloaded = await t.ctx.db.sql`
			select u.id from users u join group_members m on m.user_id = u.id
			join groups g on g.id = m.group_id and g.name = 'Service Desk'
			where (select count(*) from tickets t where t.assignee_id = u.id
				and t.status in ('new', 'open', 'pending', 'on_hold')) > g.capacity`;
		expect(overloaded).toEqual([]);
		const assigned = created.filter((c) => c.assigneeId !== null);
		expect(assigned.every((c) => c.status === 'open')).toBe(true);
	});
});
