// Desk queues at scale: `npm run bench:desk -- --tickets 200000`.
// Fills the PostgreSQL database named by DATABASE_URL with a realistic history (tickets over a
// year, a third of them still open, SLA clocks, events, requesters and agents) through a bulk
// load that keeps every read model right (the SLA read model is kept by the database's own
// trigger), leaves it in place so the app can be started on it, and measures one desk queue
// page's data — each queue in SLA order (first 100 + 1), its tab counts and the stream position,
// exactly what `/desk` loads — p50/p95/max per queue. Prints figures; asserts nothing.
// Run it with the app stopped (it writes events with their stream positions itself).
import { parseArgs } from 'node:util';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { migrate } from '../../src/lib/server/db/migrate';
import { loadQueue, parseQueueQuery } from '../../src/lib/server/desk/queue';
import { queueCounts } from '../../src/lib/server/desk/db';
import { ensureDefaults, DEFAULT_TARGETS } from '../../src/lib/server/seed/defaults';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { getUserByEmail, toSessionUser } from '../../src/lib/server/users/db';
import { DESK_QUEUES } from '../../src/lib/types/desk';
import { percentiles } from './support';

process.env.LEITSTAND_SILENT ??= '1';
const { values } = parseArgs({
	options: {
		tickets: { type: 'string', default: '200000' },
		runs: { type: 'string', default: '40' },
		'skip-fill': { type: 'boolean', default: false }
	}
});
const target = Number(values.tickets);
const runs = Number(values.runs);
const url = process.env.DATABASE_URL;
if (!url) {
	console.error('bench:desk fills and measures a PostgreSQL database: set DATABASE_URL.');
	process.exit(1);
}

const DAY = 86_400_000;
const CHUNK = 3000;
/** Multi-row inserts stay under PostgreSQL's 65,535 parameters per statement. */
const perInsert = (row: object) => Math.floor(60_000 / Object.keys(row).length);
// Seeded pseudo-random numbers: the same history on every run.
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
const pickOne = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
const weighted = <T>(pairs: Array<[T, number]>): T => {
	let r = random();
	for (const [value, weight] of pairs) if ((r -= weight) < 0) return value;
	return pairs[pairs.length - 1][0];
};

const TITLES = [
	'VPN drops every few minutes',
	'Drucker im 3. OG druckt nicht',
	'Password reset for SAP',
	'Outlook startet nicht',
	'New laptop for onboarding',
	'WLAN im Besprechungsraum langsam',
	'Access to the finance share',
	'Monitor flackert',
	'Teams calls without sound',
	'Lizenz für Visio benötigt'
];

async function people(db: Database) {
	const sql = db.sql;
	const [{ n }] = await sql<
		{ n: number }[]
	>`select count(*)::int as n from users where role = 'requester'`;
	if (n < 2000) {
		const rows = Array.from({ length: 2000 - n }, (_, i) => ({
			email: `bench-requester-${n + i}@example.com`,
			name: `Requester ${n + i}`,
			role: 'requester'
		}));
		for (let i = 0; i < rows.length; i += CHUNK) {
			await sql`insert into users ${sql(rows.slice(i, i + CHUNK), 'email', 'name', 'role')}`;
		}
	}
	const groups = await sql<
		{ id: number; level: number }[]
	>`select id, level from groups order by id`;
	for (const g of groups) {
		const [{ members }] = await sql<{ members: number }[]>`
			select count(*)::int as members from group_members m join users u on u.id = m.user_id
			where m.group_id = ${g.id} and u.role = 'agent'`;
		for (let i = members; i < 8; i++) {
			const [u] = await sql<{ id: number }[]>`
				insert into users (email, name, role) values (${`bench-agent-${g.id}-${i}@example.com`},
					${`Agent ${g.id}-${i}`}, 'agent') returning id`;
			await sql`insert into group_members (group_id, user_id) values (${g.id}, ${u.id})`;
		}
	}
	const requesters = (
		await sql<{ id: number }[]>`select id from users where role = 'requester'`
	).map((r) => r.id);
	const agents = new Map<number, number[]>();
	for (const g of groups) {
		agents.set(
			g.id,
			(
				await sql<{ id: number }[]>`
					select u.id from group_members m join users u on u.id = m.user_id
					where m.group_id = ${g.id} and u.role = 'agent'`
			).map((r) => r.id)
		);
	}
	const byLevel = (level: number) => groups.filter((g) => g.level === level).map((g) => g.id);
	return { requesters, agents, levels: [byLevel(1), byLevel(2), byLevel(3)] };
}

async function fill(db: Database, count: number) {
	const sql = db.sql;
	const [{ existing }] = await sql<
		{ existing: number }[]
	>`select count(*)::int as existing from tickets`;
	if (existing >= count) return console.log(`  ${existing} tickets already there: no fill`);
	const { requesters, agents, levels } = await people(db);
	const categories = (await sql<{ id: number }[]>`select id from categories`).map((c) => c.id);
	const [policy] = await sql<{ id: number }[]>`select id from sla_policies where is_default`;
	const calendars = new Map(
		(
			await sql<{ priority: number; calendar_id: number }[]>`
			select priority, calendar_id from sla_targets where policy_id = ${policy.id}`
		).map((r) => [r.priority, r.calendar_id])
	);
	const now = Date.now();
	const started = performance.now();
	for (let done = existing; done < count; done += CHUNK) {
		const n = Math.min(CHUNK, count - done);
		const tickets = Array.from({ length: n }, () => {
			const active = random() < 0.31;
			const age = active ? random() ** 2 * 30 * DAY : random() * 365 * DAY;
			const created = new Date(now - age);
			const level = weighted<1 | 2 | 3>([
				[1, 0.6],
				[2, 0.3],
				[3, 0.1]
			]);
			const groupId = pickOne(levels[level - 1]);
			const priority = weighted<1 | 2 | 3 | 4>([
				[1, 0.03],
				[2, 0.15],
				[3, 0.5],
				[4, 0.32]
			]);
			const status = active
				? weighted([
						['new', 0.15],
						['open', 0.55],
						['pending', 0.2],
						['on_hold', 0.1]
					] as Array<[string, number]>)
				: weighted([
						['resolved', 0.1],
						['closed', 0.9]
					] as Array<[string, number]>);
			const assigned = status !== 'new' && (!active || random() < 0.7);
			const firstResponse =
				status === 'new' ? null : new Date(created.getTime() + random() * 4 * 3600_000);
			const resolved = active ? null : new Date(created.getTime() + (0.5 + random() * 6) * DAY);
			return {
				requester_id: pickOne(requesters),
				title: `${pickOne(TITLES)} (${done})`,
				body: 'Seit heute Morgen geht es nicht mehr. Since this morning it does not work.',
				category_id: pickOne(categories),
				urgency: 2,
				impact: 2,
				priority,
				status,
				level,
				group_id: groupId,
				assignee_id: assigned ? pickOne(agents.get(groupId) ?? [null]) : null,
				sla_policy_id: policy.id,
				created_at: created,
				updated_at: resolved ?? firstResponse ?? created,
				first_responded_at: firstResponse,
				resolved_at: resolved,
				closed_at: status === 'closed' ? new Date(resolved!.getTime() + 7 * DAY) : null
			};
		});
		await sql.begin(async (tx) => {
			const ids = await tx<{ id: number }[]>`insert into tickets ${tx(tickets)} returning id`;
			const clocks = ids.flatMap(({ id }, i) => {
				const t = tickets[i];
				const [, frMin, resMin] = DEFAULT_TARGETS[t.priority - 1];
				const active = !t.resolved_at;
				const paused = t.status === 'pending' || t.status === 'on_hold';
				const clock = (metric: string, minutes: number, done: Date | null) => {
					// Open work is due around now: some breached, some at risk, most fine.
					const due =
						active && !done
							? new Date(now + (random() * 5 - 1) * DAY)
							: new Date(t.created_at.getTime() + minutes * 60_000);
					const breached = (done ?? new Date(now)) > due ? due : null;
					const warned =
						breached ??
						(active && !done && due.getTime() - now < minutes * 12_000
							? new Date(now - 60_000)
							: null);
					return {
						ticket_id: id,
						metric,
						state: done
							? 'fulfilled'
							: breached
								? 'breached'
								: paused && metric === 'resolution'
									? 'paused'
									: 'active',
						target_minutes: minutes,
						warn_minutes: minutes * 0.8,
						calendar_id: calendars.get(t.priority),
						elapsed_minutes: minutes / 2,
						running_since: done || (paused && metric === 'resolution') ? null : t.created_at,
						due_at: due,
						warned_at: warned,
						breached_at: breached,
						fulfilled_at: done,
						next_check_at: done ? null : warned ? due : new Date(due.getTime() - minutes * 12_000)
					};
				};
				return [
					clock('first_response', frMin, t.first_responded_at),
					clock('resolution', resMin, t.resolved_at)
				];
			});
			for (let i = 0; i < clocks.length; i += perInsert(clocks[0])) {
				await tx`insert into sla_clocks ${tx(clocks.slice(i, i + perInsert(clocks[0])))}`;
			}
			// History: created, assigned, escalated (levels 2–3), resolved, closed.
			await tx`select pg_advisory_xact_lock(7412003)`; // the publisher's lock: positions in turn
			const [{ base }] = await tx<
				{ base: number }[]
			>`select coalesce(max(position), 0)::bigint as base from events`;
			let position = Number(base);
			const events = ids.flatMap(({ id }, i) => {
				const t = tickets[i];
				const topic = `ticket:${id}`;
				const audience = `requester:${t.requester_id}`;
				const at = (d: Date) => d;
				const list = [
					{
						type: 'ticket.created',
						at: at(t.created_at),
						payload: {
							number: id,
							title: t.title,
							priority: t.priority,
							level: 1,
							groupId: levels[0][0],
							group: '',
							categoryId: t.category_id
						}
					}
				];
				if (t.level > 1) {
					list.push({
						type: 'ticket.escalated',
						at: new Date(t.created_at.getTime() + 3600_000),
						payload: {
							number: id,
							fromLevel: 1,
							toLevel: t.level,
							fromGroup: null,
							toGroup: '',
							toGroupId: t.group_id,
							automatic: false
						} as never
					});
				}
				if (t.assignee_id) {
					list.push({
						type: 'ticket.assigned',
						at: t.first_responded_at ?? t.created_at,
						payload: {
							number: id,
							from: null,
							assigneeId: t.assignee_id,
							assignee: { id: t.assignee_id, name: '' },
							automatic: false
						} as never
					});
				}
				if (t.resolved_at) {
					list.push({
						type: 'ticket.status_changed',
						at: t.resolved_at,
						payload: { number: id, from: 'open', to: 'resolved' } as never
					});
				}
				return list.map((e) => ({
					topic,
					topics: [topic],
					type: e.type,
					audience,
					payload: e.payload,
					created_at: e.at,
					position: ++position
				}));
			});
			for (let i = 0; i < events.length; i += perInsert(events[0])) {
				const slice = events.slice(i, i + perInsert(events[0]));
				await tx`insert into events ${tx(slice, 'topic', 'topics', 'type', 'audience', 'payload', 'created_at', 'position')}`;
			}
		});
		const total = done + n;
		if (total % 20_000 < CHUNK || total === count) {
			console.log(`  ${total} tickets (${((performance.now() - started) / 1000).toFixed(0)} s)`);
		}
	}
	await sql`analyze`;
}

async function measure(db: Database) {
	const l1 = (await getUserByEmail(db.sql, 'l1@example.com'))!;
	const me = await toSessionUser(db.sql, l1);
	const [{ total, open }] = await db.sql<{ total: number; open: number }[]>`
		select count(*)::int as total,
			count(*) filter (where status in ('new', 'open', 'pending', 'on_hold'))::int as open
		from tickets`;
	console.log(
		`\nQueue page data of ${me.name} (${me.groups.map((g) => g.name).join(', ')}), ${total} tickets, ${open} open, ${runs} runs each:`
	);
	console.log('  queue        rows   p50 ms   p95 ms   max ms');
	const all: number[] = [];
	for (const queue of DESK_QUEUES) {
		const query = parseQueueQuery(new URLSearchParams({ queue }), me);
		for (let i = 0; i < 3; i++) await loadQueue(db, me, query, 'en'); // warm up
		const samples: number[] = [];
		let rows = 0;
		for (let i = 0; i < runs; i++) {
			const started = performance.now();
			const data = await loadQueue(db, me, query, 'en');
			samples.push(performance.now() - started);
			rows = data.tickets.length;
		}
		all.push(...samples);
		const s = percentiles(samples);
		console.log(
			`  ${queue.padEnd(11)} ${String(rows).padStart(5)} ${s.p50.toFixed(1).padStart(8)} ${s.p95.toFixed(1).padStart(8)} ${s.max.toFixed(1).padStart(8)}`
		);
	}
	const counts: number[] = [];
	for (let i = 0; i < runs; i++) {
		const started = performance.now();
		await queueCounts(
			db.sql,
			me.id,
			me.groups.map((g) => g.id)
		);
		counts.push(performance.now() - started);
	}
	const c = percentiles(counts);
	const a = percentiles(all);
	console.log(
		`  of which the tab counts alone: p50 ${c.p50.toFixed(1)} ms, p95 ${c.p95.toFixed(1)} ms`
	);
	console.log(
		`\nAll queues: p50 ${a.p50.toFixed(1)} ms, p95 ${a.p95.toFixed(1)} ms (target p95 ≤ 50 ms)`
	);
}

const db = await openDatabase({ databaseUrl: url, dataDir: '', poolMax: 4 });
try {
	console.log(
		`bench:desk on ${url.replace(/\/\/[^@]*@/, '//…@')} — ${cpus().length} cores, load ${loadavg()[0].toFixed(2)}`
	);
	await migrate(db.sql, join(process.cwd(), 'sql'));
	await ensureDefaults(db);
	await seedDemo(db);
	if (!values['skip-fill']) {
		console.log(`Filling to ${target} tickets…`);
		await fill(db, target);
	}
	await measure(db);
	console.log('\nThe database stays as it is: start the app on it with DATABASE_URL=… npm start.');
} finally {
	await db.close();
}
