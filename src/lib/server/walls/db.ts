// Walls (which groups a wall dashboard shows) and their read-only kiosk tokens.
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Queryable } from '../db/client';
import { hashToken } from '../auth/session';
import type { WallConfig, WallTokenInfo } from '$lib/types/wall';

/** Recognisable prefix, distinct from API tokens (`lst_`): a wall token opens a wall, nothing else. */
export const WALL_TOKEN_PREFIX = 'lsw_';

interface WallRow {
	id: number;
	name: string;
	group_ids: number[];
}

const toWall = (r: WallRow): WallConfig => ({ id: r.id, name: r.name, groupIds: r.group_ids });

export async function listWalls(sql: Queryable): Promise<WallConfig[]> {
	const rows = await sql<WallRow[]>`select id, name, group_ids from walls order by id`;
	return rows.map(toWall);
}

export async function getWall(sql: Queryable, id: number): Promise<WallConfig | null> {
	const [row] = await sql<WallRow[]>`select id, name, group_ids from walls where id = ${id}`;
	return row ? toWall(row) : null;
}

export async function insertWall(
	sql: Queryable,
	wall: { name: string; groupIds: number[]; createdBy: number }
): Promise<WallConfig> {
	const [row] = await sql<WallRow[]>`
		insert into walls (name, group_ids, created_by)
		values (${wall.name}, ${wall.groupIds}::int[], ${wall.createdBy})
		returning id, name, group_ids`;
	return toWall(row);
}

export async function updateWall(
	sql: Queryable,
	id: number,
	wall: { name: string; groupIds: number[] }
): Promise<WallConfig | null> {
	const [row] = await sql<WallRow[]>`
		update walls set name = ${wall.name}, group_ids = ${wall.groupIds}::int[], updated_at = now()
		where id = ${id} returning id, name, group_ids`;
	return row ? toWall(row) : null;
}

export async function deleteWall(sql: Queryable, id: number): Promise<boolean> {
	const rows = await sql`delete from walls where id = ${id} returning id`;
	return rows.length > 0;
}

export function generateWallToken(): string {
	const bytes = new Uint8Array(24);
	crypto.getRandomValues(bytes);
	return WALL_TOKEN_PREFIX + encodeBase32LowerCaseNoPadding(bytes);
}

/** Store a new token's hash; the plain token is returned once and never again. */
export async function insertWallToken(
	sql: Queryable,
	t: { wallId: number; name: string; createdBy: number }
): Promise<{ token: string; id: number }> {
	const token = generateWallToken();
	const [row] = await sql<{ id: number }[]>`
		insert into wall_tokens (wall_id, name, token_hash, prefix, created_by)
		values (${t.wallId}, ${t.name}, ${hashToken(token)}, ${token.slice(0, 10)}, ${t.createdBy})
		returning id`;
	return { token, id: row.id };
}

export async function revokeWallToken(sql: Queryable, id: number): Promise<boolean> {
	const rows = await sql`
		update wall_tokens set revoked_at = now() where id = ${id} and revoked_at is null
		returning id`;
	return rows.length > 0;
}

export async function listWallTokens(sql: Queryable): Promise<WallTokenInfo[]> {
	const rows = await sql<
		{
			id: number;
			wall_id: number;
			name: string;
			prefix: string;
			created_at: Date;
			last_used_at: Date | null;
			revoked_at: Date | null;
		}[]
	>`
		select id, wall_id, name, prefix, created_at, last_used_at, revoked_at
		from wall_tokens order by created_at desc, id desc`;
	return rows.map((r) => ({
		id: r.id,
		wallId: r.wall_id,
		name: r.name,
		prefix: r.prefix,
		createdAt: r.created_at.toISOString(),
		lastUsedAt: r.last_used_at?.toISOString() ?? null,
		revokedAt: r.revoked_at?.toISOString() ?? null
	}));
}

/** The wall a token opens, or null for unknown, revoked or malformed tokens. */
export async function validateWallToken(
	sql: Queryable,
	token: string
): Promise<{ tokenId: number; wall: WallConfig } | null> {
	if (!token.startsWith(WALL_TOKEN_PREFIX) || token.length > 100) return null;
	const [row] = await sql<(WallRow & { token_id: number })[]>`
		update wall_tokens t set last_used_at = now()
		from walls w
		where t.token_hash = ${hashToken(token)} and t.revoked_at is null and w.id = t.wall_id
		returning t.id as token_id, w.id, w.name, w.group_ids`;
	return row ? { tokenId: row.token_id, wall: toWall(row) } : null;
}

/** Of `ids`, the wall tokens that are still valid. */
export async function liveWallTokens(sql: Queryable, ids: number[]): Promise<Set<number>> {
	if (ids.length === 0) return new Set();
	const rows = await sql<{ id: number }[]>`
		select id from wall_tokens where id = any(${ids}::int[]) and revoked_at is null`;
	return new Set(rows.map((r) => r.id));
}
