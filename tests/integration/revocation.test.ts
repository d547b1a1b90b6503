// A socket's rights follow its credentials: sign-out, deactivation, a role change and token
// revocation cut it off within seconds (the gateway re-checks every socket every 2 s, with one
// query per kind of credential), and until then it never receives what it may no longer see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeUserRole, setUserActive } from '../../src/lib/server/admin/service';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	hashToken
} from '../../src/lib/server/auth/session';
import { createApiToken, revokeApiToken } from '../../src/lib/server/auth/tokens';
import { REVALIDATE_MS } from '../../src/lib/server/realtime/gateway';
import { getUserByEmail, toSessionUser, type UserRecord } from '../../src/lib/server/users/db';
import { createUser } from '../../src/lib/server/users/service';
import type { RevokedReason } from '../../src/lib/realtime/events';
import type { LeitstandEvent } from '../../src/lib/types/events';
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
let admin: UserRecord;

beforeAll(async () => {
	delete process.env.ORIGIN;
	t = await startTestApp({ demo: true });
	server = await startSocketServer(t.ctx);
	admin = (await getUserByEmail(t.ctx.db.sql, 'admin@example.com'))!;
});
afterAll(async () => {
	await server?.close();
	await t?.stop();
});

let serial = 0;
/** A fresh agent, so that one test's changes do not touch another's. */
async function freshAgent() {
	serial += 1;
	return createUser(
		t.ctx.db,
		{
			email: `revoke-${serial}@example.com`,
			name: `Revoke ${serial}`,
			role: 'agent',
			password: 'a-long-enough-password'
		},
		admin.id
	);
}

interface Watched {
	socket: TestClientSocket;
	events: LeitstandEvent[];
	revoked: RevokedReason[];
	disconnected: Promise<void>;
}

async function watch(options: { cookie?: string; token?: string }): Promise<Watched> {
	const socket = server.connect({ transport: 'websocket', ...options });
	const watched: Watched = {
		socket,
		events: [],
		revoked: [],
		disconnected: new Promise((resolve) => socket.on('disconnect', () => resolve()))
	};
	socket.on('event', (e) => watched.events.push(e));
	socket.on('revoked', ({ reason }) => watched.revoked.push(reason));
	await connected(socket);
	const ack = await socket.timeout(5000).emitWithAck('subscribe', { topics: ['desk'] });
	expect(ack.ok).toBe(true);
	return watched;
}

/** Resolves within a few seconds — without anyone calling revalidate by hand. */
async function cutOff(watched: Watched, reason: RevokedReason) {
	const started = Date.now();
	await Promise.race([
		watched.disconnected,
		new Promise((_, reject) =>
			setTimeout(() => reject(new Error('still connected')), 3 * REVALIDATE_MS + 2000)
		)
	]);
	expect(watched.revoked).toEqual([reason]);
	expect(Date.now() - started).toBeLessThan(3 * REVALIDATE_MS + 2000);
	expect(watched.socket.connected).toBe(false);
}

async function session(userId: number) {
	const token = generateSessionToken();
	await createSession(t.ctx.db.sql, token, userId);
	return { cookie: `leitstand_session=${token}`, id: hashToken(token) };
}

describe(`sockets lose their rights with their credentials on ${DB_KIND}`, () => {
	it('signing out cuts off the session’s sockets, and only those', async () => {
		const user = await freshAgent();
		const [a, b] = [await session(user.id), await session(user.id)];
		const signedOut = await watch({ cookie: a.cookie });
		const other = await watch({ cookie: b.cookie });
		await invalidateSession(t.ctx.db.sql, a.id);
		await cutOff(signedOut, 'signed_out');
		expect(other.socket.connected).toBe(true);
	});

	it('deactivation cuts off every socket of the account', async () => {
		const user = await freshAgent();
		const bySession = await watch({ cookie: (await session(user.id)).cookie });
		const { token } = await createApiToken(t.ctx.db.sql, user.id, 'script');
		const byToken = await watch({ token });
		const actor = await toSessionUser(t.ctx.db.sql, admin);
		await setUserActive(t.ctx.db, actor, user.id, false);
		await Promise.all([cutOff(bySession, 'deactivated'), cutOff(byToken, 'deactivated')]);
	});

	it('demotion to requester cuts off the staff socket; the page reconnects with the new role', async () => {
		const user = await freshAgent();
		const { cookie } = await session(user.id);
		const staff = await watch({ cookie });
		const actor = await toSessionUser(t.ctx.db.sql, admin);
		await changeUserRole(t.ctx.db, actor, user.id, 'requester');
		await cutOff(staff, 'role_changed');
		// A new connection with the same session is a requester now and may not follow the desk.
		const again = server.connect({ transport: 'websocket', cookie });
		await connected(again);
		expect(await again.timeout(5000).emitWithAck('ping')).toMatchObject({ kind: 'requester' });
		expect(await again.timeout(5000).emitWithAck('subscribe', { topics: ['desk'] })).toMatchObject({
			ok: false,
			error: { code: 'forbidden' }
		});
	});

	it('revoking an API token cuts off the sockets that used it', async () => {
		const user = await freshAgent();
		const { token, info } = await createApiToken(t.ctx.db.sql, user.id, 'dashboard');
		const watched = await watch({ token });
		await revokeApiToken(t.ctx.db.sql, user.id, info.id);
		await cutOff(watched, 'token_revoked');
	});

	it('an expired session is cut off too', async () => {
		const user = await freshAgent();
		const s = await session(user.id);
		const watched = await watch({ cookie: s.cookie });
		await t.ctx.db
			.sql`update sessions set expires_at = now() - interval '1 second' where id = ${s.id}`;
		await cutOff(watched, 'signed_out');
	});
});
