import type { LeitstandEvent } from '$lib/types/events';

/** Every socket acknowledgement has this shape: `{ ok: true, ...data }` or `{ ok: false, error }`. */
export type Ack<T = object> =
	({ ok: true } & T) | { ok: false; error: { code: string; message: string } };

export interface SubscribeRequest {
	topics: string[];
	/** Id of the last event this client applied; missed events on these topics are replayed. */
	since?: number;
}

export interface SubscribeResult {
	topics: string[];
	/** Events after `since`, oldest first. */
	missed: LeitstandEvent[];
	/** True when more was missed than is replayed: the client should reload its data. */
	reload: boolean;
	latestId: number;
}

/** Events the server sends. */
export interface ServerToClientEvents {
	event: (event: LeitstandEvent) => void;
}

/** Events the client sends; every one takes an acknowledgement callback. */
export interface ClientToServerEvents {
	ping: (
		ack: (res: Ack<{ serverTime: string; user: { id: number; role: string } }>) => void
	) => void;
	subscribe: (req: SubscribeRequest, ack: (res: Ack<SubscribeResult>) => void) => void;
	unsubscribe: (req: { topics: string[] }, ack: (res: Ack) => void) => void;
}

/** Error codes the handshake can refuse with (delivered as `connect_error` message). */
export type HandshakeError = 'unauthorized' | 'origin_forbidden';
