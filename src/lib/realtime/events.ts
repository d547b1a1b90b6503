// The Socket.IO contract, shared by the gateway and every client (pages, tools, tests).
import type { LeitstandEvent } from '$lib/types/events';
import type { WallSnapshot } from '$lib/types/wall';

/** Every socket acknowledgement has this shape: `{ ok: true, ...data }` or `{ ok: false, error }`. */
export type Ack<T = object> =
	({ ok: true } & T) | { ok: false; error: { code: string; message: string } };

export interface SubscribeRequest {
	topics: string[];
	/**
	 * Stream position of the last event this client applied (or the position its page was
	 * rendered at). Events on these topics after it are replayed in the acknowledgement, and live
	 * events follow without gap or repetition. Omitted: live from now on.
	 */
	since?: number;
}

export interface SubscribeResult {
	topics: string[];
	/** Events after `since`, in stream order; live events follow the acknowledgement. */
	missed: LeitstandEvent[];
	/** True when more was missed than is replayed: the client should reload its data. */
	reload: boolean;
	/** The stream position this node has reached (the position of the newest event). */
	latestId: number;
}

/** Who is on a ticket or an incident right now (staff only). */
export interface PresenceEntry {
	id: number;
	name: string;
	/** On an incident, `replying` means writing an update. */
	state: 'viewing' | 'replying';
}

/** Who is on a ticket (`ticket`) or on an incident (`incident`). */
export type PresenceUpdate =
	| { ticket: number; incident?: undefined; people: PresenceEntry[] }
	| { incident: number; ticket?: undefined; people: PresenceEntry[] };

/** Why the server cut a socket off. */
export type RevokedReason = 'signed_out' | 'deactivated' | 'role_changed' | 'token_revoked';

/** Events the server sends. */
export interface ServerToClientEvents {
	/** One event of the stream, in stream order. */
	event: (event: LeitstandEvent) => void;
	/** Every few seconds: the server is there, and how far the stream goes. */
	heartbeat: (beat: { at: string; position: number }) => void;
	/** The socket's credentials ended or changed; the server disconnects it right after. */
	revoked: (info: { reason: RevokedReason }) => void;
	/** The figures of a wall the socket follows (`wall:<id>`), at most about once a second. */
	wall: (snapshot: WallSnapshot) => void;
	/** Who views or replies on a ticket (directly or through `desk`) or incident the socket follows. */
	presence: (update: PresenceUpdate) => void;
}

/** Events the client sends; every one takes an acknowledgement callback. */
export interface ClientToServerEvents {
	ping: (
		ack: (
			res: Ack<{ serverTime: string; user: { id: number; role: string } | null; kind: string }>
		) => void
	) => void;
	subscribe: (req: SubscribeRequest, ack: (res: Ack<SubscribeResult>) => void) => void;
	unsubscribe: (req: { topics: string[] }, ack: (res: Ack) => void) => void;
	/** Staff: say that you view, reply on (write an update to), or left a ticket or an incident. */
	presence: (
		req:
			| { ticket: number; state: PresenceEntry['state'] | 'left' }
			| { incident: number; state: PresenceEntry['state'] | 'left' },
		ack: (res: Ack) => void
	) => void;
}

/** Error codes the handshake can refuse with (delivered as `connect_error` message). */
export type HandshakeError = 'unauthorized' | 'origin_forbidden';
