import type postgres from 'postgres';
import type { Queryable } from '../db/client';
import { recentTicketMatches, ticketMatches, ticketRank } from '../search/db';
import { isSearchable, normaliseQuery, ticketNumberQuery } from '../search/query';
import type {
	CategoryOption,
	Level,
	Priority,
	Scale,
	TicketComment,
	TicketStatus,
	TicketSummary
} from '$lib/types/ticket';
import type { Locale } from '$lib/types/user';

/** The ticket row as services work with it (no joins). */
export interface TicketRecord {
	id: number;
	requesterId: number;
	title: string;
	body: string;
	categoryId: number;
	urgency: Scale;
	impact: Scale;
	priority: Priority;
	status: TicketStatus;
	level: Level;
	groupId: number;
	assigneeId: number | null;
	incidentId: number | null;
	mergedIntoId: number | null;
	slaPolicyId: number | null;
	version: number;
	createdAt: Date;
	updatedAt: Date;
	firstRespondedAt: Date | null;
	resolvedAt: Date | null;
	closedAt: Date | null;
	/** Read model kept by the database from the SLA clocks (sql/0003_live.sql). */
	slaState: 'ok' | 'warning' | 'breached' | 'paused';
	slaDueAt: Date | null;
}

interface TicketRow {
	id: number;
	requester_id: number;
	title: string;
	body: string;
	category_id: number;
	urgency: Scale;
	impact: Scale;
	priority: Priority;
	status: TicketStatus;
	level: Level;
	group_id: number;
	assignee_id: number | null;
	incident_id: number | null;
	merged_into_id: number | null;
	sla_policy_id: number | null;
	version: number;
	created_at: Date;
	updated_at: Date;
	first_responded_at: Date | null;
	resolved_at: Date | null;
	closed_at: Date | null;
	sla_state: TicketRecord['slaState'];
	sla_due_at: Date | null;
}

const toRecord = (r: TicketRow): TicketRecord => ({
	id: r.id,
	requesterId: r.requester_id,
	title: r.title,
	body: r.body,
	categoryId: r.category_id,
	urgency: r.urgency,
	impact: r.impact,
	priority: r.priority,
	status: r.status,
	level: r.level,
	groupId: r.group_id,
	assigneeId: r.assignee_id,
	incidentId: r.incident_id,
	mergedIntoId: r.merged_into_id,
	slaPolicyId: r.sla_policy_id,
	version: r.version,
	createdAt: r.created_at,
	updatedAt: r.updated_at,
	firstRespondedAt: r.first_responded_at,
	resolvedAt: r.resolved_at,
	closedAt: r.closed_at,
	slaState: r.sla_state,
	slaDueAt: r.sla_due_at
});

export async function getTicket(sql: Queryable, id: number): Promise<TicketRecord | null> {
	const [row] = await sql<TicketRow[]>`select * from tickets where id = ${id}`;
	return row ? toRecord(row) : null;
}

/** Read and lock the row for the rest of the transaction: writes on one ticket queue up here. */
export async function lockTicket(sql: Queryable, id: number): Promise<TicketRecord | null> {
	const [row] = await sql<TicketRow[]>`select * from tickets where id = ${id} for update`;
	return row ? toRecord(row) : null;
}

export type TicketPatch = Partial<
	Pick<
		TicketRecord,
		| 'title'
		| 'status'
		| 'priority'
		| 'urgency'
		| 'impact'
		| 'categoryId'
		| 'level'
		| 'groupId'
		| 'assigneeId'
		| 'mergedIntoId'
		| 'firstRespondedAt'
		| 'resolvedAt'
		| 'closedAt'
	>
>;

const COLUMNS: Record<keyof TicketPatch, string> = {
	title: 'title',
	status: 'status',
	priority: 'priority',
	urgency: 'urgency',
	impact: 'impact',
	categoryId: 'category_id',
	level: 'level',
	groupId: 'group_id',
	assigneeId: 'assignee_id',
	mergedIntoId: 'merged_into_id',
	firstRespondedAt: 'first_responded_at',
	resolvedAt: 'resolved_at',
	closedAt: 'closed_at'
};

/** Apply `patch` and bump the version; the caller holds the row lock and checked the version. */
export async function updateTicket(
	sql: Queryable,
	id: number,
	patch: TicketPatch,
	at: Date
): Promise<TicketRecord> {
	const values: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(patch)) {
		if (value !== undefined) values[COLUMNS[key as keyof TicketPatch]] = value;
	}
	values.updated_at = at;
	// postgres.js expands the object only when it follows `set` directly in this template.
	const [row] = await sql<TicketRow[]>`
		update tickets set ${sql(values as never)}, version = version + 1
		where id = ${id} returning *`;
	return toRecord(row);
}

export async function insertComment(
	sql: Queryable,
	c: { ticketId: number; authorId: number | null; body: string; internal: boolean; at?: Date }
): Promise<number> {
	const [row] = await sql<{ id: number }[]>`
		insert into ticket_comments (ticket_id, author_id, body, internal, created_at)
		values (${c.ticketId}, ${c.authorId}, ${c.body}, ${c.internal}, ${c.at ?? new Date()})
		returning id`;
	return row.id;
}

export async function commentsOf(
	sql: Queryable,
	ticketId: number,
	includeInternal: boolean
): Promise<TicketComment[]> {
	const rows = await sql<
		{
			id: number;
			author_id: number | null;
			author_name: string | null;
			author_role: string | null;
			body: string;
			internal: boolean;
			created_at: Date;
		}[]
	>`
		select c.id, c.author_id, u.name as author_name, u.role as author_role, c.body, c.internal,
			c.created_at
		from ticket_comments c left join users u on u.id = c.author_id
		where c.ticket_id = ${ticketId} ${includeInternal ? sql`` : sql`and not c.internal`}
		order by c.id`;
	return rows.map((r) => ({
		id: r.id,
		author: r.author_id ? { id: r.author_id, name: r.author_name ?? '' } : null,
		body: r.body,
		internal: r.internal,
		fromStaff: r.author_role !== null && r.author_role !== 'requester',
		createdAt: r.created_at.toISOString()
	}));
}

export async function linkTickets(sql: Queryable, a: number, b: number): Promise<boolean> {
	const [low, high] = a < b ? [a, b] : [b, a];
	const rows = await sql`
		insert into ticket_links (ticket_id, related_id) values (${low}, ${high})
		on conflict do nothing returning ticket_id`;
	return rows.length > 0;
}

export async function relatedOf(sql: Queryable, id: number): Promise<number[]> {
	const rows = await sql<{ other: number }[]>`
		select case when ticket_id = ${id} then related_id else ticket_id end as other
		from ticket_links where ticket_id = ${id} or related_id = ${id} order by 1`;
	return rows.map((r) => r.other);
}

export async function listCategories(sql: Queryable, locale: Locale): Promise<CategoryOption[]> {
	return sql<CategoryOption[]>`
		select id, key, ${locale === 'de' ? sql`name_de` : sql`name_en`} as name
		from categories where active order by sort_order, key`;
}

export async function getCategory(
	sql: Queryable,
	id: number
): Promise<{ id: number; key: string; groupId: number; active: boolean } | null> {
	const [row] = await sql<{ id: number; key: string; group_id: number; active: boolean }[]>`
		select id, key, group_id, active from categories where id = ${id}`;
	return row ? { id: row.id, key: row.key, groupId: row.group_id, active: row.active } : null;
}

/** A category with the level-1 group it routes to, in one query (every new ticket asks this). */
export async function categoryRoute(
	sql: Queryable,
	categoryId: number
): Promise<{ id: number; key: string; active: boolean; group: RoutingGroup } | null> {
	const [row] = await sql<
		(RoutingGroupRow & { category_id: number; key: string; active: boolean })[]
	>`
		select c.id as category_id, c.key, c.active, ${ROUTING_GROUP_COLUMNS(sql)}
		from categories c join groups g on g.id = c.group_id where c.id = ${categoryId}`;
	return row
		? { id: row.category_id, key: row.key, active: row.active, group: toRoutingGroup(row) }
		: null;
}

export async function getCategoryByKey(sql: Queryable, key: string) {
	const [row] = await sql<{ id: number }[]>`select id from categories where key = ${key}`;
	return row?.id ?? null;
}

export interface RoutingGroup {
	id: number;
	name: string;
	level: Level;
	autoAssign: boolean;
	capacity: number;
	leadId: number | null;
}

interface RoutingGroupRow {
	id: number;
	name: string;
	level: Level;
	auto_assign: boolean;
	capacity: number;
	lead_id: number | null;
}

const ROUTING_GROUP_COLUMNS = (sql: Queryable) =>
	sql`g.id, g.name, g.level, g.auto_assign, g.capacity, g.lead_id`;

const toRoutingGroup = (r: RoutingGroupRow): RoutingGroup => ({
	id: r.id,
	name: r.name,
	level: r.level,
	autoAssign: r.auto_assign,
	capacity: r.capacity,
	leadId: r.lead_id
});

export async function getRoutingGroup(sql: Queryable, id: number): Promise<RoutingGroup | null> {
	const [row] = await sql<RoutingGroupRow[]>`
		select ${ROUTING_GROUP_COLUMNS(sql)} from groups g where g.id = ${id}`;
	return row ? toRoutingGroup(row) : null;
}

/** A piece of SQL built with `sql` to be placed into another statement. */
type Fragment = postgres.PendingQuery<postgres.Row[]>;

/** Open tickets of the member `userId` (an SQL expression). */
const openCount = (sql: Queryable, userId: Fragment) => sql`
	(select count(*) from tickets t where t.assignee_id = ${userId}
		and t.status in ('new', 'open', 'pending', 'on_hold'))`;

/** Members of group `groupId` (an SQL expression) who may take a new ticket by the counts now. */
const freeMembers = (sql: Queryable, groupId: Fragment, tried: number[]) => sql`
	from group_members m
	join users u on u.id = m.user_id and u.active and u.role = 'agent'
	join groups g on g.id = m.group_id
	where m.group_id = ${groupId} and m.user_id <> all(${tried}::int[])
		and ${openCount(sql, sql`m.user_id`)} < g.capacity`;

/**
 * The `limit` least recently assigned free members, locked (`for no key update`) until commit so
 * that no one else assigns to them meanwhile; with `skipLocked`, members locked by others are
 * passed over.
 */
const pickMembers = (
	sql: Queryable,
	groupId: Fragment,
	skipLocked: boolean,
	tried: number[],
	limit = 1
) => sql`
	select m.user_id, u.name ${freeMembers(sql, groupId, tried)}
	order by m.last_assigned_at nulls first, m.user_id
	limit ${limit}
	for no key update of m ${skipLocked ? sql`skip locked` : sql``}`;

/**
 * Take the locked member `userId` if they are still under capacity, counted in a statement of
 * its own: a count read before the lock was ours may predate the assignment that its previous
 * holder just committed.
 */
const claimMember = (sql: Queryable, groupId: number, userId: number) => sql`
	update group_members set last_assigned_at = clock_timestamp()
	where group_id = ${groupId} and user_id = ${userId}
		and ${openCount(sql, sql`${userId}::int`)} < (select capacity from groups where id = ${groupId})
	returning user_id`;

/**
 * The next agent of `groupId` for a new ticket: the least recently assigned member with fewer
 * open tickets than the group's capacity, whose membership row is locked until commit so that
 * no one else assigns to that member meanwhile. Concurrent assignments skip members locked by
 * others and take the next one; only when every candidate is busy does one wait. `tried`: members
 * not to consider (already found full).
 */
export async function nextAssignee(
	sql: Queryable,
	groupId: number,
	tried: number[] = []
): Promise<{ id: number; name: string } | null> {
	const pick = (skipLocked: boolean) =>
		sql<
			{ user_id: number; name: string }[]
		>`${pickMembers(sql, sql`${groupId}::int`, skipLocked, tried)}`;
	for (;;) {
		let [row] = await pick(true);
		if (!row) [row] = await pick(false);
		if (!row) return null;
		if ((await claimMember(sql, groupId, row.user_id)).length > 0) {
			return { id: row.user_id, name: row.name };
		}
		tried.push(row.user_id);
	}
}

/** Where a new ticket goes: its category and the category's level-1 group. */
export interface TicketRoute {
	id: number;
	key: string;
	name: { en: string; de: string };
	active: boolean;
	group: RoutingGroup;
}

export interface RoutedTicket<Target> {
	ticket: TicketRecord;
	route: TicketRoute;
	/** The SLA target row (`target` query) or null when none applies. */
	target: Target | null;
}

/** A new ticket as `insertRoutedTickets` takes it: routed by its category. */
export interface NewTicket {
	requesterId: number;
	title: string;
	body: string;
	categoryId: number;
	urgency: Scale;
	impact: Scale;
	priority: Priority;
	status: TicketStatus;
	createdAt: Date;
}

/**
 * New tickets in one statement, whatever their number: route each by its category (inactive or
 * unknown: null in its place, nothing written), take its SLA policy from `target` (a query of
 * one row with `policy_id` for the priority `i.priority`), insert them. Results in input order.
 * During an outage every round trip counts: this is the one new tickets need before their clocks
 * can be computed, and many tickets filed at once share it (see `intake.ts`).
 */
export async function insertRoutedTickets<Target extends { policy_id: number }>(
	sql: Queryable,
	rows: NewTicket[],
	target: (priority: Fragment) => Fragment
): Promise<Array<RoutedTicket<Target> | null>> {
	const column = <K extends keyof NewTicket>(key: K) => rows.map((r) => r[key]);
	const found = await sql<
		(TicketRow & { n: number; route: (RouteJson & { n: number }) | null; target: Target | null })[]
	>`
		with input as (
			select * from unnest(${column('requesterId')}::int[], ${column('title')}::text[],
				${column('body')}::text[], ${column('categoryId')}::int[], ${column('urgency')}::int[],
				${column('impact')}::int[], ${column('priority')}::int[], ${column('status')}::text[],
				${rows.map((r) => r.createdAt.toISOString())}::timestamptz[])
				with ordinality as i(requester_id, title, body, category_id, urgency, impact, priority,
					status, at, n)
		), route as (
			select i.n, c.id as category_id, c.key, c.name_en, c.name_de, c.active,
				${ROUTING_GROUP_COLUMNS(sql)}
			from input i join categories c on c.id = i.category_id join groups g on g.id = c.group_id
		), target as (
			select i.n, x.* from input i cross join lateral (${target(sql`i.priority`)}) x
		), numbered as (
			-- Numbers drawn first, so that each written ticket is known by its input row.
			select r.n, nextval(pg_get_serial_sequence('tickets', 'id'))::int as id
			from route r where r.active
		), ticket as (
			insert into tickets (id, requester_id, title, body, category_id, urgency, impact, priority,
				level, group_id, assignee_id, sla_policy_id, status, created_at, updated_at)
			overriding system value
			select k.id, i.requester_id, i.title, i.body, r.category_id, i.urgency, i.impact,
				i.priority, r.level, r.id, null, (select policy_id from target x where x.n = i.n),
				i.status, i.at, i.at
			from numbered k join input i on i.n = k.n join route r on r.n = k.n
			order by k.id
			returning *
		)
		select k.*, i.n, to_json(r) as route, (select to_json(x) from target x where x.n = i.n) as target
		from input i left join route r on r.n = i.n left join numbered on numbered.n = i.n
			left join ticket k on k.id = numbered.id
		order by i.n`;
	return found.map((row) =>
		!row.route || !row.route.active || row.id === null
			? null
			: {
					ticket: toRecord(row),
					route: {
						id: row.route.category_id,
						key: row.route.key,
						name: { en: row.route.name_en, de: row.route.name_de },
						active: row.route.active,
						group: toRoutingGroup(row.route)
					},
					target: row.target
				}
	);
}

type RouteJson = RoutingGroupRow & {
	category_id: number;
	key: string;
	name_en: string;
	name_de: string;
	active: boolean;
};

/**
 * Give new tickets of `groupId` to the members of the group, one each, as `nextAssignee` would
 * one by one: least recently assigned first, within capacity, members locked by other new
 * tickets passed over (waiting only when all are). Each round locks up to one free member per
 * ticket still waiting and claims them in one statement, counted again under the lock (see
 * `claimMember`): a member who fills up is not asked again. Tickets assigned start open, as of
 * their creation.
 * Returns the assigned tickets by number, with who took them.
 */
export async function assignNewTickets(
	sql: Queryable,
	groupId: number,
	ticketIds: number[]
): Promise<Map<number, { ticket: TicketRecord; assignee: { id: number; name: string } }>> {
	const assigned = new Map<
		number,
		{ ticket: TicketRecord; assignee: { id: number; name: string } }
	>();
	let waiting = [...ticketIds];
	const full: number[] = [];
	const pick = (skipLocked: boolean, limit: number) =>
		sql<{ user_id: number; name: string }[]>`
			${pickMembers(sql, sql`${groupId}::int`, skipLocked, full, limit)}`;
	while (waiting.length > 0) {
		let members = await pick(true, waiting.length);
		if (members.length === 0) members = await pick(false, 1);
		if (members.length === 0) break;
		const pairs = members.map((m, i) => ({ ticket: waiting[i], member: m }));
		const rows = await sql<(TicketRow & { claimed_by: number })[]>`
			with pairs as (
				select * from unnest(${pairs.map((p) => p.ticket)}::int[],
					${pairs.map((p) => p.member.user_id)}::int[]) as p(ticket_id, user_id)
			), claimed as (
				update group_members m set last_assigned_at = clock_timestamp()
				from pairs p
				where m.group_id = ${groupId} and m.user_id = p.user_id
					and ${openCount(sql, sql`p.user_id`)} < (select capacity from groups where id = ${groupId})
				returning p.ticket_id, p.user_id
			)
			update tickets set assignee_id = c.user_id, status = 'open',
				updated_at = tickets.created_at, version = version + 1
			from claimed c where tickets.id = c.ticket_id
			returning tickets.*, c.user_id as claimed_by`;
		const taken = new Set(rows.map((r) => r.id));
		for (const row of rows) {
			const member = members.find((m) => m.user_id === row.claimed_by)!;
			assigned.set(row.id, {
				ticket: toRecord(row),
				assignee: { id: member.user_id, name: member.name }
			});
		}
		for (const p of pairs) if (!taken.has(p.ticket)) full.push(p.member.user_id);
		waiting = waiting.filter((id) => !assigned.has(id));
	}
	return assigned;
}

export async function isGroupMember(sql: Queryable, groupId: number, userId: number) {
	const rows = await sql`
		select 1 from group_members where group_id = ${groupId} and user_id = ${userId}`;
	return rows.length > 0;
}

export async function getSetting<T>(sql: Queryable, key: string, fallback: T): Promise<T> {
	const [row] = await sql<{ value: T }[]>`select value from settings where key = ${key}`;
	return row ? row.value : fallback;
}

// ───────────────────────── lists ─────────────────────────

export interface TicketFilter {
	requesterId?: number;
	assigneeId?: number;
	groupIds?: number[];
	level?: Level;
	unassigned?: boolean;
	statuses?: TicketStatus[];
	priorities?: Priority[];
	categoryId?: number;
	sla?: 'at_risk' | 'breached';
	/**
	 * A ticket number ("1042" or "#1042") or words: stemmed in German and English, from the
	 * title, the description and the public conversation, with typo tolerance for titles.
	 */
	search?: string;
	/** Search internal notes too (staff only: a requester's search must never match them). */
	searchInternal?: boolean;
	/** Only tickets with a number below this (cursor pagination, newest first). */
	before?: number;
	/** `relevance`: best match first among the most recent matches (with words; else `due`). */
	sort?: 'due' | 'newest' | 'updated' | 'priority' | 'relevance';
	limit?: number;
}

interface SummaryRow {
	id: number;
	title: string;
	status: TicketStatus;
	priority: Priority;
	level: Level;
	category_id: number;
	category_key: string;
	category_name: string;
	group_id: number;
	group_name: string;
	group_level: Level;
	assignee_id: number | null;
	assignee_name: string | null;
	requester_id: number;
	requester_name: string;
	created_at: Date;
	updated_at: Date;
	version: number;
	next_due_at: Date | null;
	sla_state: TicketSummary['slaState'];
}

const toSummary = (r: SummaryRow): TicketSummary => ({
	number: r.id,
	title: r.title,
	status: r.status,
	priority: r.priority,
	level: r.level,
	category: { id: r.category_id, key: r.category_key, name: r.category_name },
	group: { id: r.group_id, name: r.group_name, level: r.group_level },
	assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
	requester: { id: r.requester_id, name: r.requester_name },
	createdAt: r.created_at.toISOString(),
	updatedAt: r.updated_at.toISOString(),
	version: r.version,
	nextDueAt: r.next_due_at?.toISOString() ?? null,
	slaState: r.sla_state
});

export const MAX_PAGE = 200;

const ACTIVE_LIST = ['new', 'open', 'pending', 'on_hold'];
const isActiveSet = (statuses: readonly string[] | undefined) =>
	!!statuses &&
	statuses.length === ACTIVE_LIST.length &&
	ACTIVE_LIST.every((s) => statuses.includes(s));

export async function listTickets(
	sql: Queryable,
	filter: TicketFilter,
	locale: Locale = 'en'
): Promise<TicketSummary[]> {
	const f = filter;
	const ACTIVE = sql`t.status in ('new', 'open', 'pending', 'on_hold')`;
	const conditions = [sql`true`];
	if (f.requesterId !== undefined) conditions.push(sql`t.requester_id = ${f.requesterId}`);
	if (f.assigneeId !== undefined) conditions.push(sql`t.assignee_id = ${f.assigneeId}`);
	// One group: a plain condition the queue index serves in order. Several: see `source` below.
	if (f.groupIds?.length === 1) conditions.push(sql`t.group_id = ${f.groupIds[0]}`);
	else if (f.groupIds) conditions.push(sql`t.group_id = any(${f.groupIds}::int[])`);
	if (f.level !== undefined) conditions.push(sql`t.level = ${f.level}`);
	if (f.unassigned) conditions.push(sql`t.assignee_id is null`);
	if (isActiveSet(f.statuses)) {
		// Spelled out, not a parameter, so the planner can use the partial queue indexes.
		conditions.push(sql`t.status in ('new', 'open', 'pending', 'on_hold')`);
	} else if (f.statuses?.length) conditions.push(sql`t.status = any(${f.statuses}::text[])`);
	if (f.priorities?.length) conditions.push(sql`t.priority = any(${f.priorities}::int[])`);
	if (f.categoryId !== undefined) conditions.push(sql`t.category_id = ${f.categoryId}`);
	if (f.before !== undefined) conditions.push(sql`t.id < ${f.before}`);
	if (f.sla === 'breached') conditions.push(sql`t.sla_state = 'breached' and ${ACTIVE}`);
	if (f.sla === 'at_risk') conditions.push(sql`t.sla_state = 'warning' and ${ACTIVE}`);
	const q = normaliseQuery(f.search);
	const number = ticketNumberQuery(q);
	const words = number === null && q ? q : null;
	if (number !== null) conditions.push(sql`t.id = ${number}`);
	else if (words !== null && isSearchable(words))
		conditions.push(
			f.sort === 'relevance'
				? recentTicketMatches(sql, words, f.searchInternal ?? false)
				: ticketMatches(sql, words, f.searchInternal ?? false)
		);
	else if (words !== null) conditions.push(sql`false`);
	const where = conditions.reduce((acc, c) => sql`${acc} and ${c}`);
	const order =
		f.sort === 'relevance' && words !== null && isSearchable(words)
			? sql`${ticketRank(sql, words, f.searchInternal ?? false)} desc, t.id desc`
			: f.sort === 'newest'
				? sql`t.id desc`
				: f.sort === 'updated'
					? sql`t.updated_at desc, t.id desc`
					: f.sort === 'priority'
						? sql`t.priority, t.sla_due_at nulls last, t.id`
						: sql`t.sla_due_at nulls last, t.priority, t.id`;
	const limit = Math.min(f.limit ?? 50, MAX_PAGE);
	// Several groups: the first rows of each group in the queue's order (one index range scan per
	// group), then merged; `group_id = any(…)` would sort every queued ticket of those groups.
	const source =
		f.groupIds && f.groupIds.length > 1
			? sql`(select t.* from unnest(${f.groupIds}::int[]) q(group_id) cross join lateral (
					select * from tickets t where t.group_id = q.group_id and ${where}
					order by ${order} limit ${limit}) t) t`
			: sql`tickets t`;
	const rows = await sql<SummaryRow[]>`
		select t.id, t.title, t.status, t.priority, t.level, t.version, t.created_at, t.updated_at,
			c.id as category_id, c.key as category_key,
			${locale === 'de' ? sql`c.name_de` : sql`c.name_en`} as category_name,
			g.id as group_id, g.name as group_name, g.level as group_level,
			a.id as assignee_id, a.name as assignee_name,
			r.id as requester_id, r.name as requester_name,
			s.next_due_at, s.sla_state
		from ${source}
		join categories c on c.id = t.category_id
		join groups g on g.id = t.group_id
		join users r on r.id = t.requester_id
		left join users a on a.id = t.assignee_id
		cross join lateral (
			select t.sla_due_at as next_due_at,
				case when t.status in ('resolved', 'closed') then 'done' else t.sla_state end as sla_state
		) s
		where ${where}
		order by ${order}
		limit ${limit}`;
	return rows.map(toSummary);
}

// ───────────────────────── detail ─────────────────────────

export async function ticketSummary(
	sql: Queryable,
	id: number,
	locale: Locale = 'en'
): Promise<TicketSummary | null> {
	const [row] = await listTickets(sql, { search: String(id), limit: 1 }, locale);
	return row ?? null;
}

export interface TimelineRow {
	id: number;
	type: string;
	audience: string;
	actor_id: number | null;
	actor_name: string | null;
	payload: Record<string, unknown>;
	created_at: Date;
}

/** The ticket's history: every event on its topic, oldest first. Callers filter by audience. */
export async function ticketEvents(sql: Queryable, id: number): Promise<TimelineRow[]> {
	return sql<TimelineRow[]>`
		select e.id, e.type, e.audience, e.actor_id, u.name as actor_name, e.payload, e.created_at
		from events e left join users u on u.id = e.actor_id
		where e.topic = ${'ticket:' + id} order by e.id`;
}

export async function userNames(sql: Queryable, ids: number[]): Promise<Map<number, string>> {
	if (ids.length === 0) return new Map();
	const rows = await sql<{ id: number; name: string }[]>`
		select id, name from users where id = any(${ids}::int[])`;
	return new Map(rows.map((r) => [r.id, r.name]));
}

export async function groupNames(sql: Queryable): Promise<Map<number, string>> {
	const rows = await sql<{ id: number; name: string }[]>`select id, name from groups`;
	return new Map(rows.map((r) => [r.id, r.name]));
}

export async function requesterContact(
	sql: Queryable,
	userId: number
): Promise<{ email: string; name: string; locale: Locale | null } | null> {
	const [row] = await sql<{ email: string; name: string; locale: Locale | null }[]>`
		select email, name, locale from users where id = ${userId} and active`;
	return row ?? null;
}

/** Leads to notify for a group: its configured lead, else every lead who is a member. */
export async function leadsOfGroup(
	sql: Queryable,
	groupId: number
): Promise<Array<{ id: number; email: string; name: string; locale: Locale | null }>> {
	return sql`
		select distinct u.id, u.email, u.name, u.locale from users u
		where u.active and u.role = 'lead' and (
			u.id = (select lead_id from groups where id = ${groupId})
			or u.id in (select user_id from group_members where group_id = ${groupId}))`;
}
