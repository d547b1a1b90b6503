// Who is viewing or replying on which ticket or incident, across nodes. Presence is news, not
// history: it travels as notifications (not events), each node keeps the whole picture with
// expiry, and a node re-announces its own entries so that a node that dies drops out within a
// minute. A subject is the topic of what people are on: `ticket:<n>` or `incident:<id>`.
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
/** Changes to one subject within this window go out as one message. */
const COALESCE_MS = 150;

/** `ticket:<n>` or `incident:<id>`. */
export type PresenceSubject = `ticket:${number}` | `incident:${number}`;
const SUBJECT = /^(ticket|incident):([1-9]\d{0,9})$/;

interface Announcement {
	node: string;
	socket: string;
	subject: PresenceSubject;
	id: number;
	name: string;
	state: PresenceEntry['state'] | 'left';
}

/** The presence message for `subject` (tickets keep their original shape). */
function updateFor(subject: PresenceSubject, people: PresenceEntry[]): PresenceUpdate {
	const [kind, n] = subject.split(':');
	return kind === 'incident' ? { incident: Number(n), people } : { ticket: Number(n), people };
}

interface Followers {
	followers(topic: string): ReadonlySet<Socket>;
}

export interface Presence {
	/** A staff socket started following `topics`: tell it who is on those subjects now. */
	follow(socket: Socket, topics: string[]): void;
	set(
		socket: Socket,
		user: SessionUser,
		subject: PresenceSubject,
		state: Announcement['state']
	): void;
	/** The socket went away: it leaves every subject. */
	forget(socket: Socket): void;
	/** Who is on `subject` now (for tests and the desk's first render). */
	on(subject: PresenceSubject): PresenceEntry[];
	stop(): Promise<void>;
}

export function startPresence(io: Server, ctx: AppContext, subs: Followers): Presence {
	const node = randomUUID();
	/** Every node's entries: `${node}/${socket}/${subject}` → entry and when it expires. */
	const entries = new Map<string, Announcement & { expires: number }>();
	/** This node's own sockets: socket id → subject → announcement. */
	const local = new Map<string, Map<PresenceSubject, Announcement>>();
	const pending = new Map<PresenceSubject, ReturnType<typeof setTimeout>>();
	let stopped = false;

	function people(subject: PresenceSubject): PresenceEntry[] {
		const byUser = new Map<number, PresenceEntry>();
		for (const e of entries.values()) {
			if (e.subject !== subject || e.state === 'left') continue;
			const seen = byUser.get(e.id);
			if (!seen || e.state === 'replying')
				byUser.set(e.id, { id: e.id, name: e.name, state: e.state });
		}
		return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name));
	}

	function staffFollowing(subject: PresenceSubject): string[] {
		const ids = new Set<string>();
		// The desk's queue shows who is on each ticket; incidents are shown on their own page.
		const topics = subject.startsWith('ticket:') ? [subject, 'desk'] : [subject];
		for (const topic of topics) {
			for (const s of subs.followers(topic)) {
				if ((s.data as { identity?: { kind: string } }).identity?.kind === 'staff') ids.add(s.id);
			}
		}
		return [...ids];
	}

	function broadcast(subject: PresenceSubject) {
		if (pending.has(subject) || stopped) return;
		pending.set(
			subject,
			setTimeout(() => {
				pending.delete(subject);
				const ids = staffFollowing(subject);
				if (ids.length > 0) io.to(ids).emit('presence', updateFor(subject, people(subject)));
			}, COALESCE_MS)
		);
	}

	function apply(a: Announcement) {
		const key = `${a.node}/${a.socket}/${a.subject}`;
		const before = entries.get(key);
		if (a.state === 'left') entries.delete(key);
		else entries.set(key, { ...a, expires: Date.now() + EXPIRY_MS });
		if (before?.state !== a.state) broadcast(a.subject);
	}

	function announce(a: Announcement) {
		apply(a);
		ctx.db.pubsub
			.publish(PRESENCE_CHANNEL, JSON.stringify(a))
			.catch((error: unknown) => log.warn('presence not shared', { error: String(error) }));
	}

	const subscribed = ctx.db.pubsub.subscribe(PRESENCE_CHANNEL, (payload) => {
		try {
			const a = JSON.parse(payload) as Announcement & { ticket?: number };
			// Nodes of the previous release announce `ticket` only.
			if (a.subject === undefined && Number.isSafeInteger(a.ticket)) {
				a.subject = `ticket:${a.ticket!}`;
			}
			if (a.node !== node && SUBJECT.test(a.subject)) apply(a);
		} catch {
			// Not ours to understand: ignore.
		}
	});

	const timer = setInterval(() => {
		const now = Date.now();
		for (const [key, e] of entries) {
			if (e.node !== node && e.expires < now) {
				entries.delete(key);
				broadcast(e.subject);
			}
		}
		for (const subjects of local.values()) for (const a of subjects.values()) announce(a);
	}, REFRESH_MS);
	timer.unref();

	return {
		follow(socket, topics) {
			const subjects = new Set<PresenceSubject>();
			for (const t of topics) {
				if (SUBJECT.test(t)) subjects.add(t as PresenceSubject);
				if (t === 'desk') {
					for (const e of entries.values()) {
						if (e.subject.startsWith('ticket:')) subjects.add(e.subject);
					}
				}
			}
			for (const subject of subjects) {
				const list = people(subject);
				if (list.length > 0) socket.emit('presence', updateFor(subject, list));
			}
		},
		set(socket, user, subject, state) {
			let subjects = local.get(socket.id);
			if (!subjects) local.set(socket.id, (subjects = new Map()));
			const a: Announcement = {
				node,
				socket: socket.id,
				subject,
				id: user.id,
				name: user.name,
				state
			};
			if (state === 'left') subjects.delete(subject);
			else subjects.set(subject, a);
			announce(a);
		},
		forget(socket) {
			const subjects = local.get(socket.id);
			local.delete(socket.id);
			for (const a of subjects?.values() ?? []) announce({ ...a, state: 'left' });
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
