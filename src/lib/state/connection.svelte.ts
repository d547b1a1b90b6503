import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '$lib/realtime/events';
import type { LeitstandEvent } from '$lib/types/events';

export type ConnectionStatus = 'connecting' | 'connected' | 'offline';
type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The page's one Socket.IO connection, its status, and the last event id it applied. */
export class LiveConnection {
	/** Shown in the UI as a live/offline indicator. */
	status = $state<ConnectionStatus>('connecting');
	/** Id of the newest event applied; sent on resubscribe so missed events are replayed. */
	lastEventId = $state(0);
	socket: LiveSocket | null = null;
	#topics: string[] = [];
	// Plain callbacks, not UI state: no reactivity wanted.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#listeners = new Set<(event: LeitstandEvent) => void>();

	connect(topics: string[] = []): () => void {
		this.#topics = topics;
		const socket: LiveSocket = io({ transports: ['websocket', 'polling'], withCredentials: true });
		this.socket = socket;
		socket.on('connect', () => {
			this.status = 'connected';
			if (this.#topics.length > 0) this.#subscribe();
		});
		socket.on('disconnect', () => (this.status = 'offline'));
		socket.on('connect_error', () => (this.status = 'offline'));
		socket.on('event', (event) => this.#apply(event));
		return () => {
			socket.close();
			this.socket = null;
		};
	}

	onEvent(listener: (event: LeitstandEvent) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	#apply(event: LeitstandEvent) {
		if (event.id <= this.lastEventId) return; // already applied (replay overlap)
		this.lastEventId = event.id;
		for (const listener of this.#listeners) listener(event);
	}

	#subscribe() {
		const since = this.lastEventId > 0 ? this.lastEventId : undefined;
		this.socket?.emit('subscribe', { topics: this.#topics, since }, (res) => {
			if (!res.ok) return;
			for (const event of res.missed) this.#apply(event);
			if (!since) this.lastEventId = Math.max(this.lastEventId, res.latestId);
			if (res.reload) location.reload();
		});
	}
}
