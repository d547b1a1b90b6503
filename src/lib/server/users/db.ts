import type { Queryable } from '../db/client';
import type { GroupSummary, Locale, Role, SessionUser } from '$lib/types/user';

export interface UserRecord {
	id: number;
	email: string;
	name: string;
	role: Role;
	locale: Locale | null;
	active: boolean;
	passwordHash: string | null;
}

interface UserRow {
	id: number;
	email: string;
	name: string;
	role: Role;
	locale: Locale | null;
	active: boolean;
	password_hash: string | null;
}

const toRecord = (r: UserRow): UserRecord => ({
	id: r.id,
	email: r.email,
	name: r.name,
	role: r.role,
	locale: r.locale,
	active: r.active,
	passwordHash: r.password_hash
});

export async function getUserByEmail(sql: Queryable, email: string): Promise<UserRecord | null> {
	const [row] = await sql<UserRow[]>`
		select id, email, name, role, locale, active, password_hash
		from users where lower(email) = lower(${email})`;
	return row ? toRecord(row) : null;
}

export async function getUserById(sql: Queryable, id: number): Promise<UserRecord | null> {
	const [row] = await sql<UserRow[]>`
		select id, email, name, role, locale, active, password_hash from users where id = ${id}`;
	return row ? toRecord(row) : null;
}

export async function groupsOfUser(sql: Queryable, userId: number): Promise<GroupSummary[]> {
	return sql<GroupSummary[]>`
		select g.id, g.name, g.level, g.area from groups g
		join group_members m on m.group_id = g.id
		where m.user_id = ${userId} order by g.level, g.name`;
}

/** Columns of `users u` as a signed-in user, groups included: one query instead of two. */
export const sessionUserColumns = (sql: Queryable) => sql`
	u.id, u.email, u.name, u.role, u.locale, u.active,
	coalesce((
		select json_agg(json_build_object('id', g.id, 'name', g.name, 'level', g.level, 'area', g.area)
			order by g.level, g.name)
		from group_members m join groups g on g.id = m.group_id where m.user_id = u.id
	), '[]'::json) as groups`;

export interface SessionUserRow {
	id: number;
	email: string;
	name: string;
	role: Role;
	locale: Locale | null;
	active: boolean;
	groups: GroupSummary[];
}

export const toSessionUserOf = (r: SessionUserRow): SessionUser => ({
	id: r.id,
	email: r.email,
	name: r.name,
	role: r.role,
	locale: r.locale,
	groups: r.groups
});

export async function toSessionUser(sql: Queryable, user: UserRecord): Promise<SessionUser> {
	return {
		id: user.id,
		email: user.email,
		name: user.name,
		role: user.role,
		locale: user.locale,
		groups: await groupsOfUser(sql, user.id)
	};
}

export interface InsertUser {
	email: string;
	name: string;
	role: Role;
	passwordHash: string | null;
	locale?: Locale | null;
}

export async function insertUser(sql: Queryable, u: InsertUser): Promise<UserRecord> {
	const [row] = await sql<UserRow[]>`
		insert into users (email, name, role, password_hash, locale)
		values (${u.email}, ${u.name}, ${u.role}, ${u.passwordHash}, ${u.locale ?? null})
		returning id, email, name, role, locale, active, password_hash`;
	return toRecord(row);
}

export async function setUserLocale(sql: Queryable, userId: number, locale: Locale | null) {
	await sql`update users set locale = ${locale}, updated_at = now() where id = ${userId}`;
}

export async function countUsers(sql: Queryable): Promise<number> {
	const [row] = await sql<{ n: number }[]>`select count(*)::int as n from users`;
	return row.n;
}

export async function getGroupByName(sql: Queryable, name: string): Promise<GroupSummary | null> {
	const [row] = await sql<GroupSummary[]>`
		select id, name, level, area from groups where lower(name) = lower(${name})`;
	return row ?? null;
}

export async function insertGroup(
	sql: Queryable,
	g: { name: string; level: 1 | 2 | 3; area: string }
): Promise<GroupSummary> {
	const [row] = await sql<GroupSummary[]>`
		insert into groups (name, level, area) values (${g.name}, ${g.level}, ${g.area})
		returning id, name, level, area`;
	return row;
}

export async function addGroupMember(sql: Queryable, groupId: number, userId: number) {
	await sql`
		insert into group_members (group_id, user_id) values (${groupId}, ${userId})
		on conflict do nothing`;
}

export interface UserListItem {
	id: number;
	email: string;
	name: string;
	role: Role;
	active: boolean;
	groups: string[];
}

export async function listUsers(sql: Queryable): Promise<UserListItem[]> {
	return sql<UserListItem[]>`
		select u.id, u.email, u.name, u.role, u.active,
			coalesce(array_agg(g.name order by g.level, g.name) filter (where g.id is not null), '{}') as groups
		from users u
		left join group_members m on m.user_id = u.id
		left join groups g on g.id = m.group_id
		group by u.id order by u.role, u.name`;
}

export async function listGroups(
	sql: Queryable
): Promise<Array<GroupSummary & { members: number }>> {
	return sql<Array<GroupSummary & { members: number }>>`
		select g.id, g.name, g.level, g.area, count(m.user_id)::int as members
		from groups g left join group_members m on m.group_id = g.id
		group by g.id order by g.level, g.name`;
}

// ───────────────────────── self sign-up requests ─────────────────────────

/** A sign-up waiting for its owner to open the mailed link. */
export interface SignupRequest {
	email: string;
	name: string;
	expiresAt: Date;
}

export async function insertSignupRequest(
	sql: Queryable,
	r: { tokenHash: string; email: string; name: string; expiresAt: Date }
): Promise<void> {
	await sql`
		insert into signup_requests (token_hash, email, name, expires_at)
		values (${r.tokenHash}, ${r.email}, ${r.name}, ${r.expiresAt})`;
}

/** The unused, unexpired request behind a token hash, or null. */
export async function findSignupRequest(
	sql: Queryable,
	tokenHash: string
): Promise<SignupRequest | null> {
	const [row] = await sql<{ email: string; name: string; expires_at: Date }[]>`
		select email, name, expires_at from signup_requests
		where token_hash = ${tokenHash} and used_at is null and expires_at > now()`;
	return row ? { email: row.email, name: row.name, expiresAt: row.expires_at } : null;
}

/** Mark the request used, atomically: of two concurrent confirmations only one gets the row. */
export async function useSignupRequest(
	sql: Queryable,
	tokenHash: string
): Promise<SignupRequest | null> {
	// Confirmations for one address take turns (two links confirmed at once would otherwise each
	// void the other's row and deadlock): a transaction-scoped lock on the address.
	await sql`
		select pg_advisory_xact_lock(hashtext('signup:' || lower(email)))
		from signup_requests where token_hash = ${tokenHash}`;
	const [row] = await sql<{ email: string; name: string; expires_at: Date }[]>`
		update signup_requests set used_at = now()
		where token_hash = ${tokenHash} and used_at is null and expires_at > now()
		returning email, name, expires_at`;
	return row ? { email: row.email, name: row.name, expiresAt: row.expires_at } : null;
}

/** Other links for an address stop working once it has an account. */
export async function deleteSignupRequestsFor(sql: Queryable, email: string): Promise<void> {
	await sql`delete from signup_requests where lower(email) = lower(${email}) and used_at is null`;
}

export async function deleteExpiredSignupRequests(sql: Queryable): Promise<void> {
	await sql`delete from signup_requests where expires_at < now()`;
}

/** Current role and activity of `ids` (sockets re-check their user with it). */
export async function userStanding(
	sql: Queryable,
	ids: number[]
): Promise<Map<number, { role: string; active: boolean }>> {
	if (ids.length === 0) return new Map();
	const rows = await sql<{ id: number; role: string; active: boolean }[]>`
		select id, role, active from users where id = any(${ids}::int[])`;
	return new Map(rows.map((r) => [r.id, { role: r.role, active: r.active }]));
}
