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
