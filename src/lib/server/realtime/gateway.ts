// The Socket.IO gateway of one node: authenticates handshakes, subscribes sockets to topics with
// a gap-free replay, delivers the stream by the allow-list, and cuts off sockets whose
// credentials end. Handlers are shaped alike: check → act → ack `{ ok, … }` or `{ ok: false }`.
import { parse as parseCookies } from 'cookie';
import type { Server, Socket } from 'socket.io';
import type { AppContext } from '../app';
import { IDENTITY_CHANNEL } from '../auth/identity';
import { liveSessions, SESSION_COOKIE, validateSessionToken } from '../auth/session';
import { authenticateApiToken, liveApiTokens } from '../auth/tokens';
import { eventsOnTopics, latestPosition } from '../events/db';
import { log } from '../log';
import { metrics } from '../metrics';
import { getTicket } from '../tickets/db';
import { userStanding } from '../users/db';
import { liveWallTokens, validateWallToken } from '../walls/db';
import { canSubscribe, identityOf, mayReceive, wallOfTopic, type Identity } from './access';
import { startPresence, type Presence } from './presence';
import { startWallHub, type WallHub } from './wall-hub';
import type {
	Ack,
	ClientToServerEvents,
	HandshakeError,
	RevokedReason,
	ServerToClientEvents,
	SubscribeResult
} from '$lib/realtime/events';
import type { LeitstandEvent } from '$lib/types/events';
import type { SocketRegistry } from './io-server.js';

interface SocketData {
	identity: Identity;
}
type GatewayServer = Server<ClientToServerEvents, ServerToClientEvents, object, SocketData>;
export type GatewaySocket = Socket<ClientToServerEvents, ServerToClientEvents, object, SocketData>;

/** Most events replayed to a reconnecting client before it is told to reload instead. */
export const REPLAY_LIMIT = 500;
const MAX_TOPICS = 50;
/** How often every socket's session, token and role are checked again (one query per kind). */
export const REVALIDATE_MS = 2000;
/** How often each socket hears that the server is there. */
export const HEARTBEAT_MS = 5000;
/** How long a subscribe may wait for this node to reach a client's position. */
const CATCH_UP_MS = 5000;

export interface Gateway {
	/** Check every socket's credentials now (also runs every REVALIDATE_MS). */
	revalidate(): Promise<void>;
	stop(): Promise<void>;
}

const gateways = new WeakMap<Server, Gateway>();

/** Origins allowed to open a socket with a cookie: ORIGIN if configured, else the Host header's. */
function allowedOrigin(origin: string, host: string | undefined): boolean {
	const configured = process.env.ORIGIN?.replace(/\/$/, '');
	if (configured) return origin === configured;
	if (!host) return false;
	return origin === `http://${host}` || origin === `https://${host}`;
}

function refuse(code: HandshakeError, message: string) {
	const error = new Error(code) as Error & { data?: unknown };
	error.data = { code, message };
	return error;
}

/**
 * Who connects. An explicit token (API or wall) must be valid; a session cookie that is no longer
 * valid, or none, makes an anonymous client, which may follow only the public status topic.
 */
async function authenticate(socket: GatewaySocket, ctx: AppContext): Promise<Identity | Error> {
	const { headers, auth } = socket.handshake;
	const origin = headers.origin;
	// Browsers always send Origin on WebSocket upgrades, so a foreign page cannot borrow the cookie.
	if (origin && !allowedOrigin(origin, headers.host)) {
		return refuse('origin_forbidden', 'This origin may not connect.');
	}
	const wallToken = typeof auth?.wallToken === 'string' ? auth.wallToken : undefined;
	if (wallToken) {
		const wall = await validateWallToken(ctx.db.sql, wallToken);
		if (!wall) return refuse('unauthorized', 'Invalid or revoked wall token.');
		return {
			kind: 'wall',
			user: null,
			credential: { type: 'wall', id: wall.tokenId },
			wallId: wall.wall.id
		};
	}
	const token = typeof auth?.token === 'string' ? auth.token : undefined;
	if (token) {
		const found = await authenticateApiToken(ctx.db.sql, token);
		if (!found) return refuse('unauthorized', 'Invalid or revoked token.');
		return identityOf(found.user, { type: 'token', id: found.tokenId });
	}
	const cookie = headers.cookie ? parseCookies(headers.cookie)[SESSION_COOKIE] : undefined;
	if (cookie) {
		const result = await validateSessionToken(ctx.db.sql, cookie);
		if (result) return identityOf(result.user, { type: 'session', id: result.session.id });
	}
	return { kind: 'anonymous', user: null, credential: { type: 'none' } };
}

const fail = (code: string, message: string) => ({ ok: false as const, error: { code, message } });

/** Subscriptions of this node's sockets, and sockets whose replay is in flight. */
class Subscriptions {
	#byTopic = new Map<string, Set<GatewaySocket>>();
	#holds = new Set<{ socket: GatewaySocket; topics: Set<string>; buffer: LeitstandEvent[] }>();

	constructor(private io: GatewayServer) {}

	add(socket: GatewaySocket, topics: string[]) {
		for (const topic of topics) {
			let set = this.#byTopic.get(topic);
			if (!set) this.#byTopic.set(topic, (set = new Set()));
			set.add(socket);
		}
	}

	remove(socket: GatewaySocket, topics: Iterable<string>) {
		for (const topic of topics) {
			const set = this.#byTopic.get(topic);
			set?.delete(socket);
			if (set?.size === 0) this.#byTopic.delete(topic);
		}
	}

	topicsOf(socket: GatewaySocket): string[] {
		return [...this.#byTopic].filter(([, s]) => s.has(socket)).map(([t]) => t);
	}

	followers(topic: string): ReadonlySet<GatewaySocket> {
		return this.#byTopic.get(topic) ?? new Set();
	}

	/** From now until `release`, live events on `topics` for `socket` are kept, not sent. */
	hold(socket: GatewaySocket, topics: string[]) {
		const hold = { socket, topics: new Set(topics), buffer: [] as LeitstandEvent[] };
		this.#holds.add(hold);
		return hold;
	}

	release(hold: { socket: GatewaySocket }) {
		for (const h of this.#holds) if (h === hold) this.#holds.delete(h);
	}

	/** Send one event to every socket that follows one of its topics and may see it; once each. */
	deliver(event: LeitstandEvent) {
		const reached = new Set<GatewaySocket>();
		const ids: string[] = [];
		for (const topic of event.topics) {
			for (const socket of this.#byTopic.get(topic) ?? []) {
				if (reached.has(socket)) continue;
				reached.add(socket);
				if (mayReceive(socket.data.identity, event)) ids.push(socket.id);
			}
		}
		for (const hold of this.#holds) {
			if (reached.has(hold.socket)) continue; // it already gets this through another topic
			if (!event.topics.some((t) => hold.topics.has(t))) continue;
			if (mayReceive(hold.socket.data.identity, event)) hold.buffer.push(event);
		}
		// One encoding for all recipients: every socket is in a room named by its id.
		if (ids.length > 0) this.io.to(ids).emit('event', event);
	}
}

/** Parse `since`: absent means "live from now"; anything else must be a position ≥ 0. */
function parseSince(raw: unknown): number | undefined | Error {
	if (raw === undefined || raw === null) return undefined;
	if (typeof raw !== 'number' || !Number.isSafeInteger(raw) || raw < 0) {
		return new Error(
			'since must be the stream position of the last event applied (an integer ≥ 0).'
		);
	}
	return raw;
}

function registerHandlers(
	socket: GatewaySocket,
	ctx: AppContext,
	subs: Subscriptions,
	walls: WallHub,
	presence: Presence
) {
	const identity = socket.data.identity;
	const requesterOf = async (n: number) => (await getTicket(ctx.db.sql, n))?.requesterId ?? null;

	socket.on('ping', (ack) => {
		if (typeof ack !== 'function') return;
		const user = identity.user ? { id: identity.user.id, role: identity.user.role } : null;
		ack({ ok: true, serverTime: new Date().toISOString(), user, kind: identity.kind });
	});

	socket.on('subscribe', (req, ack) => {
		if (typeof ack !== 'function') return;
		subscribe(req, ack).catch((error: unknown) => {
			log.error('socket subscribe failed', { error: String(error) });
			ack(fail('internal', 'Something went wrong.'));
		});
	});

	/**
	 * Replay from the table up to where this node's stream stands, holding live events that
	 * arrive meanwhile; then, in one synchronous step, follow the topics and acknowledge with the
	 * replay and the held events — so the acknowledgement precedes every later live event (an
	 * `await` between the two would let the fan-out slip an event in front of it).
	 */
	async function subscribe(req: unknown, reply: (res: Ack<SubscribeResult>) => void) {
		const ack = (res: Ack<SubscribeResult>) => void reply(res);
		const result = await prepare(req);
		if (!result.ok) return ack(result);
		const { topics, since, hold, upTo, replay } = result;
		subs.release(hold);
		if (socket.disconnected) return ack(fail('revoked', 'This connection has ended.'));
		if (hold.buffer.length > 0) metrics().replayHeldEvents.inc(hold.buffer.length);
		const reload = replay.length > REPLAY_LIMIT;
		const missed = reload
			? []
			: [...replay.filter((e) => mayReceive(identity, e)), ...hold.buffer].filter(
					(e) => e.position > (since ?? upTo)
				);
		subs.add(socket, topics);
		for (const topic of topics) {
			const wallId = wallOfTopic(topic);
			if (wallId !== null) walls.follow(socket, wallId);
		}
		if (identity.kind === 'staff') presence.follow(socket, topics);
		ack({ ok: true, topics, missed, reload, latestId: Math.max(upTo, since ?? 0) });
	}

	/** Validate, check access, and read the replay while holding live events. */
	async function prepare(req: unknown) {
		const body = (typeof req === 'object' && req !== null ? req : {}) as Record<string, unknown>;
		const topics = body.topics;
		if (
			!Array.isArray(topics) ||
			topics.length === 0 ||
			topics.length > MAX_TOPICS ||
			!topics.every((t) => typeof t === 'string')
		) {
			return fail('invalid', `Send 1 to ${MAX_TOPICS} topics.`);
		}
		const since = parseSince(body.since);
		if (since instanceof Error) return fail('invalid_since', since.message);
		const allowed = await Promise.all(topics.map((t) => canSubscribe(identity, t, requesterOf)));
		const denied = topics.filter((_, i) => !allowed[i]);
		if (denied.length > 0) return fail('forbidden', `Not allowed: ${denied.join(', ')}`);
		if (socket.disconnected) return fail('revoked', 'This connection has ended.');

		if (since !== undefined && since > ctx.fanout.position) {
			// The client saw more than this node has fanned out (it was on another node).
			if (since > (await latestPosition(ctx.db.sql))) {
				return fail('invalid_since', 'since is ahead of the stream.');
			}
			if (!(await ctx.fanout.reach(since, CATCH_UP_MS))) {
				return fail('unavailable', 'This node is catching up; try again.');
			}
		}
		const hold = subs.hold(socket, topics as string[]);
		const upTo = ctx.fanout.position;
		try {
			const replay =
				since === undefined
					? []
					: await eventsOnTopics(ctx.db.sql, topics as string[], since, upTo, REPLAY_LIMIT + 1);
			// The hold stays until `subscribe` follows the topics in the same synchronous step.
			return { ok: true as const, topics: topics as string[], since, hold, upTo, replay };
		} catch (error) {
			subs.release(hold);
			throw error;
		}
	}

	socket.on('unsubscribe', (req, ack) => {
		if (typeof ack !== 'function') return;
		const topics = Array.isArray(req?.topics)
			? req.topics.filter((t): t is string => typeof t === 'string')
			: [];
		subs.remove(socket, topics);
		for (const topic of topics) {
			const wallId = wallOfTopic(topic);
			if (wallId !== null) walls.unfollow(socket, wallId);
		}
		ack({ ok: true });
	});

	socket.on('presence', (req, ack) => {
		if (typeof ack !== 'function') return;
		if (identity.kind !== 'staff' || !identity.user) {
			return ack(fail('forbidden', 'Only staff share presence.'));
		}
		const body = (typeof req === 'object' && req !== null ? req : {}) as Record<string, unknown>;
		const kind = body.incident !== undefined ? 'incident' : 'ticket';
		const n = Number(body[kind]);
		const state = body.state;
		if (!Number.isSafeInteger(n) || n < 1 || n > 2_147_483_647) {
			return ack(fail('invalid', `${kind} must be a ${kind} number.`));
		}
		if (state !== 'viewing' && state !== 'replying' && state !== 'left') {
			return ack(fail('invalid', 'state must be viewing, replying or left.'));
		}
		presence.set(socket, identity.user, `${kind}:${n}`, state);
		ack({ ok: true });
	});

	socket.on('disconnect', () => {
		subs.remove(socket, subs.topicsOf(socket));
		walls.unfollowAll(socket);
		presence.forget(socket);
	});
}

/** Why a socket's identity no longer holds, or null if it does. */
type Check = (identity: Identity) => RevokedReason | null;

/** Attach handshake auth, subscriptions and delivery to the node's Socket.IO server (once). */
export function attachGateway(registry: SocketRegistry, ctx: AppContext): Gateway {
	const io = registry.io as GatewayServer;
	const existing = gateways.get(io);
	if (existing) return existing;

	const subs = new Subscriptions(io);
	const walls = startWallHub(io, ctx);
	const presence = startPresence(io, ctx, subs);

	io.use((socket, next) => {
		authenticate(socket, ctx).then(
			(result) => {
				if (result instanceof Error) return next(result);
				socket.data = { identity: result };
				next();
			},
			(error: unknown) => {
				log.error('socket handshake failed', { error: String(error) });
				next(refuse('unauthorized', 'Could not verify the session.'));
			}
		);
	});

	io.on('connection', (socket) => registerHandlers(socket, ctx, subs, walls, presence));

	const removeSink = ctx.fanout.addSink((event) => {
		subs.deliver(event);
		walls.onEvent(event);
	});

	/** Cut off every socket whose session, token, account or role ended or changed. */
	async function revalidate() {
		const sockets = [...io.sockets.sockets.values()].filter((s) => s.data.identity);
		const sessionIds = new Set<string>();
		const tokenIds = new Set<number>();
		const wallIds = new Set<number>();
		const userIds = new Set<number>();
		for (const s of sockets) {
			const { credential: c, user } = s.data.identity;
			if (c.type === 'session') sessionIds.add(c.id);
			else if (c.type === 'token') tokenIds.add(c.id);
			else if (c.type === 'wall') wallIds.add(c.id);
			if (user) userIds.add(user.id);
		}
		// One query per kind of credential, however many sockets: the cost does not grow per screen.
		const [sessions, tokens, wallTokens, users] = await Promise.all([
			liveSessions(ctx.db.sql, [...sessionIds]),
			liveApiTokens(ctx.db.sql, [...tokenIds]),
			liveWallTokens(ctx.db.sql, [...wallIds]),
			userStanding(ctx.db.sql, [...userIds])
		]);
		const check: Check = ({ credential: c, user }) => {
			if (c.type === 'wall') return wallTokens.has(c.id) ? null : 'token_revoked';
			if (c.type === 'none' || !user) return null;
			const standing = users.get(user.id);
			if (!standing?.active) return 'deactivated';
			if (c.type === 'session' && !sessions.has(c.id)) return 'signed_out';
			if (c.type === 'token' && !tokens.has(c.id)) return 'token_revoked';
			return standing.role === user.role ? null : 'role_changed';
		};
		for (const socket of sockets) {
			if (socket.disconnected) continue;
			const reason = check(socket.data.identity);
			if (!reason) continue;
			metrics().socketsRevoked.inc();
			socket.emit('revoked', { reason });
			socket.disconnect(true);
		}
	}

	let revalidating: Promise<void> | null = null;
	let again = false;
	function recheck() {
		if (revalidating) {
			again = true;
			return;
		}
		revalidating = revalidate()
			.catch((error: unknown) => log.warn('socket revalidation failed', { error: String(error) }))
			.finally(() => {
				revalidating = null;
				if (again) {
					again = false;
					recheck();
				}
			});
	}
	const revalidateTimer = setInterval(recheck, REVALIDATE_MS);
	revalidateTimer.unref();
	// Sign-out, deactivation, role changes and revocations say so at once, on every node.
	const identityListener = ctx.db.pubsub.subscribe(IDENTITY_CHANNEL, recheck);

	const heartbeatTimer = setInterval(() => {
		io.emit('heartbeat', { at: new Date().toISOString(), position: ctx.fanout.position });
	}, HEARTBEAT_MS);
	heartbeatTimer.unref();

	const gateway: Gateway = {
		revalidate,
		async stop() {
			clearInterval(revalidateTimer);
			clearInterval(heartbeatTimer);
			await (
				await identityListener
			)();
			await revalidating;
			removeSink();
			await walls.stop();
			await presence.stop();
			gateways.delete(io);
		}
	};
	gateways.set(io, gateway);
	registry.markReady();
	log.info('realtime gateway attached');
	return gateway;
}
