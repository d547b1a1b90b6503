// The stream reader of one node: follows the published positions and hands every event, once
// and in stream order, to the node's sinks (the socket gateway, the wall). It catches up from the
// table after any missed notification, a lost LISTEN connection or a failed read.
import type { Database } from '../db/client';
import { eventsAfterPosition, latestPosition } from '../events/db';
import { PUBLISHED_CHANNEL } from '../events/writer';
import { log } from '../log';
import { metrics } from '../metrics';
import type { LeitstandEvent } from '$lib/types/events';

export type EventSink = (event: LeitstandEvent) => void;

export interface Fanout {
	/** The newest position handed to the sinks on this node. */
	readonly position: number;
	addSink(sink: EventSink): () => void;
	/** Resolve true once this node has fanned out up to `position`, false after `timeoutMs`. */
	reach(position: number, timeoutMs: number): Promise<boolean>;
	/** Read what is new now (tests, and after a reconnect). */
	pull(): Promise<void>;
	stop(): Promise<void>;
}

/** Events read per query; a longer backlog is read in several. */
const PAGE = 500;

export async function startFanout(db: Database, pollMs = 1000): Promise<Fanout> {
	const sinks = new Set<EventSink>();
	const waiters = new Set<{ position: number; done: (ok: boolean) => void }>();
	let position = await latestPosition(db.sql);
	let known = position;
	let reading: Promise<void> | null = null;
	let again = false;
	let stopped = false;

	function hand(event: LeitstandEvent) {
		for (const sink of sinks) {
			try {
				sink(event);
			} catch (error) {
				log.error('event sink failed', { error: String(error), position: event.position });
			}
		}
	}

	async function read(): Promise<void> {
		do {
			again = false;
			for (;;) {
				const events = await eventsAfterPosition(db.sql, position, PAGE);
				for (const event of events) {
					if (stopped) return;
					position = event.position;
					hand(event);
				}
				metrics().eventsDelivered.inc(events.length);
				metrics().streamPosition.set(position);
				for (const w of waiters) if (position >= w.position) w.done(true);
				if (events.length < PAGE) break;
			}
		} while (again && !stopped);
	}

	function pull(): Promise<void> {
		if (stopped) return Promise.resolve();
		if (reading) {
			again = true;
			return reading;
		}
		reading = read()
			.catch((error: unknown) => {
				// The position did not move past what was handed out: the next pull continues there.
				metrics().streamFailures.inc({ stage: 'fanout' });
				if (!stopped)
					log.warn('reading the event stream failed; retrying', { error: String(error) });
			})
			.finally(() => (reading = null));
		return reading;
	}

	const unsubscribe = await db.pubsub.subscribe(
		PUBLISHED_CHANNEL,
		(payload) => {
			const top = Number(payload);
			if (Number.isSafeInteger(top) && top > known) known = top;
			if (known > position) void pull();
		},
		() => void pull()
	);
	const timer = setInterval(() => void pull(), pollMs);
	timer.unref();

	return {
		get position() {
			return position;
		},
		addSink(sink) {
			sinks.add(sink);
			return () => sinks.delete(sink);
		},
		reach(target, timeoutMs) {
			if (position >= target) return Promise.resolve(true);
			return new Promise((resolve) => {
				const waiter = {
					position: target,
					done: (ok: boolean) => {
						clearTimeout(timeout);
						waiters.delete(waiter);
						resolve(ok);
					}
				};
				const timeout = setTimeout(() => waiter.done(false), timeoutMs);
				waiters.add(waiter);
				void pull();
			});
		},
		pull,
		async stop() {
			stopped = true;
			clearInterval(timer);
			for (const w of waiters) w.done(false);
			sinks.clear();
			await unsubscribe();
			await reading;
		}
	};
}
