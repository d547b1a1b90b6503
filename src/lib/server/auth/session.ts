import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Queryable } from '../db/client';
import { sessionUserColumns, toSessionUserOf, type SessionUserRow } from '../users/db';
import type { SessionUser } from '$lib/types/user';

const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** A session is extended once less than half of its lifetime is left. */
const RENEW_WHEN_LEFT_MS = 15 * DAY_MS;
export const SESSION_COOKIE = 'leitstand_session';

export interface Session {
	id: string;
	userId: number;
	expiresAt: Date;
}

export interface SessionValidation {
	session: Session;
	user: SessionUser;
	/** True when the expiry moved, so the cookie must be re-sent. */
	renewed: boolean;
}

/** 20 random bytes, base32: the secret that lives only in the cookie. */
export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
	sql: Queryable,
	token: string,
	userId: number
): Promise<Session> {
	const session: Session = {
		id: hashToken(token),
		userId,
		expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS)
	};
	await sql`
		insert into sessions (id, user_id, expires_at)
		values (${session.id}, ${session.userId}, ${session.expiresAt})`;
	return session;
}

/** Look up the session behind a cookie token; expired or unknown tokens yield null. */
export async function validateSessionToken(
	sql: Queryable,
	token: string
): Promise<SessionValidation | null> {
	// Tokens we issue are 32 base32 chars; anything else cannot be ours, so skip the query.
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const id = hashToken(token);
	// Session, user and groups in one query: every page load starts here.
	const [row] = await sql<(SessionUserRow & { expires_at: Date })[]>`
		select s.expires_at, ${sessionUserColumns(sql)}
		from sessions s join users u on u.id = s.user_id where s.id = ${id}`;
	if (!row) return null;
	const now = Date.now();
	if (now >= row.expires_at.getTime() || !row.active) {
		await sql`delete from sessions where id = ${id}`;
		return null;
	}
	const session: Session = { id, userId: row.id, expiresAt: row.expires_at };
	let renewed = false;
	if (row.expires_at.getTime() - now < RENEW_WHEN_LEFT_MS) {
		session.expiresAt = new Date(now + SESSION_LIFETIME_MS);
		await sql`update sessions set expires_at = ${session.expiresAt} where id = ${id}`;
		renewed = true;
	}
	return { session, user: toSessionUserOf(row), renewed };
}

/** Of `ids`, the sessions that still exist and have not expired. */
export async function liveSessions(sql: Queryable, ids: string[]): Promise<Set<string>> {
	if (ids.length === 0) return new Set();
	const rows = await sql<{ id: string }[]>`
		select id from sessions where id = any(${ids}::text[]) and expires_at > now()`;
	return new Set(rows.map((r) => r.id));
}

export async function invalidateSession(sql: Queryable, sessionId: string): Promise<void> {
	await sql`delete from sessions where id = ${sessionId}`;
}

export async function invalidateUserSessions(sql: Queryable, userId: number): Promise<void> {
	await sql`delete from sessions where user_id = ${userId}`;
}

export async function deleteExpiredSessions(sql: Queryable): Promise<number> {
	const rows = await sql`delete from sessions where expires_at <= now() returning id`;
	return rows.length;
}
