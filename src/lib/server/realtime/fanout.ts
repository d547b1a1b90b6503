import type { Database } from '../db/client';
import { eventsByIds } from '../events/db';
import { EVENTS_CHANNEL } from '../events/writer';
import { log } from '../log';
import type { LeitstandEvent } from '$lib/types/events';

export type EventSink = (event: LeitstandEvent) => void;

/** Receives committed events from every node (via the pub/sub channel) and hands them to sinks. */
export interface Fanout {
	addSink(sink: EventSink): () => void;
	stop(): Promise<void>;
}

// Notifications arriving within this window are loaded with one query.
const BATCH_MS = 5;

export async function startFanout(db: Database): Promise<Fanout> {
	const sinks = new Set<EventSink>();
	let pending: number[] = [];
	let timer: ReturnType<typeof setTimeout> | undefined;

	const flush = async () => {
		timer = undefined;
		const ids = pending;
		pending = [];
		try {
			for (const event of await eventsByIds(db.sql, ids)) {
				for (const sink of sinks) sink(event);
			}
		} catch (error) {
			log.error('event fan-out failed', { error: String(error), ids });
		}
	};

	const unsubscribe = await db.pubsub.subscribe(EVENTS_CHANNEL, (payload) => {
		const id = Number(payload);
		if (!Number.isSafeInteger(id)) return;
		pending.push(id);
		timer ??= setTimeout(flush, BATCH_MS);
	});

	return {
		addSink(sink) {
			sinks.add(sink);
			return () => sinks.delete(sink);
		},
		async stop() {
			if (timer) clearTimeout(timer);
			sinks.clear();
			await unsubscribe();
		}
	};
}
