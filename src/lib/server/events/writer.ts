import type { TxContext } from '../db/client';
import { insertEvent, type NewEvent } from './db';
import type { LeitstandEvent } from '$lib/types/events';

/** The one channel every node listens on; the payload is the new event's id. */
export const EVENTS_CHANNEL = 'leitstand_events';

/**
 * Append an event in the caller's transaction and notify every node once it commits.
 * This is the only way events are written: services call it next to the change it records.
 */
export async function appendEvent(tx: TxContext, event: NewEvent): Promise<LeitstandEvent> {
	const saved = await insertEvent(tx.sql, event);
	await tx.notify(EVENTS_CHANNEL, String(saved.id));
	return saved;
}
