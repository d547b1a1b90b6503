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
