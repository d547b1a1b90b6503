// Intake under load: tickets filed at the same time are assigned round robin, within capacity,
// each exactly once, and `POST /api/tickets` answers with exactly what `GET` then shows (the
// answer is composed from the transaction's writes, not read back). On the database under test
// (PGlite, or PostgreSQL with TEST_DATABASE_URL, where the creations really run concurrently).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/lib/server/auth/tokens';
import { DEMO_PASSWORD } from '../../src/lib/server/seed/demo';
import { createTicket } from '../../src/lib/server/tickets/service';
import { getUserByEmail, toSessionUser } from '../../src/lib/server/users/db';
import { createUser } from '../../src/lib/server/users/service';
import type { SessionUser } from '../../src/lib/types/user';
import type { TicketDetail } from '../../src/lib/types/ticket';
import * as ticketRoute from '../../src/routes/api/tickets/[number]/+server';
import * as ticketsRoute from '../../src/routes/api/tickets/+server';
import { DB_KIND, startTestApp, type TestApp } from './harness';
import { send, type Route } from './requests';

let t: TestApp;
let requester: SessionUser;

beforeAll(async () => {
	t = await startTestApp({ demo: true });
	requester = await toSessionUser(
		t.ctx.db.sql,
		(await getUserByEmail(t.ctx.db.sql, 'user@example.com'))!
	);
});
afterAll(() => t?.stop());

let desks = 0;
/** A fresh level-1 group with auto-assignment, `agents` new agents and a category routed to it. */
async function desk(agents: number, capacity: number) {
	const sql = t.ctx.db.sql;
	const n = ++desks;
	const name = `Intake desk ${n}`;
	const [group] = await sql<{ id: number }[]>`
		insert into groups (name, level, area, auto_assign, capacity)
		values (${name}, 1, ${'intake' + n}, true, ${capacity}) returning id`;
	const members: SessionUser[] = [];
	for (let i = 0; i < agents; i++) {
		members.push(
			await createUser(t.ctx.db, {
				email: `intake${n}-${i}@example.com`,
				name: `Intake Agent ${n}.${i}`,
				role: 'agent',
				password: DEMO_PASSWORD,
				group: name
			})
		);
	}
	const [category] = await sql<{ id: number }[]>`
		insert into categories (key, name_en, name_de, group_id)
		values (${'intake-' + n}, ${'Intake ' + n}, ${'Eingang ' + n}, ${group.id}) returning id`;
	return { groupId: group.id, categoryId: category.id, members };
}

const file = (categoryId: number, i: number) =>
	createTicket(t.ctx.db, requester, {
		title: `Outage report ${i}`,
		body: 'Nothing works.',
		categoryId,
		urgency: 2,
		impact: 2
	});

async function assignedEvents(ticketId: number) {
	return t.ctx.db.sql<{ assignee_id: number }[]>`
		select (payload->>'assigneeId')::int as assignee_id from events
		where topic = ${'ticket:' + ticketId} and type = 'ticket.assigned'`;
}

describe(`intake on ${DB_KIND}`, () => {
	it('assigns round robin: least recently assigned first', async () => {
		const { categoryId, members } = await desk(3, 10);
		const order: number[] = [];
		for (let i = 0; i < 6; i++) order.push((await file(categoryId, i)).assigneeId!);
		const ids = members.map((m) => m.id).sort((a, b) => a - b);
		expect(order).toEqual([...ids, ...ids]);
	});

	it('tickets filed at the same time fill every member up to capacity, never beyond, once each', async () => {
		const { categoryId, members } = await desk(3, 2);
		const created = await Promise.all(Array.from({ length: 20 }, (_, i) => file(categoryId, i)));
		expect(new Set(created.map((c) => c.id)).size).toBe(20);
		const assigned = created.filter((c) => c.assigneeId !== null);
		// Three members with room for two each: six assigned, two each, the rest wait unassigned.
		expect(assigned).toHaveLength(6);
		for (const member of members) {
			expect(assigned.filter((c) => c.assigneeId === member.id)).toHaveLength(2);
		}
		for (const ticket of created) {
			const events = await assignedEvents(ticket.id);
			if (ticket.assigneeId === null) {
				expect(ticket.status).toBe('new');
				expect(events).toEqual([]);
			} else {
				expect(ticket.status).toBe('open');
				expect(events).toEqual([{ assignee_id: ticket.assigneeId }]);
			}
		}
		const [stored] = await t.ctx.db.sql<{ n: number }[]>`
			select count(*)::int as n from tickets where id = any(${created.map((c) => c.id)}::int[])
				and assignee_id is not null and status = 'open'`;
		expect(stored.n).toBe(6);
	});

	it('when every free member is locked by another new ticket, waits for one instead of skipping assignment', async () => {
		// One member: every concurrent creation but one finds it locked and must wait for it, then
		// count again (the holder just added a ticket), so capacity holds exactly.
		const roomy = await desk(1, 10);
		const many = await Promise.all(Array.from({ length: 8 }, (_, i) => file(roomy.categoryId, i)));
		expect(many.every((c) => c.assigneeId === roomy.members[0].id)).toBe(true);
		const tight = await desk(1, 3);
		const few = await Promise.all(Array.from({ length: 8 }, (_, i) => file(tight.categoryId, i)));
		expect(few.filter((c) => c.assigneeId === tight.members[0].id)).toHaveLength(3);
		expect(few.filter((c) => c.assigneeId === null)).toHaveLength(5);
	});

	it('tickets filed at the same time share transactions, each with its own clocks, mail and events', async () => {
		const { categoryId } = await desk(2, 50);
		const created = await Promise.all(Array.from({ length: 24 }, (_, i) => file(categoryId, i)));
		const ids = created.map((c) => c.id);
		expect(new Set(ids).size).toBe(24);
		// `xmin` is the transaction that wrote a row: fewer transactions than tickets.
		const [tx] = await t.ctx.db.sql<{ n: number }[]>`
			select count(distinct xmin::text)::int as n from tickets where id = any(${ids}::int[])`;
		expect(tx.n).toBeLessThan(24);
		const counts = await t.ctx.db.sql<
			{ id: number; clocks: number; mails: number; events: number }[]
		>`
			select t.id,
				(select count(*)::int from sla_clocks c where c.ticket_id = t.id) as clocks,
				(select count(*)::int from outbox o where o.ticket_id = t.id) as mails,
				(select count(*)::int from events e where e.topic = 'ticket:' || t.id) as events
			from tickets t where t.id = any(${ids}::int[]) order by t.id`;
		for (const row of counts) {
			expect(row).toEqual({ id: row.id, clocks: 2, mails: 1, events: 2 }); // created, assigned
		}
		for (const ticket of created) expect(ticket.title).toMatch(/^Outage report \d+$/);
	});

	it('one ticket that cannot be written fails alone; those filed with it are written', async () => {
		const { categoryId } = await desk(1, 50);
		const [inactive] = await t.ctx.db.sql<{ id: number }[]>`
			insert into categories (key, name_en, name_de, group_id, active)
			select 'intake-closed', 'Closed', 'Geschlossen', group_id, false
			from categories where id = ${categoryId} returning id`;
		// A requester deleted between sign-in and filing: the insert breaks a foreign key, and the
		// shared transaction with it.
		const gone: SessionUser = { ...requester, id: 2_000_000_000 };
		const results = await Promise.allSettled([
			...Array.from({ length: 5 }, (_, i) => file(categoryId, i)),
			createTicket(t.ctx.db, gone, {
				title: 'From nowhere',
				body: 'x',
				categoryId,
				urgency: 2,
				impact: 2
			}),
			createTicket(t.ctx.db, requester, {
				title: 'Closed area',
				body: 'x',
				categoryId: inactive.id,
				urgency: 2,
				impact: 2
			}),
			...Array.from({ length: 5 }, (_, i) => file(categoryId, 5 + i))
		]);
		expect(results.map((r) => r.status)).toEqual([
			...Array(5).fill('fulfilled'),
			'rejected',
			'rejected',
			...Array(5).fill('fulfilled')
		]);
		expect((results[6] as PromiseRejectedResult).reason).toMatchObject({
			status: 422,
			fields: { categoryId: expect.any(String) }
		});
		const [stored] = await t.ctx.db.sql<{ n: number; lost: number }[]>`
			select count(*) filter (where category_id = ${categoryId})::int as n,
				count(*) filter (where title in ('From nowhere', 'Closed area'))::int as lost
			from tickets`;
		expect(stored).toEqual({ n: 10, lost: 0 });
	});

	it('POST /api/tickets answers with exactly what GET /api/tickets/{number} then shows', async () => {
		const { categoryId, members } = await desk(1, 1);
		const agent = members[0];
		for (const [viewer, locale] of [
			[requester, 'de'],
			[requester, 'en'],
			[agent, 'en']
		] as const) {
			const token = (await createApiToken(t.ctx.db.sql, viewer.id, 'intake test')).token;
			const headers = { 'accept-language': locale };
			// The first ticket is assigned (the desk has room for one), the next ones are not.
			for (let i = 0; i < 2; i++) {
				const posted = await send(ticketsRoute.POST as Route, {
					method: 'POST',
					path: '/api/tickets',
					token,
					headers,
					json: { title: `Printer ${i}`, body: 'Jammed.', categoryId, urgency: 1, impact: 2 }
				});
				expect(posted.status).toBe(201);
				const detail = posted.body as TicketDetail;
				const read = await send(ticketRoute.GET as Route, {
					path: `/api/tickets/${detail.number}`,
					params: { number: String(detail.number) },
					token,
					headers
				});
				expect(read.status).toBe(200);
				expect(detail).toEqual(read.body);
				expect(detail.clocks).toHaveLength(2);
				expect(detail.nextDueAt).not.toBeNull();
				expect(detail.category.name).toBe(locale === 'de' ? `Eingang ${desks}` : `Intake ${desks}`);
			}
		}
		const [first] = await t.ctx.db.sql<{ assignee_id: number | null }[]>`
			select assignee_id from tickets where category_id = ${categoryId} order by id limit 1`;
		expect(first.assignee_id).toBe(agent.id);
	});
});
