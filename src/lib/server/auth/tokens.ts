import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Queryable } from '../db/client';
import { sessionUserColumns, toSessionUserOf, type SessionUserRow } from '../users/db';
import { hashToken } from './session';
import type { SessionUser } from '$lib/types/user';

/** Recognisable prefix so leaked tokens can be found by secret scanners. */
export const TOKEN_PREFIX = 'lst_';

export interface ApiTokenInfo {
	id: number;
	name: string;
	prefix: string;
	createdAt: Date;
	lastUsedAt: Date | null;
	revokedAt: Date | null;
}

export function generateApiToken(): string {
	const bytes = new Uint8Array(24);
	crypto.getRandomValues(bytes);
	return TOKEN_PREFIX + encodeBase32LowerCaseNoPadding(bytes);
}

/** Store a new token's hash; the plain token is returned to the caller once and never again. */
export async function createApiToken(
	sql: Queryable,
	userId: number,
	name: string
): Promise<{ token: string; info: ApiTokenInfo }> {
	const token = generateApiToken();
	const [row] = await sql<{ id: number; name: string; prefix: string; created_at: Date }[]>`
		insert into api_tokens (user_id, name, token_hash, prefix)
		values (${userId}, ${name}, ${hashToken(token)}, ${token.slice(0, 10)})
		returning id, name, prefix, created_at`;
	return {
		token,
		info: {
			id: row.id,
			name: row.name,
			prefix: row.prefix,
			createdAt: row.created_at,
			lastUsedAt: null,
			revokedAt: null
		}
	};
}

/** The active user a bearer token acts as, or null for unknown, revoked or malformed tokens. */
export async function validateApiToken(sql: Queryable, token: string): Promise<SessionUser | null> {
	return (await authenticateApiToken(sql, token))?.user ?? null;
}

/** Like `validateApiToken`, with the token's id (sockets re-check it while they live). */
export async function authenticateApiToken(
	sql: Queryable,
	token: string
): Promise<{ tokenId: number; user: SessionUser } | null> {
	if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
	// Token, user and groups in one query: every API request starts here.
	const [row] = await sql<(SessionUserRow & { token_id: number; fresh: boolean })[]>`
		select t.id as token_id, t.last_used_at > now() - interval '1 minute' as fresh,
			${sessionUserColumns(sql)}
		from api_tokens t join users u on u.id = t.user_id
		where t.token_hash = ${hashToken(token)} and t.revoked_at is null`;
	if (!row || !row.active) return null;
	// "Last used" to the minute: a busy script must not turn every request into a write on the
	// same row (all its requests would queue behind that row lock and a commit each).
	if (!row.fresh) await sql`update api_tokens set last_used_at = now() where id = ${row.token_id}`;
	return { tokenId: row.token_id, user: toSessionUserOf(row) };
}

/** Of `ids`, the API tokens not revoked. */
export async function liveApiTokens(sql: Queryable, ids: number[]): Promise<Set<number>> {
	if (ids.length === 0) return new Set();
	const rows = await sql<{ id: number }[]>`
		select id from api_tokens where id = any(${ids}::int[]) and revoked_at is null`;
	return new Set(rows.map((r) => r.id));
}

export async function revokeApiToken(sql: Queryable, userId: number, tokenId: number) {
	const rows = await sql`
		update api_tokens set revoked_at = now()
		where id = ${tokenId} and user_id = ${userId} and revoked_at is null returning id`;
	return rows.length > 0;
}

export async function listApiTokens(sql: Queryable, userId: number): Promise<ApiTokenInfo[]> {
	const rows = await sql<
		{
			id: number;
			name: string;
			prefix: string;
			created_at: Date;
			last_used_at: Date | null;
			revoked_at: Date | null;
		}[]
	>`
		select id, name, prefix, created_at, last_used_at, revoked_at
		from api_tokens where user_id = ${userId} order by created_at desc`;
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		prefix: r.prefix,
		createdAt: r.created_at,
		lastUsedAt: r.last_used_at,
		revokedAt: r.revoked_at
	}));
}
