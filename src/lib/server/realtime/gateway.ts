import { parse as parseCookies } from 'cookie';
import type { Server, Socket } from 'socket.io';
import type { AppContext } from '../app';
import { validateApiToken } from '../auth/tokens';
import { SESSION_COOKIE, validateSessionToken } from '../auth/session';
import { eventsAfter, latestEventId } from '../events/db';
import { log } from '../log';
import { metrics } from '../metrics';
import { getTicket } from '../tickets/db';
import { canSee, canSubscribe } from './access';
import type {
	Ack,
	ClientToServerEvents,
	HandshakeError,
	ServerToClientEvents
} from '$lib/realtime/events';
import type { SessionUser } from '$lib/types/user';
import type { SocketRegistry } from './io-server.js';

interface SocketData {
	user: SessionUser;
	auth: 'session' | 'token';
}
type GatewayServer = Server<ClientToServerEvents, ServerToClientEvents, object, SocketData>;
type GatewaySocket = Socket<ClientToServerEvents, ServerToClientEvents, object, SocketData>;

/** Most events replayed to a reconnecting client before it is told to reload instead. */
export const REPLAY_LIMIT = 500;
const MAX_TOPICS = 50;

const attached = new WeakSet<Server>();

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

async function authenticate(socket: GatewaySocket, ctx: AppContext): Promise<SocketData | Error> {
	const { headers, auth } = socket.handshake;
	const origin = headers.origin;
	// Browsers always send Origin on WebSocket upgrades, so a foreign page cannot borrow the cookie.
	if (origin && !allowedOrigin(origin, headers.host)) {
		return refuse('origin_forbidden', 'This origin may not connect.');
	}
	const token = typeof auth?.token === 'string' ? auth.token : undefined;
	if (token) {
		const user = await validateApiToken(ctx.db.sql, token);
		return user ? { user, auth: 'token' } : refuse('unauthorized', 'Invalid or revoked token.');
	}
	const cookie = headers.cookie ? parseCookies(headers.cookie)[SESSION_COOKIE] : undefined;
	if (cookie) {
		const result = await validateSessionToken(ctx.db.sql, cookie);
		if (result) return { user: result.user, auth: 'session' };
	}
	return refuse('unauthorized', 'Sign in first.');
}

const fail = (code: string, message: string) => ({ ok: false as const, error: { code, message } });

/** Wrap a handler so an exception becomes an error ack instead of a silent crash. */
function handler<Req, Res extends object>(
	name: string,
	fn: (req: Req) => Promise<Ack<Res>>
): (req: Req, ack: (res: Ack<Res>) => void) => void {
	return (req, ack) => {
		if (typeof ack !== 'function') return; // every call must take an ack
		fn(req).then(ack, (error: unknown) => {
			log.error(`socket handler ${name} failed`, { error: String(error) });
			ack(fail('internal', 'Something went wrong.'));
		});
	};
}

function registerHandlers(socket: GatewaySocket, ctx: AppContext) {
	const { user } = socket.data;

	socket.on('ping', (ack) => {
		if (typeof ack !== 'function') return;
		ack({ ok: true, serverTime: new Date().toISOString(), user: { id: user.id, role: user.role } });
	});

	socket.on(
		'subscribe',
		handler('subscribe', async (req) => {
			const topics = Array.isArray(req?.topics) ? req.topics : null;
			if (!topics || topics.length === 0 || topics.length > MAX_TOPICS) {
				return fail('invalid', `Send 1 to ${MAX_TOPICS} topics.`);
			}
			const requesterOf = async (n: number) =>
				(await getTicket(ctx.db.sql, n))?.requesterId ?? null;
			const allowed = await Promise.all(
				topics.map((t) => typeof t === 'string' && canSubscribe(user, t, requesterOf))
			);
			const denied = topics.filter((_, i) => !allowed[i]);
			if (denied.length > 0) return fail('forbidden', `Not allowed: ${denied.join(', ')}`);
			const since =
				Number.isSafeInteger(req.since) && (req.since ?? 0) >= 0 ? req.since : undefined;
			for (const t of topics) await socket.join(`topic:${t}`);
			const latestId = await latestEventId(ctx.db.sql);
			if (since === undefined) return { ok: true, topics, missed: [], reload: false, latestId };
			const rows = await eventsAfter(ctx.db.sql, topics, since, REPLAY_LIMIT + 1);
			const reload = rows.length > REPLAY_LIMIT;
			const missed = rows.slice(0, REPLAY_LIMIT).filter((e) => canSee(user, e.audience));
			return { ok: true, topics, missed: reload ? [] : missed, reload, latestId };
		})
	);

	socket.on(
		'unsubscribe',
		handler('unsubscribe', async (req) => {
			const topics = Array.isArray(req?.topics) ? req.topics : [];
			for (const t of topics) if (typeof t === 'string') await socket.leave(`topic:${t}`);
			return { ok: true };
		})
	);
}

/** Attach handshake auth, rooms and handlers to the node's Socket.IO server (once). */
export function attachGateway(registry: SocketRegistry, ctx: AppContext): void {
	const io = registry.io as GatewayServer;
	if (attached.has(io)) return;
	attached.add(io);

	io.use((socket, next) => {
		authenticate(socket, ctx).then(
			(result) => {
				if (result instanceof Error) return next(result);
				socket.data = result;
				next();
			},
			(error: unknown) => {
				log.error('socket handshake failed', { error: String(error) });
				next(refuse('unauthorized', 'Could not verify the session.'));
			}
		);
	});

	io.on('connection', (socket) => {
		const { user } = socket.data;
		void socket.join([`user:${user.id}`, `role:${user.role}`]);
		registerHandlers(socket, ctx);
	});

	// Deliver committed events to the sockets on this node that subscribed to their topic.
	ctx.fanout.addSink((event) => {
		metrics().eventsDelivered.inc();
		const room = `topic:${event.topic}`;
		if (event.audience === 'public') {
			io.to(room).emit('event', event);
		} else if (event.audience === 'agents') {
			io.to(room).except('role:requester').emit('event', event);
		} else {
			// One requester plus staff: staff in the room get it, and of requesters only that one.
			io.to(room).except('role:requester').emit('event', event);
			const owner = io.sockets.adapter.rooms.get(`user:${event.audience.slice(10)}`) ?? [];
			for (const id of owner) {
				const socket = io.sockets.sockets.get(id);
				if (socket?.data.user.role === 'requester' && socket.rooms.has(room)) {
					socket.emit('event', event);
				}
			}
		}
	});

	registry.markReady();
	log.info('realtime gateway attached');
}
