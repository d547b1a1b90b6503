import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import { createApiToken, revokeApiToken } from '../../src/lib/server/auth/tokens';
import { latestEventId } from '../../src/lib/server/events/db';
import { appendEvent } from '../../src/lib/server/events/writer';
import { REPLAY_LIMIT } from '../../src/lib/server/realtime/gateway';
import { getUserByEmail, type UserRecord } from '../../src/lib/server/users/db';
import type { Ack, SubscribeRequest, SubscribeResult } from '../../src/lib/realtime/events';
import type { EventAudience, LeitstandEvent } from '../../src/lib/types/events';
import {
	connected,
	DB_KIND,
	startSocketServer,
	startTestApp,
	type TestApp,
	type TestClientSocket,
	type TestSocketServer
} from './harness';

type Transport = 'websocket' | 'polling';

let t: TestApp;
let server: TestSocketServer;
let agent: UserRecord;
let uma: UserRecord;
let ulf: UserRecord;

beforeAll(async () => {
	delete process.env.ORIGIN; // the gateway must fall back to the Host header
	t = await startTestApp({ demo: true });
	server = await startSocketServer(t.ctx);
	const find = async (email: string) => (await getUserByEmail(t.ctx.db.sql, email))!;
	[agent, uma, ulf] = await Promise.all([
		find('l1@example.com'),
		find('user@example.com'),
		find('user2@example.com')
	]);
});
afterAll(async () => {
	await server?.close();
	await t?.stop();
});

const open: TestClientSocket[] = [];
afterEach(() => {
	for (const s of open.splice(0)) s.close();
});

async function sessionCookie(userId: number): Promise<string> {
	const token = generateSessionToken();
	await createSession(t.ctx.db.sql, token, userId);
	return `leitstand_session=${token}`;
}

interface Client {
	socket: TestClientSocket;
	/** Every `event` message this client received, in arrival order. */
	events: LeitstandEvent[];
}

function connect(
	transport: Transport,
	options: { cookie?: string; token?: string; origin?: string }
): TestClientSocket {
	const socket = server.connect({ transport, ...options });
	open.push(socket);
	return socket;
}

/** A connected client, signed in with a fresh session cookie of `user`. */
async function signedIn(transport: Transport, user: UserRecord): Promise<Client> {
	const socket = connect(transport, { cookie: await sessionCookie(user.id) });
	const events: LeitstandEvent[] = [];
	socket.on('event', (e) => events.push(e));
	await connected(socket);
	return { socket, events };
}

/** The handshake refusal of a socket that must not connect. */
async function refusal(socket: TestClientSocket): Promise<Error & { data?: unknown }> {
	try {
		await connected(socket);
	} catch (error) {
		return error as Error & { data?: unknown };
	}
	throw new Error('expected the handshake to be refused');
}

function subscribe(client: Client, req: SubscribeRequest): Promise<Ack<SubscribeResult>> {
	return client.socket.timeout(5000).emitWithAck('subscribe', req);
}

async function append(topic: string, audience: EventAudience, type: string) {
	return t.ctx.db.transaction((tx) =>
		appendEvent(tx, { topic, type, audience, payload: { type } })
	);
}

/** Wait until `client` has received the event with `id` (events arrive in id order per topic). */
async function received(client: Client, id: number) {
	await expect.poll(() => client.events.map((e) => e.id), { timeout: 5000 }).toContain(id);
}

describe.each<Transport>(['websocket', 'polling'])(`gateway over %s on ${DB_KIND}`, (transport) => {
	describe('handshake', () => {
		it('refuses a client without cookie or token', async () => {
			const error = await refusal(connect(transport, {}));
			expect(error.message).toBe('unauthorized');
			expect(error.data).toMatchObject({ code: 'unauthorized' });
		});

		it('refuses a forged or expired session cookie', async () => {
			const forged = await refusal(
				connect(transport, { cookie: `leitstand_session=${generateSessionToken()}` })
			);
			expect(forged.message).toBe('unauthorized');
			const garbage = await refusal(connect(transport, { cookie: 'leitstand_session=%%%' }));
			expect(garbage.message).toBe('unauthorized');

			const cookie = await sessionCookie(agent.id);
			await t.ctx.db.sql`
				update sessions set expires_at = now() - interval '1 second'
				where user_id = ${agent.id} and expires_at > now() + interval '29 days'`;
			const expired = await refusal(connect(transport, { cookie }));
			expect(expired.message).toBe('unauthorized');
		});

		it('accepts a valid session cookie among other cookies', async () => {
			const cookie = await sessionCookie(agent.id);
			const socket = connect(transport, { cookie: `theme=dark; ${cookie}; other=1` });
			await connected(socket);
			expect(socket.connected).toBe(true);
		});

		it('refuses a foreign origin even with a valid cookie', async () => {
			const cookie = await sessionCookie(agent.id);
			const error = await refusal(connect(transport, { cookie, origin: 'http://evil.example' }));
			expect(error.message).toBe('origin_forbidden');
			// Same host, other port, is another origin too.
			const port = new URL(server.url).port;
			const otherPort = await refusal(
				connect(transport, { cookie, origin: `http://127.0.0.1:${Number(port) + 1}` })
			);
			expect(otherPort.message).toBe('origin_forbidden');
		});

		it('accepts the server’s own origin', async () => {
			const cookie = await sessionCookie(agent.id);
			const socket = connect(transport, { cookie, origin: server.url });
			await connected(socket);
			expect(socket.connected).toBe(true);
		});

		it('accepts an API token in auth.token and refuses it once revoked', async () => {
			const { token, info } = await createApiToken(t.ctx.db.sql, agent.id, `socket-${transport}`);
			const socket = connect(transport, { token });
			await connected(socket);
			const pong = await socket.timeout(5000).emitWithAck('ping');
			expect(pong).toMatchObject({ ok: true, user: { id: agent.id, role: 'agent' } });

			expect(await revokeApiToken(t.ctx.db.sql, agent.id, info.id)).toBe(true);
			const error = await refusal(connect(transport, { token }));
			expect(error.message).toBe('unauthorized');
		});

		it('does not fall back to the cookie when the token is invalid', async () => {
			const cookie = await sessionCookie(agent.id);
			const error = await refusal(connect(transport, { cookie, token: 'lst_not-a-token' }));
			expect(error.message).toBe('unauthorized');
		});
	});

	describe('handlers', () => {
		it('answers ping with the server time and the user', async () => {
			const client = await signedIn(transport, uma);
			const before = Date.now();
			const pong = await client.socket.timeout(5000).emitWithAck('ping');
			expect(pong).toEqual({
				ok: true,
				serverTime: expect.any(String),
				user: { id: uma.id, role: 'requester' }
			});
			if (!pong.ok) return;
			expect(Math.abs(Date.parse(pong.serverTime) - before)).toBeLessThan(60_000);
		});

		it('delivers an event appended after subscribing to an agent live', async () => {
			const client = await signedIn(transport, agent);
			const ack = await subscribe(client, { topics: ['queue:level-1'] });
			expect(ack).toMatchObject({ ok: true, topics: ['queue:level-1'], missed: [], reload: false });
			const saved = await append('queue:level-1', 'agents', 'ticket.created');
			await received(client, saved.id);
			expect(client.events.find((e) => e.id === saved.id)).toEqual(saved);
			if (ack.ok) expect(saved.id).toBeGreaterThan(ack.latestId);
		});

		it('does not deliver events of topics the client did not subscribe to', async () => {
			const client = await signedIn(transport, agent);
			await subscribe(client, { topics: [`ticket:${transport}-mine`] });
			const other = await append(`ticket:${transport}-other`, 'public', 'ticket.updated');
			const mine = await append(`ticket:${transport}-mine`, 'public', 'ticket.updated');
			await received(client, mine.id);
			expect(client.events.map((e) => e.id)).not.toContain(other.id);
		});

		it('stops delivering after unsubscribe', async () => {
			const client = await signedIn(transport, agent);
			const a = `ticket:${transport}-unsub-a`;
			const b = `ticket:${transport}-unsub-b`;
			await subscribe(client, { topics: [a, b] });
			const unsub = await client.socket.timeout(5000).emitWithAck('unsubscribe', { topics: [a] });
			expect(unsub).toEqual({ ok: true });
			const dropped = await append(a, 'public', 'ticket.updated');
			const sentinel = await append(b, 'public', 'ticket.updated');
			await received(client, sentinel.id);
			expect(client.events.map((e) => e.id)).not.toContain(dropped.id);
		});

		it('lets a requester follow their own and the status topic, not queues or other users', async () => {
			const client = await signedIn(transport, uma);
			const own = await subscribe(client, { topics: [`user:${uma.id}`, 'status'] });
			expect(own).toMatchObject({ ok: true, topics: [`user:${uma.id}`, 'status'] });

			for (const topics of [['queue:level-1'], [`user:${ulf.id}`], ['status', 'ticket:999999']]) {
				const denied = await subscribe(client, { topics });
				expect(denied).toMatchObject({ ok: false, error: { code: 'forbidden' } });
			}
			// A refused topic is not joined: its events never arrive.
			const queued = await append('queue:level-1', 'public', 'ticket.created');
			const foreign = await append(`user:${ulf.id}`, `requester:${ulf.id}`, 'ticket.updated');
			const sentinel = await append('status', 'public', 'status.changed');
			await received(client, sentinel.id);
			const ids = client.events.map((e) => e.id);
			expect(ids).not.toContain(queued.id);
			expect(ids).not.toContain(foreign.id);
		});

		it('never sends agents-only events to a requester on the same topic', async () => {
			const requester = await signedIn(transport, uma);
			const staff = await signedIn(transport, agent);
			expect((await subscribe(requester, { topics: ['status'] })).ok).toBe(true);
			expect((await subscribe(staff, { topics: ['status'] })).ok).toBe(true);

			const internal = await append('status', 'agents', 'incident.note');
			const sentinel = await append('status', 'public', 'status.changed');
			await received(requester, sentinel.id);
			await received(staff, sentinel.id);
			expect(requester.events.map((e) => e.id)).not.toContain(internal.id);
			expect(staff.events.map((e) => e.id)).toContain(internal.id);
		});

		it('sends requester:<id> events to that requester and agents only', async () => {
			const owner = await signedIn(transport, uma);
			const stranger = await signedIn(transport, ulf);
			const staff = await signedIn(transport, agent);
			for (const c of [owner, stranger, staff]) {
				expect((await subscribe(c, { topics: ['status'] })).ok).toBe(true);
			}
			const addressed = await append('status', `requester:${uma.id}`, 'ticket.replied');
			const sentinel = await append('status', 'public', 'status.changed');
			for (const c of [owner, stranger, staff]) await received(c, sentinel.id);
			expect(owner.events.map((e) => e.id)).toContain(addressed.id);
			expect(staff.events.map((e) => e.id)).toContain(addressed.id);
			expect(stranger.events.map((e) => e.id)).not.toContain(addressed.id);
		});

		it('a requester:<id> event reaches that requester only on subscribed topics', async () => {
			const owner = await signedIn(transport, uma);
			expect((await subscribe(owner, { topics: ['status'] })).ok).toBe(true);
			const elsewhere = await append(
				`ticket:${transport}-x`,
				`requester:${uma.id}`,
				'ticket.replied'
			);
			const sentinel = await append('status', 'public', 'status.changed');
			await received(owner, sentinel.id);
			expect(owner.events.map((e) => e.id)).not.toContain(elsewhere.id);
		});

		it('replays exactly the missed events of the subscribed topics, in order', async () => {
			const topic = `ticket:${transport}-replay`;
			const since = await latestEventId(t.ctx.db.sql);
			const first = await append(topic, 'public', 'ticket.created');
			await append(`ticket:${transport}-elsewhere`, 'public', 'ticket.created');
			const second = await append(topic, 'agents', 'ticket.noted');
			const third = await append(topic, `requester:${uma.id}`, 'ticket.replied');

			const client = await signedIn(transport, agent);
			const ack = await subscribe(client, { topics: [topic], since });
			expect(ack.ok).toBe(true);
			if (!ack.ok) return;
			expect(ack.missed).toEqual([first, second, third]);
			expect(ack.reload).toBe(false);
			expect(ack.latestId).toBe(third.id);

			// From the middle: only what came after.
			const later = await subscribe(client, { topics: [topic], since: first.id });
			expect(later.ok && later.missed.map((e) => e.id)).toEqual([second.id, third.id]);
			// Up to date: nothing.
			const none = await subscribe(client, { topics: [topic], since: third.id });
			expect(none.ok && none.missed).toEqual([]);
		});

		it('filters replayed events by audience for requesters', async () => {
			const topic = `user:${uma.id}`;
			const since = await latestEventId(t.ctx.db.sql);
			const internal = await append(topic, 'agents', 'ticket.noted');
			const mine = await append(topic, `requester:${uma.id}`, 'ticket.replied');
			const notMine = await append(topic, `requester:${ulf.id}`, 'ticket.replied');
			const open = await append(topic, 'public', 'status.changed');

			const client = await signedIn(transport, uma);
			const ack = await subscribe(client, { topics: [topic, 'status'], since });
			expect(ack.ok).toBe(true);
			if (!ack.ok) return;
			expect(ack.missed.map((e) => e.id)).toEqual([mine.id, open.id]);
			expect(ack.missed.map((e) => e.id)).not.toContain(internal.id);
			expect(ack.missed.map((e) => e.id)).not.toContain(notMine.id);
		});

		it(`tells the client to reload when more than ${REPLAY_LIMIT} events were missed`, async () => {
			const topic = `ticket:${transport}-flood`;
			const since = await latestEventId(t.ctx.db.sql);
			await t.ctx.db.sql`
				insert into events (topic, type, audience)
				select ${topic}, 'ticket.updated', 'public' from generate_series(1, ${REPLAY_LIMIT + 1})`;
			const client = await signedIn(transport, agent);
			const ack = await subscribe(client, { topics: [topic], since });
			expect(ack).toMatchObject({ ok: true, reload: true, missed: [] });
			// Exactly at the limit everything is still replayed.
			const [{ id }] = await t.ctx.db.sql<{ id: number }[]>`
				select min(id)::bigint as id from events where topic = ${topic}`;
			const atLimit = await subscribe(client, { topics: [topic], since: id });
			expect(atLimit.ok && atLimit.reload).toBe(false);
			expect(atLimit.ok && atLimit.missed.length).toBe(REPLAY_LIMIT);
		});

		it('answers invalid subscribe payloads with ok:false and keeps working', async () => {
			const client = await signedIn(transport, agent);
			const bad: unknown[] = [
				{},
				{ topics: [] },
				{ topics: 'queue:level-1' },
				{ topics: Array.from({ length: 51 }, (_, i) => `ticket:${i}`) },
				{ topics: [42] },
				{ topics: [{ toString: 'queue:level-1' }] },
				{ topics: ['Queue:Level-1'] },
				{ topics: ['queue:level-1', null] },
				null,
				'queue:level-1'
			];
			for (const req of bad) {
				const ack = await subscribe(client, req as SubscribeRequest);
				expect(ack.ok, JSON.stringify(req)).toBe(false);
			}
			// Fifty topics are still fine.
			const fifty = Array.from({ length: 50 }, (_, i) => `ticket:${i}`);
			expect((await subscribe(client, { topics: fifty })).ok).toBe(true);
			// A subscribe without an ack callback is ignored, not a crash.
			client.socket.emit('subscribe', { topics: ['queue:level-2'] }, undefined as never);
			const pong = await client.socket.timeout(5000).emitWithAck('ping');
			expect(pong.ok).toBe(true);
			expect(client.socket.connected).toBe(true);
		});
	});
});
