import { io, type Socket } from 'socket.io-client';
import type {
	ClientToServerEvents,
	PresenceEntry,
	PresenceUpdate,
	RevokedReason,
	ServerToClientEvents
} from '$lib/realtime/events';
import type { LeitstandEvent } from '$lib/types/events';
import type { WallSnapshot } from '$lib/types/wall';

/** How long a revoked page waits before it reloads (see `connect`). */
const REVOKED_DELAY_MS = 1500;

export type ConnectionStatus = 'connecting' | 'connected' | 'offline' | 'revoked';
type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ConnectOptions {
	topics: string[];
	/** Stream position the page was rendered at: events after it are replayed, none are lost. */
	since: number;
	/** Events already contained in the page's data although their position is after `since`. */
	applied?: number[];
	/** A wall display's token (kiosk screens without a session). */
	wallToken?: string;
	/** More was missed than the server replays: reload the page's data (default: reload). */
	onReload?: () => void;
	/** The session or token ended or changed (default: reload, which leads to sign-in). */
	onRevoked?: (reason: RevokedReason) => void;
}

/**
 * The page's one Socket.IO connection. It applies every event of its topics exactly once, in
 * stream order: each event carries its position, a reconnect subscribes again from the last
 * position applied, and the server replays what was missed before any newer live event.
 */
export class LiveConnection {
	/** Shown in the UI as a live/offline indicator. */
	status = $state<ConnectionStatus>('connecting');
	/** Stream position of the newest event applied (or the page's render position). */
	position = $state(0);
	/** When the server was last heard from (heartbeat, event or wall figures), in ms. */
	lastHeard = $state<number | null>(null);
	/** Since when the connection has been lost, in ms; null while connected. */
	offlineSince = $state<number | null>(null);
	socket: LiveSocket | null = null;
	#options: ConnectOptions | null = null;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#skip = new Set<number>();
	// Plain callbacks, not UI state: no reactivity wanted.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#listeners = new Set<(event: LeitstandEvent) => void>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#wallListeners = new Set<(snapshot: WallSnapshot) => void>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#presenceListeners = new Set<(update: PresenceUpdate) => void>();

	connect(options: ConnectOptions): () => void {
		this.#options = options;
		// Each connect starts from the data the page has now.
		this.position = options.since;
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not UI state
		this.#skip = new Set(options.applied ?? []);
		const socket: LiveSocket = io({
			transports: ['websocket', 'polling'],
			withCredentials: true,
			auth: options.wallToken ? { wallToken: options.wallToken } : {}
		});
		this.socket = socket;
		const heard = () => (this.lastHeard = Date.now());
		socket.on('connect', () => {
			this.status = 'connected';
			this.offlineSince = null;
			heard();
			this.#subscribe(options.topics);
		});
		socket.on('disconnect', (reason) => {
			if (this.status === 'revoked') return;
			this.status = 'offline';
			this.offlineSince ??= Date.now();
			// The server closed it without revoking (e.g. a restart): connect again.
			if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 1000);
		});
		socket.on('connect_error', () => {
			this.status = 'offline';
			this.offlineSince ??= Date.now();
		});
		socket.on('heartbeat', heard);
		socket.on('event', (event) => {
			heard();
			this.#apply(event);
		});
		socket.on('wall', (snapshot) => {
			heard();
			for (const listener of this.#wallListeners) listener(snapshot);
		});
		socket.on('presence', (update) => {
			for (const listener of this.#presenceListeners) listener(update);
		});
		// Act on a revocation a moment later: when this page signed itself out, its own navigation
		// to the sign-in page gets there first and unmounts it, which cancels this.
		let revokedTimer: ReturnType<typeof setTimeout> | undefined;
		socket.on('revoked', ({ reason }) => {
			this.status = 'revoked';
			socket.close();
			revokedTimer = setTimeout(
				() => (options.onRevoked ?? (() => location.reload()))(reason),
				REVOKED_DELAY_MS
			);
		});
		// The browser knows at once when the network goes; the socket's own ping would take ~40 s.
		const offline = () => socket.disconnect();
		const online = () => {
			if (this.status !== 'revoked' && !socket.connected) socket.connect();
		};
		window.addEventListener('offline', offline);
		window.addEventListener('online', online);
		return () => {
			clearTimeout(revokedTimer);
			window.removeEventListener('offline', offline);
			window.removeEventListener('online', online);
			socket.close();
			this.socket = null;
		};
	}

	/** Follow `topics` from the position already applied (the page's topics changed). */
	follow(topics: string[]) {
		if (!this.#options) return;
		const added = topics.filter((t) => !this.#options?.topics.includes(t));
		const removed = this.#options.topics.filter((t) => !topics.includes(t));
		this.#options = { ...this.#options, topics };
		if (this.status !== 'connected') return;
		if (added.length > 0) this.#subscribe(added);
		if (removed.length > 0) this.socket?.emit('unsubscribe', { topics: removed }, () => {});
	}

	onEvent(listener: (event: LeitstandEvent) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	onWall(listener: (snapshot: WallSnapshot) => void): () => void {
		this.#wallListeners.add(listener);
		return () => this.#wallListeners.delete(listener);
	}

	onPresence(listener: (update: PresenceUpdate) => void): () => void {
		this.#presenceListeners.add(listener);
		return () => this.#presenceListeners.delete(listener);
	}

	/** Tell other agents that you view, reply on, or left a ticket. */
	setPresence(ticket: number, state: PresenceEntry['state'] | 'left') {
		this.socket?.emit('presence', { ticket, state }, () => {});
	}

	/** Tell other agents that you view, write an update to, or left an incident. */
	setIncidentPresence(incident: number, state: PresenceEntry['state'] | 'left') {
		this.socket?.emit('presence', { incident, state }, () => {});
	}

	#apply(event: LeitstandEvent) {
		if (event.position <= this.position) return; // applied already (replay overlap)
		this.position = event.position;
		if (this.#skip.delete(event.id)) return; // already in the page's data
		for (const listener of this.#listeners) listener(event);
	}

	#subscribe(topics: string[]) {
		const options = this.#options;
		if (!options || topics.length === 0) return;
		this.socket?.emit('subscribe', { topics, since: this.position }, (res) => {
			if (!res.ok) return;
			if (res.reload) return (options.onReload ?? (() => location.reload()))();
			for (const event of res.missed) this.#apply(event);
			this.position = Math.max(this.position, res.latestId);
		});
	}
}
