import type { Queryable } from '../db/client';
import type { EventAudience, LeitstandEvent } from '$lib/types/events';

export interface NewEvent {
	topic: string;
	type: string;
	audience: EventAudience;
	actorId?: number | null;
	payload?: Record<string, unknown>;
	/** When it happened, if not now (demo data and back-dated operations). */
	at?: Date;
}

interface EventRow {
	id: number;
	topic: string;
	type: string;
	audience: string;
	actor_id: number | null;
	payload: Record<string, unknown>;
	created_at: Date;
}

function toEvent(row: EventRow): LeitstandEvent {
	return {
		id: row.id,
		topic: row.topic,
		type: row.type,
		audience: row.audience as EventAudience,
		actorId: row.actor_id,
		payload: row.payload,
		createdAt: row.created_at.toISOString()
	};
}

export async function insertEvent(sql: Queryable, event: NewEvent): Promise<LeitstandEvent> {
	const [row] = await sql<EventRow[]>`
		insert into events (topic, type, audience, actor_id, payload, created_at)
		values (${event.topic}, ${event.type}, ${event.audience}, ${event.actorId ?? null},
			${sql.json((event.payload ?? {}) as never)}, ${event.at ?? sql`now()`})
		returning id, topic, type, audience, actor_id, payload, created_at`;
	return toEvent(row);
}

export async function eventsByIds(sql: Queryable, ids: number[]): Promise<LeitstandEvent[]> {
	if (ids.length === 0) return [];
	const rows = await sql<EventRow[]>`
		select id, topic, type, audience, actor_id, payload, created_at
		from events where id = any(${ids}::bigint[]) order by id`;
	return rows.map(toEvent);
}

/** Events on `topics` after `afterId`, oldest first, at most `limit` (for reconnect replay). */
export async function eventsAfter(
	sql: Queryable,
	topics: string[],
	afterId: number,
	limit: number
): Promise<LeitstandEvent[]> {
	if (topics.length === 0) return [];
	const rows = await sql<EventRow[]>`
		select id, topic, type, audience, actor_id, payload, created_at
		from events where topic = any(${topics}::text[]) and id > ${afterId}
		order by id limit ${limit}`;
	return rows.map(toEvent);
}

export async function latestEventId(sql: Queryable): Promise<number> {
	const [row] = await sql<{ id: number | null }[]>`select max(id) as id from events`;
	return row.id ?? 0;
}
