// Who is viewing or replying on which ticket, across nodes. Presence is news, not history: it
// travels as notifications (not events), each node keeps the whole picture with expiry, and a
// node re-announces its own entries so that a node that dies drops out within a minute.
import { randomUUID } from 'node:crypto';
import type { Server, Socket } from 'socket.io';
import type { AppContext } from '../app';
import { log } from '../log';
import type { PresenceEntry, PresenceUpdate } from '$lib/realtime/events';
import type { SessionUser } from '$lib/types/user';

export const PRESENCE_CHANNEL = 'leitstand_presence';
/** A node re-announces its entries this often; others drop an entry not heard of for 3 times it. */
const REFRESH_MS = 15_000;
const EXPIRY_MS = 3 * REFRESH_MS;
/** Changes to one ticket within this window go out as one message. */
const COALESCE_MS = 150;

interface Announcement {
	node: string;
	socket: string;
	ticket: number;
	id: number;
	name: string;
	state: PresenceEntry['state'] | 'left';
}

interface Followers {
	followers(topic: string): ReadonlySet<Socket>;
}

export interface Presence {
	/** A staff socket started following `topics`: tell it who is on those tickets now. */
	follow(socket: Socket, topics: string[]): void;
	set(socket: Socket, user: SessionUser, ticket: number, state: Announcement['state']): void;
	/** The socket went away: it leaves every ticket. */
	forget(socket: Socket): void;
	/** Who is on `ticket` now (for tests and the desk's first render). */
	on(ticket: number): PresenceEntry[];
	stop(): Promise<void>;
}

export function startPresence(io: Server, ctx: AppContext, subs: Followers): Presence {
	const node = randomUUID();
	/** Every node's entries: `${node}/${socket}/${ticket}` → entry and when it expires. */
	const entries = new Map<string, Announcement & { expires: number }>();
	/** This node's own sockets: socket id → ticket → announcement. */
	const local = new Map<string, Map<number, Announcement>>();
	const pending = new Map<number, ReturnType<typeof setTimeout>>();
	let stopped = false;

	function people(ticket: number): PresenceEntry[] {
		const byUser = new Map<number, PresenceEntry>();
		for (const e of entries.values()) {
			if (e.ticket !== ticket || e.state === 'left') continue;
			const seen = byUser.get(e.id);
			if (!seen || e.state === 'replying')
				byUser.set(e.id, { id: e.id, name: e.name, state: e.state });
		}
		return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name));
	}

	function staffFollowing(ticket: number): string[] {
		const ids = new Set<string>();
		for (const topic of [`ticket:${ticket}`, 'desk']) {
			for (const s of subs.followers(topic)) {
				if ((s.data as { identity?: { kind: string } }).identity?.kind === 'staff') ids.add(s.id);
			}
		}
		return [...ids];
	}

	function broadcast(ticket: number) {
		if (pending.has(ticket) || stopped) return;
		pending.set(
			ticket,
			setTimeout(() => {
				pending.delete(ticket);
				const ids = staffFollowing(ticket);
				const update: PresenceUpdate = { ticket, people: people(ticket) };
				if (ids.length > 0) io.to(ids).emit('presence', update);
			}, COALESCE_MS)
		);
	}

	function apply(a: Announcement) {
		const key = `${a.node}/${a.socket}/${a.ticket}`;
		const before = entries.get(key);
		if (a.state === 'left') entries.delete(key);
		else entries.set(key, { ...a, expires: Date.now() + EXPIRY_MS });
		if (before?.state !== a.state) broadcast(a.ticket);
	}

	function announce(a: Announcement) {
		apply(a);
		ctx.db.pubsub
			.publish(PRESENCE_CHANNEL, JSON.stringify(a))
			.catch((error: unknown) => log.warn('presence not shared', { error: String(error) }));
	}

	const subscribed = ctx.db.pubsub.subscribe(PRESENCE_CHANNEL, (payload) => {
		try {
			const a = JSON.parse(payload) as Announcement;
			if (a.node !== node && Number.isSafeInteger(a.ticket)) apply(a);
		} catch {
			// Not ours to understand: ignore.
		}
	});

	const timer = setInterval(() => {
		const now = Date.now();
		for (const [key, e] of entries) {
			if (e.node !== node && e.expires < now) {
				entries.delete(key);
				broadcast(e.ticket);
			}
		}
		for (const tickets of local.values()) for (const a of tickets.values()) announce(a);
	}, REFRESH_MS);
	timer.unref();

	return {
		follow(socket, topics) {
			const tickets = new Set<number>();
			for (const t of topics) {
				const match = /^ticket:(\d+)$/.exec(t);
				if (match) tickets.add(Number(match[1]));
				if (t === 'desk') for (const e of entries.values()) tickets.add(e.ticket);
			}
			for (const ticket of tickets) {
				const list = people(ticket);
				if (list.length > 0) socket.emit('presence', { ticket, people: list });
			}
		},
		set(socket, user, ticket, state) {
			let tickets = local.get(socket.id);
			if (!tickets) local.set(socket.id, (tickets = new Map()));
			const a: Announcement = {
				node,
				socket: socket.id,
				ticket,
				id: user.id,
				name: user.name,
				state
			};
			if (state === 'left') tickets.delete(ticket);
			else tickets.set(ticket, a);
			announce(a);
		},
		forget(socket) {
			const tickets = local.get(socket.id);
			local.delete(socket.id);
			for (const a of tickets?.values() ?? []) announce({ ...a, state: 'left' });
		},
		on: people,
		async stop() {
			stopped = true;
			clearInterval(timer);
			for (const t of pending.values()) clearTimeout(t);
			await (
				await subscribed
			)();
		}
	};
}
