// Self sign-up with confirmation by mail, through the real hooks, form actions and mail outbox,
// on the database under test (PGlite, or PostgreSQL with TEST_DATABASE_URL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actions as signupActions, load as signupLoad } from '../../src/routes/signup/+page.server';
import {
	actions as confirmActions,
	load as confirmLoad
} from '../../src/routes/signup/confirm/+page.server';
import { logIn } from '../../src/lib/server/auth/login';
import { hashToken, validateSessionToken } from '../../src/lib/server/auth/session';
import { SIGNUP_PER_ADDRESS, SIGNUP_PER_EMAIL } from '../../src/lib/server/auth/throttle';
import { getUserByEmail } from '../../src/lib/server/users/db';
import { DB_KIND, startTestApp, type TestApp } from './harness';
import { action, page, send } from './requests';

const PASSWORD = 'correct horse battery staple';
let t: TestApp;
let addresses = 0;

beforeAll(async () => {
	t = await startTestApp({ demo: true });
});
afterAll(() => t.stop());

/** A fresh client address per call, unless one is given: throttling is tested on its own. */
const nextAddress = () => `10.60.${Math.floor(addresses / 250)}.${addresses++ % 250}`;

const signUp = (form: Record<string, string>, address = nextAddress()) =>
	send(action(signupActions.default), { path: '/signup', form, address });

const confirm = (token: string, form: Record<string, string>) =>
	send(action(confirmActions.default), {
		path: `/signup/confirm?token=${encodeURIComponent(token)}`,
		form
	});

const openLink = (token: string) =>
	send(page(confirmLoad), { path: `/signup/confirm?token=${encodeURIComponent(token)}` });

async function mailsTo(email: string) {
	return t.ctx.db.sql<{ subject: string; body: string }[]>`
		select subject, body from outbox where recipient = ${email} order by id`;
}

/** The token in the last sign-up link mailed to `email`. */
async function tokenFor(email: string): Promise<string> {
	const mails = await mailsTo(email);
	const token = /\/signup\/confirm\?token=([a-z2-7]+)/.exec(mails.at(-1)?.body ?? '')?.[1];
	expect(token, `a link in the mail to ${email}`).toBeDefined();
	return token!;
}

async function counts() {
	const [row] = await t.ctx.db.sql<{ users: number; requests: number; mails: number }[]>`
		select (select count(*)::int from users) as users,
			(select count(*)::int from signup_requests) as requests,
			(select count(*)::int from outbox) as mails`;
	return row;
}

describe(`self sign-up on ${DB_KIND}`, () => {
	it('creates the account only when the mailed link is used, and the link works once', async () => {
		const answer = await signUp({ name: 'Sina Signup', email: ' Sina@Example.com ' });
		expect(answer.status, answer.text).toBe(200);
		expect(answer.body.data).toEqual({ sent: true, email: 'sina@example.com', hours: 24 });
		expect(await getUserByEmail(t.ctx.db.sql, 'sina@example.com')).toBeNull();

		const token = await tokenFor('sina@example.com');
		// Stored only as a hash, never the token itself.
		const [row] = await t.ctx.db.sql<Record<string, unknown>[]>`
			select * from signup_requests where lower(email) = 'sina@example.com'`;
		expect(row.token_hash).toBe(hashToken(token));
		for (const value of Object.values(row)) expect(String(value)).not.toContain(token);

		// Following the link (as a mail scanner would) only shows the form.
		const opened = await openLink(token);
		expect(opened.status).toBe(200);
		expect(opened.body.data.pending).toEqual({ email: 'sina@example.com', name: 'Sina Signup' });
		expect(await getUserByEmail(t.ctx.db.sql, 'sina@example.com')).toBeNull();
		expect((await openLink('a'.repeat(32))).body.data.pending).toBeNull();

		const short = await confirm(token, { name: 'Sina Signup', password: 'short' });
		expect(short.status).toBe(400);
		expect(short.body.data.fields).toHaveProperty('password');
		expect(await getUserByEmail(t.ctx.db.sql, 'sina@example.com')).toBeNull();

		const done = await confirm(token, { name: 'Sina S.', password: PASSWORD });
		expect(done.status, done.text).toBe(303);
		expect(done.headers.get('location')).toBe('/portal');
		const user = await getUserByEmail(t.ctx.db.sql, 'sina@example.com');
		expect(user).toMatchObject({ name: 'Sina S.', role: 'requester', active: true });
		const session = await validateSessionToken(
			t.ctx.db.sql,
			done.cookies.get('leitstand_session')!
		);
		expect(session?.user.id).toBe(user!.id);
		const [event] = await t.ctx.db.sql<{ type: string; payload: Record<string, unknown> }[]>`
			select type, payload from events where topic = ${`user:${user!.id}`}`;
		expect(event).toMatchObject({ type: 'user.created', payload: { role: 'requester' } });
		expect((await logIn(t.ctx, 'sina@example.com', PASSWORD, '10.61.0.1')).ok).toBe(true);

		// Used once: the link is void now, and creates nothing more.
		const before = await counts();
		const again = await confirm(token, { name: 'Mallory', password: 'another long password' });
		expect(again.status).toBe(410);
		expect(again.body.data.invalid).toBe(true);
		expect((await openLink(token)).body.data.pending).toBeNull();
		expect(await counts()).toEqual(before);
		expect((await getUserByEmail(t.ctx.db.sql, 'sina@example.com'))!.name).toBe('Sina S.');
	});

	it('answers the same whether or not the address has an account; only the mail differs', async () => {
		const existing = await signUp({ name: 'Someone', email: 'user@example.com' });
		const fresh = await signUp({ name: 'Someone', email: 'nobody-yet@example.com' });
		expect(existing.status).toBe(fresh.status);
		expect(existing.headers.get('content-type')).toBe(fresh.headers.get('content-type'));
		expect({ ...existing.body.data, email: 'x' }).toEqual({ ...fresh.body.data, email: 'x' });
		expect(existing.text.replace('user@example.com', '@')).toBe(
			fresh.text.replace('nobody-yet@example.com', '@')
		);

		// The owner of the existing account is told so, and gets no link.
		const [told] = await mailsTo('user@example.com');
		expect(told.body).toContain('/login');
		expect(told.body).not.toContain('/signup/confirm');
		const [rows] = await t.ctx.db.sql<{ n: number }[]>`
			select count(*)::int as n from signup_requests where lower(email) = 'user@example.com'`;
		expect(rows.n).toBe(0);
		expect(await tokenFor('nobody-yet@example.com')).toMatch(/^[a-z2-7]{32}$/);

		// A deactivated account gets no mail at all, and the same answer.
		await t.ctx.db.sql`update users set active = false where email = 'user2@example.com'`;
		try {
			const inactive = await signUp({ name: 'Someone', email: 'user2@example.com' });
			expect({ ...inactive.body.data, email: 'x' }).toEqual({ ...fresh.body.data, email: 'x' });
			expect(await mailsTo('user2@example.com')).toEqual([]);
		} finally {
			await t.ctx.db.sql`update users set active = true where email = 'user2@example.com'`;
		}
	});

	it('an expired link creates nothing', async () => {
		await signUp({ name: 'Late Larry', email: 'late@example.com' });
		const token = await tokenFor('late@example.com');
		await t.ctx.db.sql`
			update signup_requests set expires_at = now() - interval '1 minute'
			where token_hash = ${hashToken(token)}`;
		expect((await openLink(token)).body.data.pending).toBeNull();
		const r = await confirm(token, { name: 'Late Larry', password: PASSWORD });
		expect(r.status).toBe(410);
		expect(await getUserByEmail(t.ctx.db.sql, 'late@example.com')).toBeNull();
	});

	it('two links for one address: the first confirmation wins, the other link is void', async () => {
		await signUp({ name: 'Twin One', email: 'twins@example.com' });
		const first = await tokenFor('twins@example.com');
		await signUp({ name: 'Twin Two', email: 'twins@example.com' });
		const second = await tokenFor('twins@example.com');
		expect(second).not.toBe(first);
		const [a, b] = await Promise.all([
			confirm(second, { name: 'Twin Two', password: PASSWORD }),
			confirm(first, { name: 'Twin One', password: PASSWORD })
		]);
		expect([a.status, b.status].sort()).toEqual([303, 410]);
		const [n] = await t.ctx.db.sql<{ n: number }[]>`
			select count(*)::int as n from users where lower(email) = 'twins@example.com'`;
		expect(n.n).toBe(1);
	});

	it(`is throttled per address (${SIGNUP_PER_EMAIL}/h) and per client address (${SIGNUP_PER_ADDRESS}/h)`, async () => {
		for (let i = 0; i < SIGNUP_PER_EMAIL; i++) {
			expect((await signUp({ name: 'Bombed', email: 'bombed@example.com' })).status).toBe(200);
		}
		const blocked = await signUp({ name: 'Bombed', email: 'Bombed@Example.com' });
		expect(blocked.status).toBe(429);
		expect(blocked.body.data.message).toMatch(/minutes/);
		expect(await mailsTo('bombed@example.com')).toHaveLength(SIGNUP_PER_EMAIL);
		// Existing or not, the limit is the same: the 429 tells nothing either.
		for (let i = 0; i < SIGNUP_PER_EMAIL; i++) await signUp({ name: 'X', email: 'l1@example.com' });
		expect((await signUp({ name: 'X', email: 'l1@example.com' })).status).toBe(429);

		const address = '10.62.0.1';
		for (let i = 0; i < SIGNUP_PER_ADDRESS; i++) {
			const r = await signUp({ name: 'Sprayer', email: `spray-${i}@example.com` }, address);
			expect(r.status).toBe(200);
		}
		const before = await counts();
		const sprayed = await signUp({ name: 'Sprayer', email: 'spray-x@example.com' }, address);
		expect(sprayed.status).toBe(429);
		expect(await counts()).toEqual(before);
		expect((await signUp({ name: 'Other', email: 'spray-x@example.com' })).status).toBe(200);
	});

	it('refuses other domains and malformed input with field errors, and mails nothing', async () => {
		const before = await counts();
		for (const [form, field] of [
			[{ name: 'Eve', email: 'eve@evil.example' }, 'email'],
			[{ name: 'Eve', email: 'eve@example.com.evil' }, 'email'],
			[{ name: 'Eve', email: 'not-an-email' }, 'email'],
			[{ name: '   ', email: 'eve@example.com' }, 'name'],
			[{ name: 'Eve\nAdmin', email: 'eve@example.com' }, 'name'],
			[{ name: 'Eve \u202e', email: 'eve@example.com' }, 'name']
		] as const) {
			const r = await signUp(form);
			expect(r.status, JSON.stringify(form)).toBe(400);
			expect(Object.keys(r.body.data.fields)).toEqual([field]);
		}
		expect(await counts()).toEqual(before);
	});

	it('is a 404 when sign-up is turned off, link or not', async () => {
		await signUp({ name: 'Off', email: 'off@example.com' });
		const token = await tokenFor('off@example.com');
		const domains = t.ctx.config.signupDomains;
		t.ctx.config.signupDomains = [];
		try {
			expect((await send(page(signupLoad), { path: '/signup' })).status).toBe(404);
			expect((await signUp({ name: 'Off', email: 'off2@example.com' })).status).toBe(404);
			expect((await openLink(token)).status).toBe(404);
			expect((await confirm(token, { name: 'Off', password: PASSWORD })).status).toBe(404);
		} finally {
			t.ctx.config.signupDomains = domains;
		}
		expect(await getUserByEmail(t.ctx.db.sql, 'off@example.com')).toBeNull();
	});
});
