// The publisher: gives committed events their stream position, in commit order, and tells every
// node how far the stream goes. Every node runs one; an advisory lock makes them take turns.
import type { Database } from '../db/client';
import { log } from '../log';
import { metrics } from '../metrics';
import { publishCommitted } from './db';
import { EVENTS_CHANNEL, PUBLISHED_CHANNEL } from './writer';

/** Events ordered per round; a bigger backlog takes several rounds. */
const BATCH = 1000;

export interface Publisher {
	/** Publish now (and again after the current round if one is running). */
	wake(): void;
	stop(): Promise<void>;
}

export async function startPublisher(db: Database, pollMs = 1000): Promise<Publisher> {
	let running: Promise<void> | null = null;
	let again = false;
	let stopped = false;

	async function round(): Promise<void> {
		do {
			again = false;
			let full = true;
			while (full && !stopped) {
				const { top, count } = await db.transaction(async (tx) => {
					const result = await publishCommitted(tx.sql, BATCH);
					if (result.count > 0) await tx.notify(PUBLISHED_CHANNEL, String(result.top));
					return result;
				});
				if (count > 0) metrics().eventsPublished.inc(count);
				full = count === BATCH && top > 0;
			}
		} while (again && !stopped);
	}

	function wake() {
		if (stopped) return;
		if (running) {
			again = true;
			return;
		}
		running = round()
			.catch((error: unknown) => {
				// Nothing is lost: the events stay unpublished and the next wake-up or poll retries.
				metrics().streamFailures.inc({ stage: 'publish' });
				if (!stopped) log.warn('publishing events failed; retrying', { error: String(error) });
			})
			.finally(() => (running = null));
	}

	const unsubscribe = await db.pubsub.subscribe(EVENTS_CHANNEL, wake, wake);
	// A safety net for notifications lost while a LISTEN connection was down.
	const timer = setInterval(wake, pollMs);
	timer.unref();
	wake();

	return {
		wake,
		async stop() {
			stopped = true;
			clearInterval(timer);
			await unsubscribe();
			await running;
		}
	};
}
