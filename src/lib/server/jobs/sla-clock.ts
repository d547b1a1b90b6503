// SLA clock job: fires due warnings and breaches between writes. Every node runs it; the ticket
// service locks due tickets with SKIP LOCKED, so nodes share the work and each threshold fires once.
import type { Database } from '../db/client';
import { log } from '../log';
import { processDueClocks } from '../tickets/service';
import type { Job } from './runner';

/** Most batches one run works through before yielding to the next tick. */
const MAX_BATCHES = 50;

/**
 * Process due clocks as of `now` until a batch comes back short. A small batch on the embedded
 * database keeps its single connection free for requests in between.
 */
export async function runSlaClock(
	db: Database,
	now: Date = new Date(),
	batch = db.kind === 'embedded' ? 25 : 100
): Promise<number> {
	let total = 0;
	for (let round = 0; round < MAX_BATCHES; round++) {
		const { processed } = await processDueClocks(db, now, batch);
		total += processed;
		if (processed < batch) return total;
	}
	// Either a large backlog (the next tick continues) or clocks whose check time does not move.
	log.warn(`SLA clock: stopped after ${MAX_BATCHES} full batches`, { processed: total });
	return total;
}

export const slaClockJob: Job = {
	name: 'sla-clock',
	intervalMs: 15_000,
	run: ({ db }) => runSlaClock(db)
};
