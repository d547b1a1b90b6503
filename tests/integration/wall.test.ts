// The wall: every figure of a snapshot against a plain SQL query written here (not the dashboard's
// own queries), wall and kiosk-token management, and a kiosk socket that reads its wall and
// nothing else.
import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/lib/server/errors';
import { computeWallSnapshot } from '../../src/lib/server/dashboard/service';
import { latestPosition } from '../../src/lib/server/events/db';
import { seedDemoTickets } from '../../src/lib/server/seed/tickets';
import {
	addComment,
	createTicket,
	moveTicket,
	updateTicket
} from '../../src/lib/server/tickets/service';
import { getUserByEmail, toSessionUser } from '../../src/lib/server/users/db';
import * as walls from '../../src/lib/server/walls/db';
import * as service from '../../src/lib/server/walls/service';
import type { Ack, SubscribeResult } from '../../src/lib/realtime/events';
import type { LeitstandEvent } from '../../src/lib/types/events';
import type { SessionUser } from '../../src/lib/types/user';
import type { WallGroup, WallSnapshot } from '../../src/lib/types/wall';
import {
	connected,
	DB_KIND,
	startSocketServer,
	startTestApp,
	type TestApp,
	type TestClientSocket,
	type TestSocketServer
} from './harness';

let t: TestApp;
let server: TestSocketServer;
let admin: SessionUser;
let lead: SessionUser;
let agent: SessionUser;
let requester: SessionUser;
/** Tickets created, answered, escalated and resolved in this test: today is never empty. */
const mine: number[] = [];

const sql = () => t.ctx.db.sql;

async function user(email: string): Promise<SessionUser> {
	const record = (await getUserByEmail(sql(), email))!;
	return toSessionUser(sql(), record);
}

/** Wait until the publisher has given every committed event its position. */
async function settled(): Promise<number> {
	await expect
		.poll(async () => (await sql()`select 1 from events where position is null`).length, {
			timeout: 10_000
		})
		.toBe(0);
	await t.ctx.fanout.pull();
	return latestPosition(sql());
}

beforeAll(async () => {
	t = await startTestApp({ demo: true });
	await seedDemoTickets(t.ctx.db, { count: 150 });
	[admin, lead, agent, requester] = await Promise.all([
		user('admin@example.com'),
		user('lead@example.com'),
		user('l1@example.com'),
		user('user@example.com')
	]);
	const [category] = await sql()<{ id: number }[]>`select id from categories order by id limit 1`;
	const [network] = await sql()<{ id: number }[]>`select id from groups where name = 'Network'`;
	for (const title of ['Wall: printer jams', 'Wall: VPN drops', 'Wall: new laptop']) {
		const ticket = await createTicket(t.ctx.db, requester, {
			title,
			body: 'Created by the wall test.',
			categoryId: category.id,
			urgency: 1,
			impact: 2
		});
		mine.push(ticket.id);
	}
	await addComment(t.ctx.db, agent, mine[0], { body: 'We are on it.' });
	await moveTicket(t.ctx.db, agent, mine[1], 'escalate', {
		groupId: network.id,
		reason: 'Needs the network team.'
	});
	const [resolvable] = await sql()<{ version: number }[]>`
		select version from tickets where id = ${mine[2]}`;
	await updateTicket(t.ctx.db, agent, mine[2], { version: resolvable.version, status: 'resolved' });
	server = await startSocketServer(t.ctx);
}, 300_000);

afterAll(async () => {
	await server?.close();
	await t?.stop();
});

// ───────────────────────── figures, computed independently ─────────────────────────

const ACTIVE = ['new', 'open', 'pending', 'on_hold'];

interface Expected {
	groups: Array<Omit<WallGroup, 'area'>>;
	today: WallSnapshot['today'];
	sla14: WallSnapshot['sla14'];
	charts: WallSnapshot['charts'];
	ticker: Array<{ position: number; type: string; number: number; detail: string | null }>;
	timeZone: string;
	day: string;
}

/** Every figure of the wall showing `groupIds`, by plain queries and luxon, as of `now`. */
async function expectedFigures(groupIds: number[], now: Date, position: number): Promise<Expected> {
	const db = sql();
	const all = groupIds.length === 0;
	const [{ zone }] = await db<{ zone: string }[]>`
		select value #>> '{}' as zone from settings where key = 'time_zone'`;
	const midnight = DateTime.fromJSDate(now).setZone(zone).startOf('day');
	const dayStart = midnight.toJSDate();

	const groups = await db<
		Array<Omit<WallGroup, 'area' | 'oldestWaitingSince'> & { oldest: Date | null }>
	>`
		select g.id, g.name, g.level,
			(select count(*)::int from tickets t
				where t.group_id = g.id and t.status = any(${ACTIVE})) as open,
			(select count(*)::int from tickets t
				where t.group_id = g.id and t.status = any(${ACTIVE}) and t.assignee_id is null) as unassigned,
			(select min(t.created_at) from tickets t
				where t.group_id = g.id and t.status in ('new', 'open')) as oldest,
			(select count(*)::int from tickets t
				where t.group_id = g.id and t.status = any(${ACTIVE}) and t.sla_state = 'warning') as "atRisk",
			(select count(*)::int from sla_clocks k join tickets t on t.id = k.ticket_id
				where t.group_id = g.id and k.breached_at >= ${dayStart}) as "breachedToday",
			(select count(*)::int from events e
				where e.type = 'ticket.escalated' and e.created_at >= ${dayStart}
					and e.payload ->> 'toGroupId' = g.id::text) as "escalationsToday"
		from groups g
		where ${all} or g.id = any(${groupIds}::int[])
		order by g.id`;

	const scoped = (alias = 't') =>
		all ? db`true` : db`${db(alias + '.group_id')} = any(${groupIds}::int[])`;
	const count = async (where: ReturnType<typeof db>) =>
		(
			await db<
				{ n: number }[]
			>`select count(*)::int as n from tickets t where ${where} and ${scoped()}`
		)[0].n;

	const created = await count(db`t.created_at >= ${dayStart}`);
	const resolved = await count(db`t.resolved_at >= ${dayStart}`);
	const waits = (
		await db<{ minutes: number }[]>`
			select extract(epoch from t.first_responded_at - t.created_at)::float8 / 60 as minutes
			from tickets t where t.first_responded_at >= ${dayStart} and ${scoped()}
			order by 1`
	).map((r) => r.minutes);
	const mid = Math.floor(waits.length / 2);
	const median =
		waits.length === 0 ? null : waits.length % 2 ? waits[mid] : (waits[mid - 1] + waits[mid]) / 2;

	// SLA outcomes: each clock on the local day it breached, or was fulfilled without a breach.
	const clocks = await db<{ breached_at: Date | null; fulfilled_at: Date | null }[]>`
		select k.breached_at, k.fulfilled_at from sla_clocks k join tickets t on t.id = k.ticket_id
		where (k.breached_at is not null or k.fulfilled_at is not null) and ${scoped()}`;
	const days = Array.from({ length: 14 }, (_, i) => midnight.minus({ days: 13 - i }).toISODate()!);
	const slaPerDay = days.map((day) => ({ day, met: 0, total: 0 }));
	for (const c of clocks) {
		const at = c.breached_at ?? c.fulfilled_at!;
		const entry = slaPerDay.find(
			(d) => d.day === DateTime.fromJSDate(at).setZone(zone).toISODate()
		);
		if (!entry) continue;
		entry.total++;
		if (!c.breached_at) entry.met++;
	}
	const todaySla = slaPerDay[13];

	// Hours of today so far; the backlog at each hour's end (the current hour ends now).
	const hours: Date[] = [];
	for (let h = midnight; h.toJSDate() <= now; h = h.plus({ hours: 1 })) hours.push(h.toJSDate());
	const createdPerHour: number[] = [];
	const resolvedPerHour: number[] = [];
	const backlogPerHour: Record<1 | 2 | 3, number[]> = { 1: [], 2: [], 3: [] };
	for (const h of hours) {
		const next = new Date(h.getTime() + 3600_000);
		const end = next < now ? next : now;
		createdPerHour.push(await count(db`t.created_at >= ${h} and t.created_at < ${next}`));
		resolvedPerHour.push(await count(db`t.resolved_at >= ${h} and t.resolved_at < ${next}`));
		const open = await db<{ level: 1 | 2 | 3; n: number }[]>`
			select t.level, count(*)::int as n from tickets t
			where t.created_at <= ${end}
				and (t.status = any(${ACTIVE}) or least(t.resolved_at, t.closed_at) > ${end})
				and ${scoped()}
			group by t.level`;
		for (const level of [1, 2, 3] as const) {
			backlogPerHour[level].push(open.find((o) => o.level === level)?.n ?? 0);
		}
	}

	const ticker = await db<Expected['ticker']>`
		select e.position, e.type, t.id as number,
			case e.type
				when 'ticket.escalated' then e.payload ->> 'toLevel'
				when 'sla.breached' then e.payload ->> 'metric'
				when 'ticket.status_changed' then e.payload ->> 'to'
			end as detail
		from events e join tickets t on t.id = (e.payload ->> 'number')::int
		where (e.type in ('ticket.created', 'ticket.escalated', 'sla.breached')
				or (e.type = 'ticket.status_changed' and e.payload ->> 'to' = 'resolved'))
			and e.position <= ${position} and ${scoped()}
		order by e.position desc limit 8`;

	return {
		groups: groups.map(({ oldest, ...g }) => ({
			...g,
			oldestWaitingSince: oldest?.toISOString() ?? null
		})),
		today: {
			created,
			resolved,
			medianFirstResponseMinutes: median,
			firstResponses: waits.length,
			sla: { met: todaySla.met, total: todaySla.total }
		},
		sla14: {
			met: slaPerDay.reduce((s, d) => s + d.met, 0),
			total: slaPerDay.reduce((s, d) => s + d.total, 0)
		},
		charts: {
			hours: hours.map((h) => h.toISOString()),
			createdPerHour,
			resolvedPerHour,
			backlogPerHour,
			slaPerDay
		},
		ticker: [...ticker],
		timeZone: zone,
		day: midnight.toISODate()!
	};
}

/** Compare a snapshot with the independent figures, figure by figure. */
async function checkSnapshot(wallId: number, groupIds: number[]): Promise<WallSnapshot> {
	const position = await settled();
	const now = new Date();
	const snapshot = (await computeWallSnapshot(sql(), wallId, now, position))!;
	const want = await expectedFigures(groupIds, now, position);

	expect(snapshot.wallId).toBe(wallId);
	expect(snapshot.at).toBe(now.toISOString());
	expect(snapshot.position).toBe(position);
	expect(snapshot.timeZone).toBe(want.timeZone);
	expect(snapshot.day).toBe(want.day);

	const shown = snapshot.levels.flatMap((l) => l.groups);
	expect(
		shown.map(({ area: _area, ...g }) => g).sort((a, b) => a.id - b.id),
		'per-group figures'
	).toEqual(want.groups);
	for (const level of snapshot.levels) {
		const mineOnly = want.groups.filter((g) => g.level === level.level);
		const sum = (k: 'open' | 'unassigned' | 'atRisk' | 'breachedToday' | 'escalationsToday') =>
			mineOnly.reduce((s, g) => s + g[k], 0);
		const waits = mineOnly
			.map((g) => g.oldestWaitingSince)
			.filter((w) => w !== null)
			.sort();
		expect(level, `level ${level.level}`).toMatchObject({
			open: sum('open'),
			unassigned: sum('unassigned'),
			atRisk: sum('atRisk'),
			breachedToday: sum('breachedToday'),
			escalationsToday: sum('escalationsToday'),
			oldestWaitingSince: waits[0] ?? null
		});
		// Riskiest first: breaches today, then at risk, then the longest wait.
		const order = [...level.groups].sort(
			(a, b) =>
				b.breachedToday - a.breachedToday ||
				b.atRisk - a.atRisk ||
				(a.oldestWaitingSince ?? 'z').localeCompare(b.oldestWaitingSince ?? 'z') ||
				a.name.localeCompare(b.name)
		);
		expect(level.groups.map((g) => g.id)).toEqual(order.map((g) => g.id));
	}
	// Levels with groups on the wall, in order; empty groups are shown.
	expect(snapshot.levels.map((l) => l.level)).toEqual(
		[1, 2, 3].filter((l) => want.groups.some((g) => g.level === l))
	);

	const { medianFirstResponseMinutes: median, ...today } = snapshot.today;
	const { medianFirstResponseMinutes: wantMedian, ...wantToday } = want.today;
	expect(today, 'today').toEqual(wantToday);
	if (wantMedian === null) expect(median).toBeNull();
	else expect(median).toBeCloseTo(wantMedian, 6);
	expect(snapshot.sla14, 'SLA over 14 days').toEqual(want.sla14);
	expect(snapshot.activeIncidents).toBe(0);
	expect(snapshot.charts, 'charts').toEqual(want.charts);
	expect(
		snapshot.ticker.map(({ position, type, number, detail }) => ({
			position,
			type,
			number,
			detail
		})),
		'ticker'
	).toEqual(want.ticker);
	return snapshot;
}

describe(`wall figures on ${DB_KIND}`, () => {
	it('equal plain queries for the wall of every group', async () => {
		const [first] = await walls.listWalls(sql());
		expect(first.groupIds).toEqual([]);
		const snapshot = await checkSnapshot(first.id, []);
		// The seeded fortnight and this test's own tickets make every part of the wall non-trivial.
		expect(snapshot.levels.map((l) => l.level)).toEqual([1, 2, 3]);
		expect(snapshot.levels.reduce((s, l) => s + l.open, 0)).toBeGreaterThan(10);
		expect(snapshot.today.created).toBeGreaterThanOrEqual(3);
		expect(snapshot.today.resolved).toBeGreaterThanOrEqual(1);
		expect(snapshot.today.firstResponses).toBeGreaterThanOrEqual(1);
		expect(snapshot.levels.reduce((s, l) => s + l.escalationsToday, 0)).toBeGreaterThanOrEqual(1);
		expect(snapshot.sla14.total).toBeGreaterThan(20);
		expect(snapshot.sla14.met).toBeLessThan(snapshot.sla14.total); // some breached
		expect(snapshot.charts.slaPerDay).toHaveLength(14);
		expect(snapshot.ticker.length).toBeGreaterThan(0);
		expect(snapshot.ticker.map((i) => i.number)).toContain(mine[2]);
	});

	it('equal plain queries for a wall restricted to level-2 groups', async () => {
		const level2 = await sql()<{ id: number }[]>`select id from groups where level = 2 order by id`;
		const ids = level2.map((g) => g.id);
		expect(ids.length).toBeGreaterThanOrEqual(2);
		const wall = await service.createWall(t.ctx.db, lead, { name: 'Level 2 floor', groupIds: ids });
		const snapshot = await checkSnapshot(wall.id, ids);
		expect(snapshot.levels.map((l) => l.level)).toEqual([2]);
		expect(snapshot.levels[0].groups.map((g) => g.id).sort()).toEqual([...ids].sort());
		expect(snapshot.name).toBe('Level 2 floor');
		expect(snapshot.groupIds).toEqual(ids);
	});

	it('shows a group without tickets, with zeros', async () => {
		const [empty] = await sql()<{ id: number }[]>`
			insert into groups (name, level, area) values ('Wall test: quiet group', 3, 'Quiet')
			returning id`;
		const wall = await service.createWall(t.ctx.db, lead, {
			name: 'Quiet wall',
			groupIds: [empty.id]
		});
		const snapshot = await checkSnapshot(wall.id, [empty.id]);
		expect(snapshot.levels).toHaveLength(1);
		expect(snapshot.levels[0]).toMatchObject({
			level: 3,
			open: 0,
			oldestWaitingSince: null,
			groups: [{ id: empty.id, open: 0, unassigned: 0, atRisk: 0, breachedToday: 0 }]
		});
		expect(snapshot.today).toMatchObject({ created: 0, resolved: 0, firstResponses: 0 });
		expect(snapshot.today.medianFirstResponseMinutes).toBeNull();
		expect(snapshot.ticker).toEqual([]);
	});

	it('is null for a wall that does not exist', async () => {
		expect(await computeWallSnapshot(sql(), 999_999, new Date(), 0)).toBeNull();
	});
});

// ───────────────────────── walls and tokens ─────────────────────────

async function refused(run: () => Promise<unknown>): Promise<DomainError> {
	try {
		await run();
	} catch (error) {
		if (error instanceof DomainError) return error;
		throw error;
	}
	throw new Error('expected the change to be refused');
}

async function wallEvents(after: number) {
	return sql()<
		{ actor_id: number; payload: Record<string, unknown>; audience: string; topic: string }[]
	>`
		select actor_id, payload, audience, topic from events
		where type = 'admin.wall_changed' and id > ${after} order by id`;
}
const lastEventId = async () =>
	(await sql()<{ id: number | null }[]>`select max(id) as id from events`)[0].id ?? 0;

describe(`walls service on ${DB_KIND}`, () => {
	it('lets leads and admins manage walls, records each change, and refuses agents and requesters', async () => {
		const before = await lastEventId();
		const [network] = await sql()<{ id: number }[]>`select id from groups where name = 'Network'`;
		const wall = await service.createWall(t.ctx.db, lead, {
			name: '  Network corner ',
			groupIds: [String(network.id), network.id]
		});
		expect(wall).toMatchObject({ name: 'Network corner', groupIds: [network.id] });
		const renamed = await service.updateWall(t.ctx.db, admin, wall.id, {
			name: 'Network desk',
			groupIds: [network.id]
		});
		expect(renamed).toMatchObject({ name: 'Network desk', groupIds: [network.id] });
		const regrouped = await service.updateWall(t.ctx.db, lead, wall.id, {
			name: 'Network desk',
			groupIds: []
		});
		expect(regrouped.groupIds).toEqual([]);
		// Refused for its groups: nothing at all is written, not even the new name.
		const half = await refused(() =>
			service.updateWall(t.ctx.db, lead, wall.id, { name: 'Renamed?', groupIds: [987_654] })
		);
		expect(half.fields.groupIds).toBeTruthy();
		expect((await walls.getWall(sql(), wall.id))!.name).toBe('Network desk');
		await service.deleteWall(t.ctx.db, lead, wall.id);
		expect(await walls.getWall(sql(), wall.id)).toBeNull();

		const events = await wallEvents(before);
		expect(events.map((e) => e.payload.change)).toEqual([
			'created',
			'updated',
			'updated',
			'deleted'
		]);
		expect(events.every((e) => e.audience === 'admins' && e.topic === 'admin')).toBe(true);
		expect(events.map((e) => e.actor_id)).toEqual([lead.id, admin.id, lead.id, lead.id]);

		for (const who of [agent, requester]) {
			const error = await refused(() => service.createWall(t.ctx.db, who, { name: 'Nope' }));
			expect(error.status).toBe(403);
			const [first] = await walls.listWalls(sql());
			expect(
				(
					await refused(() =>
						service.createWallToken(t.ctx.db, who, { wallId: first.id, name: 'x' })
					)
				).status
			).toBe(403);
		}
		expect(await wallEvents(before)).toHaveLength(4); // refusals write nothing
	});

	it('validates names and groups', async () => {
		const blank = await refused(() => service.createWall(t.ctx.db, lead, { name: '   ' }));
		expect(blank.status).toBe(400);
		expect(blank.fields.name).toBeTruthy();
		const unknown = await refused(() =>
			service.createWall(t.ctx.db, lead, { name: 'Ghosts', groupIds: [987_654] })
		);
		expect(unknown.fields.groupIds).toBeTruthy();
		const notNumbers = await refused(() =>
			service.createWall(t.ctx.db, lead, { name: 'Letters', groupIds: ['abc'] })
		);
		expect(notNumbers.status).toBe(400);
		const taken = await refused(() => service.createWall(t.ctx.db, lead, { name: 'all GROUPS' }));
		expect(taken.fields.name).toBeTruthy();
		const missing = await refused(() => service.updateWall(t.ctx.db, lead, 999_999, { name: 'x' }));
		expect(missing.status).toBe(404);
	});

	it('creates a kiosk token shown once, validates it, lists it without secret, and revokes it', async () => {
		const before = await lastEventId();
		const [first] = await walls.listWalls(sql());
		const created = await service.createWallToken(t.ctx.db, lead, {
			wallId: first.id,
			name: 'TV by the coffee machine'
		});
		expect(created.token).toMatch(/^lsw_[a-z2-7]{30,}$/);
		expect(await walls.validateWallToken(sql(), created.token)).toMatchObject({
			tokenId: created.id,
			wall: { id: first.id }
		});
		expect(await walls.validateWallToken(sql(), created.token + 'x')).toBeNull();
		expect(await walls.validateWallToken(sql(), 'lst_' + created.token.slice(4))).toBeNull();
		const listed = (await walls.listWallTokens(sql())).find((tk) => tk.id === created.id)!;
		expect(listed).toMatchObject({ wallId: first.id, name: 'TV by the coffee machine' });
		expect(listed.lastUsedAt).not.toBeNull();
		expect(created.token.startsWith(listed.prefix)).toBe(true);
		expect(JSON.stringify(listed)).not.toContain(created.token);

		await service.revokeWallToken(t.ctx.db, admin, created.id);
		expect(await walls.validateWallToken(sql(), created.token)).toBeNull();
		expect((await refused(() => service.revokeWallToken(t.ctx.db, lead, created.id))).status).toBe(
			409
		);
		expect((await refused(() => service.revokeWallToken(t.ctx.db, lead, 999_999))).status).toBe(
			404
		);
		expect((await refused(() => service.revokeWallToken(t.ctx.db, agent, created.id))).status).toBe(
			403
		);

		const events = await wallEvents(before);
		expect(events.map((e) => e.payload.change)).toEqual(['token_created', 'token_revoked']);
		expect(JSON.stringify(events)).not.toContain(created.token);
	});
});

// ───────────────────────── a kiosk socket ─────────────────────────

const sockets: TestClientSocket[] = [];
afterEach(() => {
	for (const s of sockets.splice(0)) s.close();
});

interface Screen {
	socket: TestClientSocket;
	walls: WallSnapshot[];
	events: LeitstandEvent[];
}

async function screen(wallToken: string): Promise<Screen> {
	const socket = server.connect({ transport: 'websocket', wallToken });
	sockets.push(socket);
	const s: Screen = { socket, walls: [], events: [] };
	socket.on('wall', (w) => s.walls.push(w));
	socket.on('event', (e) => s.events.push(e));
	await connected(socket);
	return s;
}

const subscribe = (s: Screen, topics: string[], since?: number): Promise<Ack<SubscribeResult>> =>
	s.socket.timeout(5000).emitWithAck('subscribe', { topics, since });

describe(`a kiosk socket on ${DB_KIND}`, () => {
	it('reads its own wall, live, and nothing else', async () => {
		const [first] = await walls.listWalls(sql());
		const other = await service.createWall(t.ctx.db, lead, { name: 'Another wall' });
		const { token } = await service.createWallToken(t.ctx.db, lead, {
			wallId: first.id,
			name: 'Kiosk'
		});
		const kiosk = await screen(token);
		const position = await settled();

		const ack = await subscribe(kiosk, [`wall:${first.id}`], 0);
		expect(ack).toMatchObject({ ok: true, missed: [], reload: false });
		await expect.poll(() => kiosk.walls.length, { timeout: 5000 }).toBeGreaterThan(0);
		expect(kiosk.walls[0]).toMatchObject({ wallId: first.id, name: first.name });
		expect(kiosk.walls[0].position).toBeGreaterThanOrEqual(position);

		for (const topic of [
			'desk',
			`ticket:${mine[0]}`,
			`wall:${other.id}`,
			'queue:level-1',
			'admin'
		]) {
			const refusedAck = await subscribe(kiosk, [topic], 0);
			expect(refusedAck, topic).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		}

		// A change through the app reaches the screen as new figures, never as events.
		const created = kiosk.walls.at(-1)!.today.created;
		const [category] = await sql()<{ id: number }[]>`select id from categories order by id limit 1`;
		const ticket = await createTicket(t.ctx.db, requester, {
			title: 'Wall: screen sees this',
			body: 'A new ticket while a kiosk watches.',
			categoryId: category.id,
			urgency: 2,
			impact: 2
		});
		await expect
			.poll(() => kiosk.walls.at(-1)!.today.created, { timeout: 10_000 })
			.toBe(created + 1);
		expect(kiosk.walls.at(-1)!.ticker[0]).toMatchObject({
			type: 'ticket.created',
			number: ticket.id
		});
		const [network] = await sql()<{ id: number }[]>`select id from groups where name = 'Network'`;
		await moveTicket(t.ctx.db, agent, ticket.id, 'escalate', {
			groupId: network.id,
			reason: 'Wall test'
		});
		await expect
			.poll(() => kiosk.walls.at(-1)!.ticker[0]?.type, { timeout: 10_000 })
			.toBe('ticket.escalated');
		expect(kiosk.events).toEqual([]);

		// Catching up from an old position replays nothing to a wall display.
		const again = await subscribe(kiosk, [`wall:${first.id}`], 0);
		expect(again).toMatchObject({ ok: true, missed: [] });
	});

	it('is refused at the handshake once revoked, and cut off while connected', async () => {
		const [first] = await walls.listWalls(sql());
		const revokedBefore = await service.createWallToken(t.ctx.db, lead, {
			wallId: first.id,
			name: 'Old screen'
		});
		await service.revokeWallToken(t.ctx.db, lead, revokedBefore.id);
		const refusedSocket = server.connect({
			transport: 'websocket',
			wallToken: revokedBefore.token
		});
		sockets.push(refusedSocket);
		await expect(connected(refusedSocket)).rejects.toThrow('unauthorized');

		const live = await service.createWallToken(t.ctx.db, lead, { wallId: first.id, name: 'Live' });
		const kiosk = await screen(live.token);
		expect(await subscribe(kiosk, [`wall:${first.id}`])).toMatchObject({ ok: true });
		const revoked = new Promise<string>((resolve) =>
			kiosk.socket.once('revoked', ({ reason }) => resolve(reason))
		);
		const disconnected = new Promise<void>((resolve) =>
			kiosk.socket.once('disconnect', () => resolve())
		);
		const at = Date.now();
		await service.revokeWallToken(t.ctx.db, lead, live.id);
		// The gateway re-checks every 2 s on its own; no explicit revalidate here.
		expect(await revoked).toBe('token_revoked');
		await disconnected;
		expect(Date.now() - at).toBeLessThan(5000);
	});
});

describe(`the last wall on ${DB_KIND}`, () => {
	it('cannot be deleted', async () => {
		const all = await walls.listWalls(sql());
		for (const wall of all.slice(1)) await service.deleteWall(t.ctx.db, lead, wall.id);
		const error = await refused(() => service.deleteWall(t.ctx.db, lead, all[0].id));
		expect(error.status).toBe(409);
		expect(await walls.listWalls(sql())).toHaveLength(1);
	});
});
