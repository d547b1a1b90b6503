// What the stream tests share: a test app with a socket server, a client that applies events as
// the browser's LiveConnection does, and the truth to compare it with (the published stream).
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import { latestPosition } from '../../src/lib/server/events/db';
import { appendEvent } from '../../src/lib/server/events/writer';
import { metrics } from '../../src/lib/server/metrics';
import { getUserByEmail } from '../../src/lib/server/users/db';
import type { LeitstandEvent } from '../../src/lib/types/events';
import {
	connected,
	startSocketServer,
	startTestApp,
	type TestApp,
	type TestClientSocket,
	type TestSocketServer
} from './harness';

let app: TestApp;
let server: TestSocketServer;
let cookie: string;

/** Register the fixture's hooks in the calling test file. */
export function useStream() {
	beforeAll(async () => {
		delete process.env.ORIGIN;
		app = await startTestApp({ demo: true });
		server = await startSocketServer(app.ctx);
		const agent = (await getUserByEmail(app.ctx.db.sql, 'l1@example.com'))!;
		const token = generateSessionToken();
		await createSession(app.ctx.db.sql, token, agent.id);
		cookie = `leitstand_session=${token}`;
	});
	afterAll(async () => {
		await server?.close();
		await app?.stop();
	});
	afterEach(() => {
		for (const c of clients.splice(0)) c.disconnect();
	});
	return { app: () => app };
}

/**
 * A client that behaves as the browser's LiveConnection does: it applies an event only if its
 * position is beyond the last one applied, and on (re)connect subscribes from that position.
 */
export class StreamClient {
	applied: LeitstandEvent[] = [];
	position: number;
	socket: TestClientSocket | null = null;
	/** Positions that arrived twice or out of order: must stay empty. */
	anomalies: string[] = [];

	constructor(
		public topics: string[],
		since: number
	) {
		this.position = since;
	}

	#apply(event: LeitstandEvent, via: string) {
		if (event.position <= this.position) {
			this.anomalies.push(`${via}: ${event.position} after ${this.position}`);
			return;
		}
		this.position = event.position;
		this.applied.push(event);
	}

	async connect() {
		const socket = server.connect({ transport: 'websocket', cookie });
		this.socket = socket;
		socket.on('event', (e) => this.#apply(e, 'live'));
		await connected(socket);
		// Apply the replay inside the acknowledgement callback, as the browser client does: a
		// promise would let live events that follow the acknowledgement run first.
		await new Promise<void>((resolve, reject) => {
			socket.emit('subscribe', { topics: this.topics, since: this.position }, (ack) => {
				if (!ack.ok) return reject(new Error(`subscribe refused: ${ack.error.message}`));
				if (ack.reload) return reject(new Error('unexpected reload'));
				for (const e of ack.missed) this.#apply(e, 'replay');
				this.position = Math.max(this.position, ack.latestId);
				resolve();
			});
		});
	}

	disconnect() {
		this.socket?.close();
		this.socket = null;
	}
}

const clients: StreamClient[] = [];

/** The stream clients the current test opened. */
export const openedClients = (): readonly StreamClient[] => clients;

/** A stream client, disconnected after the test. */
export function client(topics: string[], since: number) {
	const c = new StreamClient(topics, since);
	clients.push(c);
	return c;
}

/** Every published event on `topics` after `since`, in stream order (the truth to compare to). */
export async function streamOf(topics: string[], since: number) {
	return app.ctx.db.sql<{ id: number; position: number }[]>`
		select id, position from events
		where topics && ${topics}::text[] and position > ${since} order by position`;
}

/** Wait until everything committed is published and fanned out on this node. */
export async function settled() {
	await expect
		.poll(async () => (await app.ctx.db.sql`select 1 from events where position is null`).length, {
			timeout: 10_000
		})
		.toBe(0);
	const top = await latestPosition(app.ctx.db.sql);
	await app.ctx.fanout.reach(top, 10_000);
	return top;
}

export const append = (topic: string, label: string) =>
	app.ctx.db.transaction((tx) =>
		appendEvent(tx, { topic, type: 'test.ping', audience: 'agents', payload: { label } })
	);

/** Live events the gateway held back during replays so far (a metric). */
export async function heldCount(): Promise<number> {
	const metric = await metrics().replayHeldEvents.get();
	return metric.values[0]?.value ?? 0;
}
