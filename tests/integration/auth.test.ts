import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, safeRedirect } from '../../src/lib/server/auth/login';
import { hashPassword, verifyPassword } from '../../src/lib/server/auth/password';
import {
	createSession,
	generateSessionToken,
	hashToken,
	invalidateSession,
	SESSION_LIFETIME_MS,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import { ACCOUNT_FAILURES, ADDRESS_FAILURES } from '../../src/lib/server/auth/throttle';
import { createApiToken, revokeApiToken, validateApiToken } from '../../src/lib/server/auth/tokens';
import { getUserByEmail, type UserRecord } from '../../src/lib/server/users/db';
import { createUser, signUpRequester, type NewUser } from '../../src/lib/server/users/service';
import { DomainError } from '../../src/lib/server/errors';
import { DEMO_PASSWORD } from '../../src/lib/server/seed/demo';
import { DB_KIND, startTestApp, type TestApp } from './harness';

const DAY_MS = 24 * 60 * 60 * 1000;

let t: TestApp;
let agent: UserRecord;
let requester: UserRecord;

beforeAll(async () => {
	t = await startTestApp({ demo: true });
	agent = (await getUserByEmail(t.ctx.db.sql, 'l1@example.com'))!;
	requester = (await getUserByEmail(t.ctx.db.sql, 'user@example.com'))!;
});
afterAll(() => t.stop());

async function sessionRow(id: string) {
	const [row] = await t.ctx.db.sql<{ expires_at: Date }[]>`
		select expires_at from sessions where id = ${id}`;
	return row;
}

/** The error a promise rejects with, so its fields can be inspected. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	throw new Error('expected the promise to reject');
}

async function counts() {
	const [row] = await t.ctx.db.sql<{ users: number; events: number; members: number }[]>`
		select (select count(*)::int from users) as users,
			(select count(*)::int from events) as events,
			(select count(*)::int from group_members) as members`;
	return row;
}

describe(`sessions on ${DB_KIND}`, () => {
	it('validates a new session and returns the user with groups', async () => {
		const token = generateSessionToken();
		const session = await createSession(t.ctx.db.sql, token, agent.id);
		expect(session.id).toBe(hashToken(token));
		expect(session.id).not.toContain(token);

		const result = await validateSessionToken(t.ctx.db.sql, token);
		expect(result).not.toBeNull();
		expect(result!.renewed).toBe(false);
		expect(result!.session).toMatchObject({ id: hashToken(token), userId: agent.id });
		expect(result!.user).toMatchObject({
			id: agent.id,
			email: 'l1@example.com',
			role: 'agent',
			groups: [expect.objectContaining({ name: 'Service Desk', level: 1 })]
		});
		expect(result!.user).not.toHaveProperty('passwordHash');
		// The token itself is never stored, only its hash.
		const [stored] = await t.ctx.db
			.sql`select count(*)::int as n from sessions where id = ${token}`;
		expect(stored.n).toBe(0);
	});

	it('returns null for unknown, forged and malformed tokens', async () => {
		const token = generateSessionToken();
		await createSession(t.ctx.db.sql, token, agent.id);
		// Unknown: well-formed but never issued.
		expect(await validateSessionToken(t.ctx.db.sql, generateSessionToken())).toBeNull();
		// Forged: the session id (hash) sent as if it were the token.
		expect(await validateSessionToken(t.ctx.db.sql, hashToken(token))).toBeNull();
		// One character changed.
		const flipped = token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a');
		expect(await validateSessionToken(t.ctx.db.sql, flipped)).toBeNull();
		for (const malformed of ['', 'x', token.toUpperCase(), `${token}a`, `${token.slice(1)}!`]) {
			expect(await validateSessionToken(t.ctx.db.sql, malformed)).toBeNull();
		}
		// The real token still works: the checks above did not break anything.
		expect(await validateSessionToken(t.ctx.db.sql, token)).not.toBeNull();
	});

	it('rejects an expired session and deletes its row', async () => {
		const token = generateSessionToken();
		const session = await createSession(t.ctx.db.sql, token, agent.id);
		await t.ctx.db.sql`
			update sessions set expires_at = now() - interval '1 minute' where id = ${session.id}`;
		expect(await validateSessionToken(t.ctx.db.sql, token)).toBeNull();
		expect(await sessionRow(session.id)).toBeUndefined();
	});

	it('renews a session with less than 15 days left to a full 30 days', async () => {
		const token = generateSessionToken();
		const session = await createSession(t.ctx.db.sql, token, agent.id);
		await t.ctx.db.sql`
			update sessions set expires_at = now() + interval '10 days' where id = ${session.id}`;
		const before = Date.now();
		const result = await validateSessionToken(t.ctx.db.sql, token);
		expect(result?.renewed).toBe(true);
		const expected = before + SESSION_LIFETIME_MS;
		expect(Math.abs(result!.session.expiresAt.getTime() - expected)).toBeLessThan(60_000);
		const row = await sessionRow(session.id);
		expect(Math.abs(row.expires_at.getTime() - expected)).toBeLessThan(60_000);

		// With 20 days left nothing moves.
		await t.ctx.db.sql`
			update sessions set expires_at = now() + interval '20 days' where id = ${session.id}`;
		const again = await validateSessionToken(t.ctx.db.sql, token);
		expect(again?.renewed).toBe(false);
		const unchanged = await sessionRow(session.id);
		expect(Math.abs(unchanged.expires_at.getTime() - (Date.now() + 20 * DAY_MS))).toBeLessThan(
			60_000
		);
	});

	it('invalidateSession ends exactly that session', async () => {
		const a = generateSessionToken();
		const b = generateSessionToken();
		const sa = await createSession(t.ctx.db.sql, a, agent.id);
		await createSession(t.ctx.db.sql, b, agent.id);
		await invalidateSession(t.ctx.db.sql, sa.id);
		expect(await validateSessionToken(t.ctx.db.sql, a)).toBeNull();
		expect(await sessionRow(sa.id)).toBeUndefined();
		expect(await validateSessionToken(t.ctx.db.sql, b)).not.toBeNull();
	});

	it('a session of a deactivated user is refused', async () => {
		const user = await createUser(t.ctx.db, {
			email: 'gone-session@example.com',
			name: 'Gone',
			role: 'agent',
			password: 'long-enough-password'
		});
		const token = generateSessionToken();
		await createSession(t.ctx.db.sql, token, user.id);
		expect(await validateSessionToken(t.ctx.db.sql, token)).not.toBeNull();
		await t.ctx.db.sql`update users set active = false where id = ${user.id}`;
		expect(await validateSessionToken(t.ctx.db.sql, token)).toBeNull();
	});
});

describe('passwords', () => {
	it('hashes with argon2id and verifies only the right password', async () => {
		const hashed = await hashPassword('correct horse battery');
		expect(hashed.startsWith('$argon2id$')).toBe(true);
		expect(hashed).not.toContain('correct horse battery');
		expect(await verifyPassword(hashed, 'correct horse battery')).toBe(true);
		expect(await verifyPassword(hashed, 'correct horse battery!')).toBe(false);
		expect(await verifyPassword('not-a-hash', 'correct horse battery')).toBe(false);
		// Salted: the same password hashes differently each time.
		expect(await hashPassword('correct horse battery')).not.toBe(hashed);
	});
});

describe(`logIn and throttling on ${DB_KIND}`, () => {
	it('opens a session for the right password', async () => {
		const result = await logIn(t.ctx, 'user@example.com', DEMO_PASSWORD, '10.0.0.1');
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.role).toBe('requester');
		const validated = await validateSessionToken(t.ctx.db.sql, result.token);
		expect(validated?.user.id).toBe(requester.id);
	});

	it('matches the email case-insensitively', async () => {
		const result = await logIn(t.ctx, 'User@Example.COM', DEMO_PASSWORD, '10.0.0.2');
		expect(result.ok).toBe(true);
	});

	it('answers wrong password and unknown email alike with invalid', async () => {
		const before = await t.ctx.db.sql`select count(*)::int as n from sessions`;
		const wrong = await logIn(t.ctx, 'l2@example.com', 'wrong-password', '10.0.0.3');
		const unknown = await logIn(t.ctx, 'nobody@example.com', DEMO_PASSWORD, '10.0.0.3');
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });
		expect(unknown).toEqual({ ok: false, reason: 'invalid' });
		const after = await t.ctx.db.sql`select count(*)::int as n from sessions`;
		expect(after[0].n).toBe(before[0].n);
	});

	it('refuses a deactivated user even with the right password', async () => {
		await createUser(t.ctx.db, {
			email: 'gone-login@example.com',
			name: 'Gone',
			role: 'requester',
			password: 'long-enough-password'
		});
		await t.ctx.db.sql`update users set active = false where email = 'gone-login@example.com'`;
		const result = await logIn(t.ctx, 'gone-login@example.com', 'long-enough-password', '10.0.0.4');
		expect(result).toEqual({ ok: false, reason: 'invalid' });
	});

	it(`throttles an account after ${ACCOUNT_FAILURES} failures, even with the right password`, async () => {
		const email = 'l3@example.com';
		for (let i = 0; i < ACCOUNT_FAILURES; i++) {
			// Different addresses: the account limit must hold on its own.
			const r = await logIn(t.ctx, email, 'wrong-password', `10.1.0.${i}`);
			expect(r).toEqual({ ok: false, reason: 'invalid' });
		}
		const blocked = await logIn(t.ctx, email, DEMO_PASSWORD, '10.1.1.1');
		expect(blocked.ok).toBe(false);
		if (blocked.ok) return;
		expect(blocked.reason).toBe('throttled');
		if (blocked.reason !== 'throttled') return;
		expect(blocked.retryAfter).toBeGreaterThan(0);
		expect(blocked.retryAfter).toBeLessThanOrEqual(15 * 60);
		// The key ignores case and surrounding space.
		const variant = await logIn(t.ctx, ' L3@Example.com ', DEMO_PASSWORD, '10.1.1.2');
		expect(variant).toMatchObject({ ok: false, reason: 'throttled' });
		// Per account: another account from the same address is unaffected.
		const other = await logIn(t.ctx, 'lead@example.com', DEMO_PASSWORD, '10.1.0.0');
		expect(other.ok).toBe(true);
	});

	it('a successful login resets the account counter', async () => {
		const email = 'admin@example.com';
		for (let i = 0; i < ACCOUNT_FAILURES - 1; i++) {
			expect((await logIn(t.ctx, email, 'wrong-password', '10.2.0.1')).ok).toBe(false);
		}
		expect((await logIn(t.ctx, email, DEMO_PASSWORD, '10.2.0.1')).ok).toBe(true);
		// Without the reset these would reach the limit and the next login would be throttled.
		for (let i = 0; i < ACCOUNT_FAILURES - 1; i++) {
			const r = await logIn(t.ctx, email, 'wrong-password', '10.2.0.2');
			expect(r).toEqual({ ok: false, reason: 'invalid' });
		}
		expect((await logIn(t.ctx, email, DEMO_PASSWORD, '10.2.0.3')).ok).toBe(true);
	});

	it(`throttles an address after ${ADDRESS_FAILURES} failures across accounts`, async () => {
		const address = '10.3.0.1';
		for (let i = 0; i < ADDRESS_FAILURES; i++) {
			const r = await logIn(t.ctx, `spray-${i}@example.com`, 'guess', address);
			expect(r).toEqual({ ok: false, reason: 'invalid' });
		}
		// A fresh account from that address is throttled, right password or not.
		const fromSame = await logIn(t.ctx, 'user2@example.com', DEMO_PASSWORD, address);
		expect(fromSame).toMatchObject({ ok: false, reason: 'throttled' });
		// The same account from another address is not.
		const fromOther = await logIn(t.ctx, 'user2@example.com', DEMO_PASSWORD, '10.3.0.2');
		expect(fromOther.ok).toBe(true);
	});
});

describe(`API tokens on ${DB_KIND}`, () => {
	it('returns the token once and stores only its SHA-256 hash', async () => {
		const { token, info } = await createApiToken(t.ctx.db.sql, agent.id, 'ci');
		expect(token).toMatch(/^lst_[a-z2-7]{39}$/);
		expect(info).toMatchObject({ name: 'ci', prefix: token.slice(0, 10), revokedAt: null });
		const [row] = await t.ctx.db.sql<Record<string, unknown>[]>`
			select * from api_tokens where id = ${info.id}`;
		expect(row.token_hash).toBe(hashToken(token));
		for (const value of Object.values(row)) {
			expect(String(value)).not.toContain(token);
			expect(String(value)).not.toContain(token.slice(4));
		}
	});

	it('validates to its user and records use', async () => {
		const { token, info } = await createApiToken(t.ctx.db.sql, agent.id, 'script');
		const user = await validateApiToken(t.ctx.db.sql, token);
		expect(user).toMatchObject({ id: agent.id, role: 'agent' });
		expect(user?.groups.map((g) => g.name)).toEqual(['Service Desk']);
		const [row] = await t.ctx.db.sql<{ last_used_at: Date | null }[]>`
			select last_used_at from api_tokens where id = ${info.id}`;
		expect(row.last_used_at).toBeInstanceOf(Date);
	});

	it('refuses unknown, malformed and revoked tokens', async () => {
		const { token, info } = await createApiToken(t.ctx.db.sql, agent.id, 'revoke-me');
		expect(await validateApiToken(t.ctx.db.sql, 'lst_' + 'a'.repeat(39))).toBeNull();
		expect(await validateApiToken(t.ctx.db.sql, token.slice(4))).toBeNull();
		expect(await validateApiToken(t.ctx.db.sql, hashToken(token))).toBeNull();
		// Another user cannot revoke it.
		expect(await revokeApiToken(t.ctx.db.sql, requester.id, info.id)).toBe(false);
		expect(await validateApiToken(t.ctx.db.sql, token)).not.toBeNull();
		expect(await revokeApiToken(t.ctx.db.sql, agent.id, info.id)).toBe(true);
		expect(await validateApiToken(t.ctx.db.sql, token)).toBeNull();
	});

	it('refuses the token of a deactivated user', async () => {
		const user = await createUser(t.ctx.db, {
			email: 'gone-token@example.com',
			name: 'Gone',
			role: 'agent',
			password: 'long-enough-password'
		});
		const { token } = await createApiToken(t.ctx.db.sql, user.id, 'old');
		expect(await validateApiToken(t.ctx.db.sql, token)).not.toBeNull();
		await t.ctx.db.sql`update users set active = false where id = ${user.id}`;
		expect(await validateApiToken(t.ctx.db.sql, token)).toBeNull();
	});
});

describe(`users service on ${DB_KIND}`, () => {
	const valid: NewUser = {
		email: 'new.agent@example.com',
		name: 'New Agent',
		role: 'agent',
		password: 'long-enough-password',
		group: 'Network'
	};

	it.each([
		['email', { email: 'not-an-email' }],
		['password', { password: 'short' }],
		['role', { role: 'superuser' as NewUser['role'] }],
		['name', { name: '   ' }],
		['group', { group: 'No Such Group' }]
	])('reports a bad %s on that field and writes nothing', async (field, change) => {
		const before = await counts();
		const error = await rejection(createUser(t.ctx.db, { ...valid, ...change }));
		expect(error).toBeInstanceOf(DomainError);
		expect(Object.keys((error as DomainError).fields)).toEqual([field]);
		expect(await counts()).toEqual(before);
	});

	it('reports every invalid field at once', async () => {
		const error = await rejection(
			createUser(t.ctx.db, { ...valid, email: 'x', password: 'y', role: 'boss' as 'agent' })
		);
		expect(Object.keys((error as DomainError).fields).sort()).toEqual([
			'email',
			'password',
			'role'
		]);
	});

	it('creates the user with group and a user.created event in the same transaction', async () => {
		const user = await createUser(t.ctx.db, { ...valid, email: 'New.Agent@Example.com' }, agent.id);
		expect(user).toMatchObject({ email: 'new.agent@example.com', role: 'agent' });
		expect(user.groups.map((g) => g.name)).toEqual(['Network']);
		const record = await getUserByEmail(t.ctx.db.sql, 'new.agent@example.com');
		expect(record?.passwordHash?.startsWith('$argon2id$')).toBe(true);
		expect(await verifyPassword(record!.passwordHash!, valid.password)).toBe(true);

		const events = await t.ctx.db.sql<
			{
				type: string;
				audience: string;
				actor_id: number | null;
				payload: unknown;
				same_tx: boolean;
			}[]
		>`
			select e.type, e.audience, e.actor_id, e.payload,
				e.created_at = u.created_at as same_tx
			from events e join users u on u.id = ${user.id}
			where e.topic = ${`user:${user.id}`}`;
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			type: 'user.created',
			audience: 'agents',
			actor_id: agent.id,
			payload: { userId: user.id, role: 'agent', groupId: user.groups[0].id }
		});
		// now() is the transaction's start time: equal timestamps mean one transaction.
		expect(events[0].same_tx).toBe(true);
	});

	it('refuses a duplicate email regardless of case and writes nothing', async () => {
		const before = await counts();
		const error = await rejection(
			createUser(t.ctx.db, { ...valid, email: 'L2@EXAMPLE.com', group: undefined })
		);
		expect(error).toBeInstanceOf(DomainError);
		expect((error as DomainError).fields).toHaveProperty('email');
		expect(await counts()).toEqual(before);
	});

	it('lets a requester sign up only from an allowed domain', async () => {
		const input = { email: 'self@example.com', name: 'Self' };
		const before = await counts();

		const offDomain = await rejection(
			signUpRequester(t.ctx.db, { ...input, email: 'self@evil.example' }, ['example.com'])
		);
		expect((offDomain as DomainError).fields.email).toContain('example.com');
		// A subdomain or a look-alike is not the allowed domain.
		const lookAlike = await rejection(
			signUpRequester(t.ctx.db, { ...input, email: 'self@example.com.evil' }, ['example.com'])
		);
		expect(lookAlike).toBeInstanceOf(DomainError);

		const off = await rejection(signUpRequester(t.ctx.db, input, []));
		expect(off).toBeInstanceOf(DomainError);
		expect((off as DomainError).fields.email).toMatch(/turned off/);
		expect(await counts()).toEqual(before);

		// An allowed address is mailed a link; the account exists only once it is confirmed
		// (the whole flow: signup.test.ts).
		await signUpRequester(
			t.ctx.db,
			{ ...input, email: 'Self@Example.com' },
			t.ctx.config.signupDomains
		);
		expect(await getUserByEmail(t.ctx.db.sql, 'self@example.com')).toBeNull();
		const [mail] = await t.ctx.db.sql<{ n: number }[]>`
			select count(*)::int as n from outbox where recipient = 'self@example.com'`;
		expect(mail.n).toBe(1);
	});
});

describe('safeRedirect', () => {
	it.each(['//evil.com', 'https://evil.com', '/\\evil', '/\\/evil.com', 'evil.com', '', null])(
		'rejects %j',
		(target) => {
			expect(safeRedirect(target, '/portal')).toBe('/portal');
		}
	);

	it.each(['/\t/evil.com', '/\n/evil.com', '\t//evil.com'])(
		'rejects %j, which browsers read as //evil.com',
		(target) => {
			expect(safeRedirect(target, '/portal')).toBe('/portal');
		}
	);

	it.each(['/desk?x=1', '/desk/tickets/42#reply', '/'])('keeps %j', (target) => {
		expect(safeRedirect(target, '/portal')).toBe(target);
	});
});
