import type { TxContext } from '../db/client';
import { insertEvent, insertEvents } from './db';
import {
	EVENT_CATALOGUE,
	isEventType,
	topicFamily,
	type EventPayloads,
	type EventType
} from '$lib/realtime/catalogue';
import type { EventAudience } from '$lib/types/events';

/** Writers notify this channel after commit: "there is something to publish". */
export const EVENTS_CHANNEL = 'leitstand_events';
/** The publisher notifies this channel with the newest position: "fan out up to here". */
export const PUBLISHED_CHANNEL = 'leitstand_published';

export interface AppendEvent<T extends EventType> {
	type: T;
	topic: string;
	/** Queue topics and the like; the event reaches subscribers of any of its topics. */
	alsoTopics?: string[];
	audience: EventAudience;
	actorId?: number | null;
	payload: EventPayloads[T];
	/** When it happened, if not now (demo data and back-dated operations). */
	at?: Date;
}

function audienceFits(declared: string, audience: EventAudience): boolean {
	return declared === 'requester' ? audience.startsWith('requester:') : declared === audience;
}

/** Refuse an event the catalogue does not allow (type, audience, topic). */
function check<T extends EventType>(event: AppendEvent<T>) {
	if (!isEventType(event.type)) throw new Error(`Unknown event type ${event.type}`);
	const entry = EVENT_CATALOGUE[event.type];
	if (!audienceFits(entry.audience, event.audience)) {
		throw new Error(`${event.type} is for ${entry.audience}, not ${event.audience}`);
	}
	if (entry.topic !== null && topicFamily(event.topic) !== entry.topic) {
		throw new Error(`${event.type} belongs on a ${entry.topic} topic, not ${event.topic}`);
	}
}

/**
 * Append an event in the caller's transaction and wake the publisher once it commits. This is
 * the only way events are written; the catalogue decides which types, audiences and topics exist.
 */
export async function appendEvent<T extends EventType>(
	tx: TxContext,
	event: AppendEvent<T>
): Promise<{ id: number }> {
	check(event);
	const saved = await insertEvent(tx.sql, event);
	await tx.notify(EVENTS_CHANNEL, '');
	return saved;
}

/** An event for `appendEvents`: any type of the catalogue, with its payload. */
export type AnyAppendEvent = { [T in EventType]: AppendEvent<T> }[EventType];

/**
 * Append several events of one operation in one statement (ids in the order given), under the
 * same rules as `appendEvent`. The notification is sent in the same round trip, ahead of the rows:
 * it is part of the transaction and reaches the publisher only if all of them commit.
 */
export async function appendEvents(
	tx: TxContext,
	events: AnyAppendEvent[]
): Promise<{ id: number }[]> {
	if (events.length === 0) return [];
	for (const event of events) check(event);
	const [, saved] = await Promise.all([
		tx.notify(EVENTS_CHANNEL, ''),
		insertEvents(tx.sql, events)
	]);
	return saved;
}
