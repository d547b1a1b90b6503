// The desk's read model and queues: what the desk loads equals what plain SQL over the clocks
// and tickets says, and every ticket change is published to the queues it left and joined.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadQueue, parseQueueQuery } from '../../src/lib/server/desk/queue';
import { eventsAfter } from '../../src/lib/server/events/db';
import { seedDemoTickets } from '../../src/lib/server/seed/tickets';
import { getCategoryByKey } from '../../src/lib/server/tickets/db';
import { createTicket, moveTicket, updateTicket } from '../../src/lib/server/tickets/service';
import { getUserByEmail, toSessionUser } from '../../src/lib/server/users/db';
import { createUser } from '../../src/lib/server/users/service';
import type { EventPayloads } from '../../src/lib/realtime/catalogue';
import { DESK_QUEUES, type DeskQueue } from '../../src/lib/types/desk';
import type { SessionUser } from '../../src/lib/types/user';
import { DB_KIND, startTestApp, type TestApp } from './harness';

let t: TestApp;
const who: Record<'l1' | 'lead' | 'user' | 'admin', SessionUser> = {} as never;
let twoGroups: SessionUser;

beforeAll(async () => {
	t = await startTestApp({ demo: true });
	for (const [key, email] of [
		['l1', 'l1@example.com'],
		['lead', 'lead@example.com'],
		['user', 'user@example.com'],
		['admin', 'admin@example.com']
	] as const) {
		who[key] = await toSessionUser(t.ctx.db.sql, (await getUserByEmail(t.ctx.db.sql, email))!);
	}
	await seedDemoTickets(t.ctx.db, { count: 120 });
	// An agent in two groups, for the "my groups" queue over several groups.
	const created = await createUser(
		t.ctx.db,
		{
			email: 'two@example.com',
			name: 'Tova Two',
			role: 'agent',
			password: 'long-enough-pw',
			group: 'Service Desk'
		},
		who.admin.id
	);
	const [network] = await t.ctx.db.sql<
		{ id: number }[]
	>`select id from groups where name = 'Network'`;
	await t.ctx.db
		.sql`insert into group_members (group_id, user_id) values (${network.id}, ${created.id})`;
	twoGroups = await toSessionUser(
		t.ctx.db.sql,
		(await getUserByEmail(t.ctx.db.sql, 'two@example.com'))!
	);
}, 300_000);
afterAll(() => t?.stop());

/** A queue's condition in plain SQL, straight from the clocks (not the read model). */
function conditionOf(queue: DeskQueue, me: SessionUser): string {
	const open = (column: string) =>
		`exists (select 1 from sla_clocks k where k.ticket_id = t.id and k.${column} is not null and k.fulfilled_at is null)`;
	const condition: Record<DeskQueue, string> = {
		mine: `t.assignee_id = ${me.id}`,
		groups: `t.group_id = any('{${me.groups.map((g) => g.id).join(',')}}'::int[])`,
		l1: 't.level = 1',
		l2: 't.level = 2',
		l3: 't.level = 3',
		unassigned: 't.assignee_id is null',
		at_risk: `${open('warned_at')} and not ${open('breached_at')}`,
		breached: open('breached_at')
	};
	return `t.status in ('new', 'open', 'pending', 'on_hold') and ${condition[queue]}`;
}

async function expectedRows(queue: DeskQueue, me: SessionUser): Promise<number[]> {
	const rows = await t.ctx.db.sql.unsafe<{ id: number }[]>(`
		select t.id from tickets t
		cross join lateral (
			select min(k.due_at) filter (where k.fulfilled_at is null and k.running_since is not null) as due
			from sla_clocks k where k.ticket_id = t.id
		) s
		where ${conditionOf(queue, me)}
		order by s.due nulls last, t.priority, t.id
		limit 100`);
	return rows.map((r) => r.id);
}

async function expectedCount(queue: DeskQueue, me: SessionUser): Promise<number> {
	const [{ n }] = await t.ctx.db.sql.unsafe<{ n: number }[]>(
		`select count(*)::int as n from tickets t where ${conditionOf(queue, me)}`
	);
	return n;
}

describe(`desk queues on ${DB_KIND}`, () => {
	it('keeps each ticket’s SLA read model equal to its clocks', async () => {
		const differing = await t.ctx.db.sql`
			select t.id from tickets t
			join lateral (
				select min(k.due_at) filter (where k.fulfilled_at is null and k.running_since is not null) as due,
					case
						when bool_or(k.breached_at is not null and k.fulfilled_at is null) then 'breached'
						when bool_or(k.warned_at is not null and k.fulfilled_at is null) then 'warning'
						when bool_and(k.running_since is null) then 'paused'
						else 'ok'
					end as state
				from sla_clocks k where k.ticket_id = t.id
			) s on true
			where t.sla_due_at is distinct from s.due or t.sla_state is distinct from s.state`;
		expect(differing).toEqual([]);
		const [{ n }] = await t.ctx.db.sql<{ n: number }[]>`select count(*)::int as n from tickets`;
		expect(n).toBeGreaterThanOrEqual(120);
	});

	it.each([['l1'], ['lead'], ['twoGroups']] as const)(
		'every queue of %s shows the rows plain SQL finds, in SLA order, with matching counts',
		async (name) => {
			const me = name === 'twoGroups' ? twoGroups : who[name];
			for (const queue of DESK_QUEUES) {
				const data = await loadQueue(
					t.ctx.db,
					me,
					parseQueueQuery(new URLSearchParams({ queue }), me),
					'en'
				);
				expect(
					data.tickets.map((r) => r.number),
					`${name} ${queue}`
				).toEqual(await expectedRows(queue, me));
				expect(data.counts[queue], `${name} ${queue} count`).toBe(await expectedCount(queue, me));
			}
		}
	);

	it('publishes a change to desk and to the queues the ticket left and joined', async () => {
		const categoryId = (await getCategoryByKey(t.ctx.db.sql, 'network'))!;
		const created = await createTicket(t.ctx.db, who.user, {
			title: 'Queue topics',
			body: 'Where does this go?',
			categoryId,
			urgency: 2,
			impact: 2
		});
		const [from] = await t.ctx.db.sql<{ id: number }[]>`select max(id)::int as id from events`;
		await moveTicket(t.ctx.db, who.l1, created.id, 'escalate', { level: 2, reason: 'Network' });
		const events = await eventsAfter(t.ctx.db.sql, ['desk'], from.id, 10);
		expect(events.map((e) => e.type)).toEqual(['queue.ticket']);
		const [e] = events;
		const payload = e.payload as unknown as EventPayloads['queue.ticket'];
		expect(e.audience).toBe('agents');
		expect(payload.previous).toMatchObject({ level: 1, groupId: created.groupId });
		expect(payload.ticket).toMatchObject({ number: created.id, level: 2 });
		expect(e.topics).toEqual(
			expect.arrayContaining([
				'desk',
				`ticket:${created.id}`,
				'queue:level-1',
				'queue:level-2',
				`queue:group-${created.groupId}`,
				`queue:group-${payload.ticket.group.id}`
			])
		);
		// A closed ticket leaves every queue: its summary says so.
		const moved = payload.ticket;
		const resolved = await updateTicket(t.ctx.db, who.admin, created.id, {
			version: moved.version,
			status: 'resolved'
		});
		const [last] = (await eventsAfter(t.ctx.db.sql, ['desk'], e.id, 10)).slice(-1);
		expect((last.payload as unknown as EventPayloads['queue.ticket']).ticket).toMatchObject({
			status: 'resolved',
			slaState: 'done',
			version: resolved.version
		});
	});
});
