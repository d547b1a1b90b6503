import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import { createApiToken, revokeApiToken } from '../../src/lib/server/auth/tokens';
import { latestPosition } from '../../src/lib/server/events/db';
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
	options: { cookie?: string; token?: string; wallToken?: string; origin?: string }
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

/** The stream's test event type for each audience class. */
const typeFor = (audience: EventAudience) =>
	audience === 'agents' ? 'test.ping' : audience === 'public' ? 'test.public' : 'test.addressed';

/** Append and commit one event; resolves with its row id. */
async function append(topic: string, audience: EventAudience, label = 'x') {
	return t.ctx.db.transaction((tx) =>
		appendEvent(tx, { topic, type: typeFor(audience), audience, payload: { label } })
	);
}

/** Wait until `client` has received the event with row `id`. */
async function received(client: Client, id: number) {
	await expect.poll(() => client.events.map((e) => e.id), { timeout: 5000 }).toContain(id);
}

/** The stream position everything committed so far has reached (waits for the publisher). */
async function settled(): Promise<number> {
	await expect
		.poll(async () => (await t.ctx.db.sql`select 1 from events where position is null`).length, {
			timeout: 5000
		})
		.toBe(0);
	await t.ctx.fanout.pull();
	return latestPosition(t.ctx.db.sql);
}

describe.each<Transport>(['websocket', 'polling'])(`gateway over %s on ${DB_KIND}`, (transport) => {
	const n = transport === 'websocket' ? 100 : 200; // ticket numbers per transport: no overlap

	describe('handshake', () => {
		it('lets a client without credentials in as anonymous, for the status page only', async () => {
			const socket = connect(transport, {});
			await connected(socket);
			const pong = await socket.timeout(5000).emitWithAck('ping');
			expect(pong).toMatchObject({ ok: true, user: null, kind: 'anonymous' });
			const client = { socket, events: [] as LeitstandEvent[] };
			socket.on('event', (e) => client.events.push(e));
			expect(await subscribe(client, { topics: ['status'] })).toMatchObject({ ok: true });
			for (const topic of ['desk', 'queue:level-1', `ticket:${n}`, 'admin', 'wall:1']) {
				expect(await subscribe(client, { topics: [topic] })).toMatchObject({
					ok: false,
					error: { code: 'forbidden' }
				});
			}
		});

		it('treats a forged or expired session cookie as no session', async () => {
			for (const cookie of [
				`leitstand_session=${generateSessionToken()}`,
				'leitstand_session=%%%'
			]) {
				const socket = connect(transport, { cookie });
				await connected(socket);
				expect(await socket.timeout(5000).emitWithAck('ping')).toMatchObject({
					ok: true,
					kind: 'anonymous'
				});
			}
			const cookie = await sessionCookie(agent.id);
			await t.ctx.db.sql`
				update sessions set expires_at = now() - interval '1 second'
				where user_id = ${agent.id} and expires_at > now() + interval '29 days'`;
			const expired = connect(transport, { cookie });
			await connected(expired);
			expect(await expired.timeout(5000).emitWithAck('ping')).toMatchObject({
				kind: 'anonymous',
				user: null
			});
		});

		it('accepts a valid session cookie among other cookies', async () => {
			const cookie = await sessionCookie(agent.id);
			const socket = connect(transport, { cookie: `theme=dark; ${cookie}; other=1` });
			await connected(socket);
			expect(await socket.timeout(5000).emitWithAck('ping')).toMatchObject({
				kind: 'staff',
				user: { id: agent.id, role: 'agent' }
			});
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
			expect(pong).toMatchObject({
				ok: true,
				kind: 'staff',
				user: { id: agent.id, role: 'agent' }
			});

			expect(await revokeApiToken(t.ctx.db.sql, agent.id, info.id)).toBe(true);
			const error = await refusal(connect(transport, { token }));
			expect(error.message).toBe('unauthorized');
			expect(error.data).toMatchObject({ code: 'unauthorized' });
		});

		it('does not fall back to the cookie when a token is invalid', async () => {
			const cookie = await sessionCookie(agent.id);
			const error = await refusal(connect(transport, { cookie, token: 'lst_not-a-token' }));
			expect(error.message).toBe('unauthorized');
			const wall = await refusal(connect(transport, { cookie, wallToken: 'lsw_not-a-token' }));
			expect(wall.message).toBe('unauthorized');
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
				user: { id: uma.id, role: 'requester' },
				kind: 'requester'
			});
			if (!pong.ok) return;
			expect(Math.abs(Date.parse(pong.serverTime) - before)).toBeLessThan(60_000);
		});

		it('delivers an event appended after subscribing to an agent live', async () => {
			const client = await signedIn(transport, agent);
			const ack = await subscribe(client, { topics: ['queue:level-1'] });
			expect(ack).toMatchObject({ ok: true, topics: ['queue:level-1'], missed: [], reload: false });
			const saved = await append('queue:level-1', 'agents', 'live');
			await received(client, saved.id);
			const got = client.events.find((e) => e.id === saved.id)!;
			expect(got).toMatchObject({
				topic: 'queue:level-1',
				topics: ['queue:level-1'],
				type: 'test.ping',
				audience: 'agents',
				payload: { label: 'live' },
				actor: null
			});
			if (ack.ok) expect(got.position).toBeGreaterThan(ack.latestId);
		});

		it('does not deliver events of topics the client did not subscribe to', async () => {
			const client = await signedIn(transport, agent);
			await subscribe(client, { topics: [`ticket:${n + 1}`] });
			const other = await append(`ticket:${n + 2}`, 'public');
			const mine = await append(`ticket:${n + 1}`, 'public');
			await received(client, mine.id);
			expect(client.events.map((e) => e.id)).not.toContain(other.id);
		});

		it('delivers an event on several topics once to a socket that follows several of them', async () => {
			const client = await signedIn(transport, agent);
			await subscribe(client, { topics: ['queue:level-2', `queue:group-${n}`] });
			const saved = await t.ctx.db.transaction((tx) =>
				appendEvent(tx, {
					topic: 'queue:level-2',
					alsoTopics: [`queue:group-${n}`, 'queue:level-2'],
					type: 'test.ping',
					audience: 'agents',
					payload: {}
				})
			);
			const sentinel = await append('queue:level-2', 'agents');
			await received(client, sentinel.id);
			expect(client.events.filter((e) => e.id === saved.id)).toHaveLength(1);
		});

		it('stops delivering after unsubscribe', async () => {
			const client = await signedIn(transport, agent);
			const a = `ticket:${n + 3}`;
			const b = `ticket:${n + 4}`;
			await subscribe(client, { topics: [a, b] });
			const unsub = await client.socket.timeout(5000).emitWithAck('unsubscribe', { topics: [a] });
			expect(unsub).toEqual({ ok: true });
			const dropped = await append(a, 'public');
			const sentinel = await append(b, 'public');
			await received(client, sentinel.id);
			expect(client.events.map((e) => e.id)).not.toContain(dropped.id);
		});

		it('lets a requester follow their own and the status topic, not queues or other users', async () => {
			const client = await signedIn(transport, uma);
			const own = await subscribe(client, { topics: [`user:${uma.id}`, 'status'] });
			expect(own).toMatchObject({ ok: true, topics: [`user:${uma.id}`, 'status'] });

			for (const topics of [
				['queue:level-1'],
				['desk'],
				[`user:${ulf.id}`],
				['status', 'ticket:999999'],
				['admin']
			]) {
				const denied = await subscribe(client, { topics });
				expect(denied).toMatchObject({ ok: false, error: { code: 'forbidden' } });
			}
			// A refused topic is not joined: its events never arrive.
			const queued = await append('queue:level-1', 'public');
			const foreign = await append(`user:${ulf.id}`, `requester:${ulf.id}`);
			const sentinel = await append('status', 'public');
			await received(client, sentinel.id);
			const ids = client.events.map((e) => e.id);
			expect(ids).not.toContain(queued.id);
			expect(ids).not.toContain(foreign.id);
		});

		it('never sends agents-only events to a requester or an anonymous client on the same topic', async () => {
			const requester = await signedIn(transport, uma);
			const staff = await signedIn(transport, agent);
			const anonymous = { socket: connect(transport, {}), events: [] as LeitstandEvent[] };
			anonymous.socket.on('event', (e) => anonymous.events.push(e));
			await connected(anonymous.socket);
			for (const c of [requester, staff, anonymous]) {
				expect((await subscribe(c, { topics: ['status'] })).ok).toBe(true);
			}
			const internal = await append('status', 'agents');
			const sentinel = await append('status', 'public');
			for (const c of [requester, staff, anonymous]) await received(c, sentinel.id);
			expect(requester.events.map((e) => e.id)).not.toContain(internal.id);
			expect(anonymous.events.map((e) => e.id)).not.toContain(internal.id);
			expect(staff.events.map((e) => e.id)).toContain(internal.id);
		});

		it('sends requester:<id> events to that requester and agents only', async () => {
			const owner = await signedIn(transport, uma);
			const stranger = await signedIn(transport, ulf);
			const staff = await signedIn(transport, agent);
			for (const c of [owner, stranger, staff]) {
				expect((await subscribe(c, { topics: ['status'] })).ok).toBe(true);
			}
			const addressed = await append('status', `requester:${uma.id}`);
			const sentinel = await append('status', 'public');
			for (const c of [owner, stranger, staff]) await received(c, sentinel.id);
			expect(owner.events.map((e) => e.id)).toContain(addressed.id);
			expect(staff.events.map((e) => e.id)).toContain(addressed.id);
			expect(stranger.events.map((e) => e.id)).not.toContain(addressed.id);
		});

		it('replays exactly the missed events of the subscribed topics, in stream order', async () => {
			const topic = `ticket:${n + 5}`;
			const since = await settled();
			const first = await append(topic, 'public');
			await append(`ticket:${n + 6}`, 'public');
			const second = await append(topic, 'agents');
			const third = await append(topic, `requester:${uma.id}`);
			const top = await settled();

			const client = await signedIn(transport, agent);
			const ack = await subscribe(client, { topics: [topic], since });
			expect(ack.ok).toBe(true);
			if (!ack.ok) return;
			expect(ack.missed.map((e) => e.id)).toEqual([first.id, second.id, third.id]);
			const positions = ack.missed.map((e) => e.position);
			expect(positions).toEqual([...positions].sort((a, b) => a - b));
			expect(ack.reload).toBe(false);
			expect(ack.latestId).toBe(top);

			// From the middle: only what came after.
			const later = await subscribe(client, { topics: [topic], since: positions[0] });
			expect(later.ok && later.missed.map((e) => e.id)).toEqual([second.id, third.id]);
			// Up to date: nothing.
			const none = await subscribe(client, { topics: [topic], since: positions[2] });
			expect(none.ok && none.missed).toEqual([]);
		});

		it('filters replayed events by audience for requesters', async () => {
			const topic = `user:${uma.id}`;
			const since = await settled();
			const internal = await append(topic, 'agents');
			const mine = await append(topic, `requester:${uma.id}`);
			const notMine = await append(topic, `requester:${ulf.id}`);
			const open = await append(topic, 'public');
			await settled();

			const client = await signedIn(transport, uma);
			const ack = await subscribe(client, { topics: [topic, 'status'], since });
			expect(ack.ok).toBe(true);
			if (!ack.ok) return;
			expect(ack.missed.map((e) => e.id)).toEqual([mine.id, open.id]);
			expect(ack.missed.map((e) => e.id)).not.toContain(internal.id);
			expect(ack.missed.map((e) => e.id)).not.toContain(notMine.id);
		});

		it(`tells the client to reload when more than ${REPLAY_LIMIT} events were missed`, async () => {
			const topic = `ticket:${n + 7}`;
			const since = await settled();
			await t.ctx.db.sql`
				insert into events (topic, topics, type, audience)
				select ${topic}, array[${topic}], 'test.public', 'public'
				from generate_series(1, ${REPLAY_LIMIT + 1})`;
			t.ctx.publisher.wake();
			await settled();
			const client = await signedIn(transport, agent);
			const ack = await subscribe(client, { topics: [topic], since });
			expect(ack).toMatchObject({ ok: true, reload: true, missed: [] });
			// Exactly at the limit everything is still replayed.
			const [{ p }] = await t.ctx.db.sql<{ p: number }[]>`
				select min(position)::bigint as p from events where topic = ${topic}`;
			const atLimit = await subscribe(client, { topics: [topic], since: p });
			expect(atLimit.ok && atLimit.reload).toBe(false);
			expect(atLimit.ok && atLimit.missed.length).toBe(REPLAY_LIMIT);
		});

		it('answers a forged since with a clear error, and keeps working', async () => {
			const client = await signedIn(transport, agent);
			const top = await settled();
			for (const since of [-1, 1.5, 'abc', '12', Number.MAX_SAFE_INTEGER + 2, {}, [], true]) {
				const ack = await subscribe(client, { topics: ['desk'], since } as never);
				expect(ack, String(since)).toMatchObject({ ok: false, error: { code: 'invalid_since' } });
			}
			const ahead = await subscribe(client, { topics: ['desk'], since: top + 1000 });
			expect(ahead).toMatchObject({ ok: false, error: { code: 'invalid_since' } });
			expect(await subscribe(client, { topics: ['desk'], since: top })).toMatchObject({ ok: true });
			expect(client.socket.connected).toBe(true);
		});

		it('answers invalid subscribe payloads with ok:false and keeps working', async () => {
			const client = await signedIn(transport, agent);
			const bad: unknown[] = [
				{},
				{ topics: [] },
				{ topics: 'queue:level-1' },
				{ topics: Array.from({ length: 51 }, (_, i) => `ticket:${i + 1}`) },
				{ topics: [42] },
				{ topics: [{ toString: 'queue:level-1' }] },
				{ topics: ['Queue:Level-1'] },
				{ topics: ['queue:level-1', null] },
				{ topics: ['ticket:\u0000'] },
				{ topics: ['ticket:99999999999'] },
				null,
				'queue:level-1'
			];
			for (const req of bad) {
				const ack = await subscribe(client, req as SubscribeRequest);
				expect(ack.ok, JSON.stringify(req)).toBe(false);
			}
			// Fifty topics are still fine.
			const fifty = Array.from({ length: 50 }, (_, i) => `ticket:${i + 1}`);
			expect((await subscribe(client, { topics: fifty })).ok).toBe(true);
			// A subscribe without an ack callback is ignored, not a crash.
			client.socket.emit('subscribe', { topics: ['queue:level-2'] }, undefined as never);
			const pong = await client.socket.timeout(5000).emitWithAck('ping');
			expect(pong.ok).toBe(true);
			expect(client.socket.connected).toBe(true);
		});
	});
});
