// Queries behind the admin pages that the domain modules (users, sla, tickets, auth) do not have.
import type { Queryable } from '../db/client';
import type { Level, Priority } from '$lib/types/ticket';
import type { Role } from '$lib/types/user';

// ───────────────────────── users ─────────────────────────

export interface AdminUser {
	id: number;
	name: string;
	email: string;
	role: Role;
	active: boolean;
	groupIds: number[];
	createdAt: Date;
}

export async function listUsers(sql: Queryable): Promise<AdminUser[]> {
	const rows = await sql<
		{
			id: number;
			name: string;
			email: string;
			role: Role;
			active: boolean;
			group_ids: number[];
			created_at: Date;
		}[]
	>`
		select u.id, u.name, u.email, u.role, u.active, u.created_at,
			coalesce(array_agg(m.group_id order by m.group_id) filter (where m.group_id is not null),
				'{}') as group_ids
		from users u left join group_members m on m.user_id = u.id
		group by u.id order by u.active desc, u.name`;
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		email: r.email,
		role: r.role,
		active: r.active,
		groupIds: r.group_ids.map(Number),
		createdAt: r.created_at
	}));
}

export async function setUserRole(sql: Queryable, userId: number, role: Role) {
	await sql`update users set role = ${role}, updated_at = now() where id = ${userId}`;
}

/** Groups stop naming `userId` as their team lead; returns the ids of the groups affected. */
export async function clearGroupLead(sql: Queryable, userId: number): Promise<number[]> {
	const rows = await sql<{ id: number }[]>`
		update groups set lead_id = null where lead_id = ${userId} returning id`;
	return rows.map((r) => r.id);
}

export async function setUserActive(sql: Queryable, userId: number, active: boolean) {
	await sql`update users set active = ${active}, updated_at = now() where id = ${userId}`;
}

export async function setUserGroups(sql: Queryable, userId: number, groupIds: number[]) {
	await sql`delete from group_members
		where user_id = ${userId} and not (group_id = any(${groupIds}::int[]))`;
	await sql`insert into group_members (group_id, user_id)
		select g, ${userId} from unnest(${groupIds}::int[]) as g on conflict do nothing`;
}

/** Which of `ids` are users, with their role and whether they are active. */
export async function usersByIds(
	sql: Queryable,
	ids: number[]
): Promise<Array<{ id: number; role: Role; active: boolean }>> {
	if (ids.length === 0) return [];
	return sql`select id, role, active from users where id = any(${ids}::int[])`;
}

// ───────────────────────── groups ─────────────────────────

export interface AdminGroup {
	id: number;
	name: string;
	level: Level;
	area: string;
	autoAssign: boolean;
	capacity: number;
	leadId: number | null;
	memberIds: number[];
	openTickets: number;
}

export interface GroupInput {
	name: string;
	level: Level;
	area: string;
	autoAssign: boolean;
	capacity: number;
	leadId: number | null;
}

export async function listGroups(sql: Queryable): Promise<AdminGroup[]> {
	const rows = await sql<
		{
			id: number;
			name: string;
			level: Level;
			area: string;
			auto_assign: boolean;
			capacity: number;
			lead_id: number | null;
			member_ids: number[];
			open_tickets: number;
		}[]
	>`
		select g.id, g.name, g.level, g.area, g.auto_assign, g.capacity, g.lead_id,
			coalesce((select array_agg(m.user_id order by m.user_id) from group_members m
				where m.group_id = g.id), '{}') as member_ids,
			(select count(*)::int from tickets t
				where t.group_id = g.id and t.status not in ('resolved', 'closed')) as open_tickets
		from groups g order by g.level, g.name`;
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		level: r.level,
		area: r.area,
		autoAssign: r.auto_assign,
		capacity: r.capacity,
		leadId: r.lead_id,
		memberIds: r.member_ids.map(Number),
		openTickets: r.open_tickets
	}));
}

export async function getGroupLevel(sql: Queryable, id: number): Promise<Level | null> {
	const [row] = await sql<{ level: Level }[]>`select level from groups where id = ${id}`;
	return row?.level ?? null;
}

/** Levels of the groups among `ids` that exist, by id. */
export async function groupLevels(sql: Queryable, ids: number[]): Promise<Map<number, Level>> {
	if (ids.length === 0) return new Map();
	const rows = await sql<{ id: number; level: Level }[]>`
		select id, level from groups where id = any(${ids}::int[])`;
	return new Map(rows.map((r) => [r.id, r.level]));
}

export async function groupNameTaken(sql: Queryable, name: string, exceptId: number | null) {
	const rows = await sql`
		select 1 from groups where lower(name) = lower(${name}) and id <> ${exceptId ?? 0}`;
	return rows.length > 0;
}

export async function insertGroup(sql: Queryable, g: GroupInput): Promise<number> {
	const [row] = await sql<{ id: number }[]>`
		insert into groups (name, level, area, auto_assign, capacity, lead_id)
		values (${g.name}, ${g.level}, ${g.area}, ${g.autoAssign}, ${g.capacity}, ${g.leadId})
		returning id`;
	return row.id;
}

export async function updateGroup(sql: Queryable, id: number, g: GroupInput) {
	await sql`
		update groups set name = ${g.name}, level = ${g.level}, area = ${g.area},
			auto_assign = ${g.autoAssign}, capacity = ${g.capacity}, lead_id = ${g.leadId}
		where id = ${id}`;
}

export async function setGroupMembers(sql: Queryable, groupId: number, userIds: number[]) {
	await sql`delete from group_members
		where group_id = ${groupId} and not (user_id = any(${userIds}::int[]))`;
	await sql`insert into group_members (group_id, user_id)
		select ${groupId}, u from unnest(${userIds}::int[]) as u on conflict do nothing`;
}

/** Keys of the categories that route new tickets to `groupId`. */
export async function categoriesRoutedTo(sql: Queryable, groupId: number): Promise<string[]> {
	const rows = await sql<{ key: string }[]>`
		select key from categories where group_id = ${groupId} order by sort_order, key`;
	return rows.map((r) => r.key);
}

/** Categories whose escalation path names `groupId` at level 2 or 3. */
export async function categoriesPathingTo(
	sql: Queryable,
	groupId: number
): Promise<Array<{ key: string; level: 2 | 3 }>> {
	return sql<Array<{ key: string; level: 2 | 3 }>>`
		select key, case when level2_group_id = ${groupId} then 2 else 3 end::int as level
		from categories where level2_group_id = ${groupId} or level3_group_id = ${groupId}
		order by sort_order, key`;
}

/** Active tickets worked by `groupId`. */
export async function openTicketsOfGroup(sql: Queryable, groupId: number): Promise<number> {
	const [row] = await sql<{ n: number }[]>`
		select count(*)::int as n from tickets
		where group_id = ${groupId} and status in ('new', 'open', 'pending', 'on_hold')`;
	return row.n;
}

// ───────────────────────── categories ─────────────────────────

export interface AdminCategory {
	id: number;
	key: string;
	nameEn: string;
	nameDe: string;
	groupId: number;
	/** The escalation path: the group at level 2 and 3 (null: none set). */
	level2GroupId: number | null;
	level3GroupId: number | null;
	active: boolean;
	sortOrder: number;
}

export type CategoryInput = Omit<AdminCategory, 'id'>;

export async function listCategories(sql: Queryable): Promise<AdminCategory[]> {
	const rows = await sql<
		{
			id: number;
			key: string;
			name_en: string;
			name_de: string;
			group_id: number;
			level2_group_id: number | null;
			level3_group_id: number | null;
			active: boolean;
			sort_order: number;
		}[]
	>`select id, key, name_en, name_de, group_id, level2_group_id, level3_group_id, active,
			sort_order
		from categories order by sort_order, key`;
	return rows.map((r) => ({
		id: r.id,
		key: r.key,
		nameEn: r.name_en,
		nameDe: r.name_de,
		groupId: r.group_id,
		level2GroupId: r.level2_group_id,
		level3GroupId: r.level3_group_id,
		active: r.active,
		sortOrder: r.sort_order
	}));
}

export async function categoryKeyTaken(sql: Queryable, key: string, exceptId: number | null) {
	const rows = await sql`select 1 from categories where key = ${key} and id <> ${exceptId ?? 0}`;
	return rows.length > 0;
}

export async function countOtherActiveCategories(sql: Queryable, exceptId: number) {
	const [row] = await sql<{ n: number }[]>`
		select count(*)::int as n from categories where active and id <> ${exceptId}`;
	return row.n;
}

export async function insertCategory(sql: Queryable, c: CategoryInput): Promise<number> {
	const [row] = await sql<{ id: number }[]>`
		insert into categories (key, name_en, name_de, group_id, level2_group_id, level3_group_id,
			active, sort_order)
		values (${c.key}, ${c.nameEn}, ${c.nameDe}, ${c.groupId}, ${c.level2GroupId},
			${c.level3GroupId}, ${c.active}, ${c.sortOrder})
		returning id`;
	return row.id;
}

export async function updateCategory(sql: Queryable, id: number, c: CategoryInput) {
	const rows = await sql`
		update categories set key = ${c.key}, name_en = ${c.nameEn}, name_de = ${c.nameDe},
			group_id = ${c.groupId}, level2_group_id = ${c.level2GroupId},
			level3_group_id = ${c.level3GroupId}, active = ${c.active}, sort_order = ${c.sortOrder}
		where id = ${id} returning id`;
	return rows.length > 0;
}

// ───────────────────────── calendars and SLA ─────────────────────────

export async function calendarNameTaken(sql: Queryable, name: string, exceptId: number | null) {
	const rows = await sql`
		select 1 from business_calendars where lower(name) = lower(${name}) and id <> ${exceptId ?? 0}`;
	return rows.length > 0;
}

/** Priorities per calendar that SLA targets measure with it. */
export async function calendarUsage(sql: Queryable): Promise<Map<number, Priority[]>> {
	const rows = await sql<{ calendar_id: number; priority: Priority }[]>`
		select distinct t.calendar_id, t.priority from sla_targets t
		join sla_policies p on p.id = t.policy_id and p.is_default
		order by t.priority`;
	const usage = new Map<number, Priority[]>();
	for (const r of rows) usage.set(r.calendar_id, [...(usage.get(r.calendar_id) ?? []), r.priority]);
	return usage;
}

// ───────────────────────── settings ─────────────────────────

export async function getSettings(sql: Queryable): Promise<Record<string, unknown>> {
	const rows = await sql<{ key: string; value: unknown }[]>`select key, value from settings`;
	return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export async function putSetting(sql: Queryable, key: string, value: number | string | boolean) {
	await sql`
		insert into settings (key, value) values (${key}, ${sql.json(value)})
		on conflict (key) do update set value = excluded.value, updated_at = now()`;
}

// ───────────────────────── API tokens ─────────────────────────

export interface AdminToken {
	id: number;
	name: string;
	prefix: string;
	userId: number;
	userName: string;
	userEmail: string;
	createdAt: Date;
	lastUsedAt: Date | null;
	revokedAt: Date | null;
}

export async function listTokens(sql: Queryable): Promise<AdminToken[]> {
	const rows = await sql<
		{
			id: number;
			name: string;
			prefix: string;
			user_id: number;
			user_name: string;
			user_email: string;
			created_at: Date;
			last_used_at: Date | null;
			revoked_at: Date | null;
		}[]
	>`
		select t.id, t.name, t.prefix, t.user_id, u.name as user_name, u.email as user_email,
			t.created_at, t.last_used_at, t.revoked_at
		from api_tokens t join users u on u.id = t.user_id
		order by (t.revoked_at is null) desc, t.created_at desc, t.id desc`;
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		prefix: r.prefix,
		userId: r.user_id,
		userName: r.user_name,
		userEmail: r.user_email,
		createdAt: r.created_at,
		lastUsedAt: r.last_used_at,
		revokedAt: r.revoked_at
	}));
}

export async function getTokenOwner(sql: Queryable, tokenId: number) {
	const [row] = await sql<{ user_id: number; revoked: boolean }[]>`
		select user_id, revoked_at is not null as revoked from api_tokens where id = ${tokenId}`;
	return row ? { userId: row.user_id, revoked: row.revoked } : null;
}

// ───────────────────────── outbox ─────────────────────────

export type MailStatus = 'pending' | 'sent' | 'failed';

export interface MailItem {
	id: number;
	recipient: string;
	subject: string;
	body: string;
	ticketId: number | null;
	status: MailStatus;
	attempts: number;
	lastError: string | null;
	createdAt: Date;
	sentAt: Date | null;
	nextAttemptAt: Date;
}

const statusFilter = (sql: Queryable, status: MailStatus | null) =>
	status === 'sent'
		? sql`sent_at is not null`
		: status === 'failed'
			? sql`failed_at is not null`
			: status === 'pending'
				? sql`sent_at is null and failed_at is null`
				: sql`true`;

export async function listMail(
	sql: Queryable,
	status: MailStatus | null,
	limit: number
): Promise<MailItem[]> {
	const rows = await sql<
		{
			id: number;
			recipient: string;
			subject: string;
			body: string;
			ticket_id: number | null;
			attempts: number;
			last_error: string | null;
			created_at: Date;
			sent_at: Date | null;
			failed_at: Date | null;
			next_attempt_at: Date;
		}[]
	>`
		select id, recipient, subject, body, ticket_id, attempts, last_error, created_at, sent_at,
			failed_at, next_attempt_at
		from outbox where ${statusFilter(sql, status)} order by id desc limit ${limit}`;
	return rows.map((r) => ({
		id: r.id,
		recipient: r.recipient,
		subject: r.subject,
		body: r.body,
		ticketId: r.ticket_id,
		status: r.sent_at ? 'sent' : r.failed_at ? 'failed' : 'pending',
		attempts: r.attempts,
		lastError: r.last_error,
		createdAt: r.created_at,
		sentAt: r.sent_at,
		nextAttemptAt: r.next_attempt_at
	}));
}

export async function mailCounts(sql: Queryable): Promise<Record<MailStatus, number>> {
	const [row] = await sql<{ pending: number; sent: number; failed: number }[]>`
		select count(*) filter (where sent_at is null and failed_at is null)::int as pending,
			count(*) filter (where sent_at is not null)::int as sent,
			count(*) filter (where failed_at is not null)::int as failed
		from outbox`;
	return row;
}

// ───────────────────────── overview ─────────────────────────

export interface AdminCounts {
	users: number;
	activeUsers: number;
	groups: number;
	categories: number;
	calendars: number;
	rules: number;
	tokens: number;
	mailSent: number;
	mailPending: number;
	mailFailed: number;
}

export async function counts(sql: Queryable): Promise<AdminCounts> {
	const [row] = await sql<
		{
			users: number;
			active_users: number;
			groups: number;
			categories: number;
			calendars: number;
			rules: number;
			tokens: number;
			mail_sent: number;
			mail_pending: number;
			mail_failed: number;
		}[]
	>`
		select (select count(*)::int from users) as users,
			(select count(*)::int from users where active) as active_users,
			(select count(*)::int from groups) as groups,
			(select count(*)::int from categories where active) as categories,
			(select count(*)::int from business_calendars) as calendars,
			(select count(*)::int from escalation_rules where active) as rules,
			(select count(*)::int from api_tokens where revoked_at is null) as tokens,
			(select count(*)::int from outbox where sent_at is not null) as mail_sent,
			(select count(*)::int from outbox where sent_at is null and failed_at is null)
				as mail_pending,
			(select count(*)::int from outbox where failed_at is not null) as mail_failed`;
	return {
		users: row.users,
		activeUsers: row.active_users,
		groups: row.groups,
		categories: row.categories,
		calendars: row.calendars,
		rules: row.rules,
		tokens: row.tokens,
		mailSent: row.mail_sent,
		mailPending: row.mail_pending,
		mailFailed: row.mail_failed
	};
}
