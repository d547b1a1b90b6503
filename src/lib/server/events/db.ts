import type { Queryable } from '../db/client';
import type { EventAudience, LeitstandEvent } from '$lib/types/events';

export interface NewEvent {
	topic: string;
	/** Further topics the event is published to (queue topics); the primary topic is implied. */
	alsoTopics?: string[];
	type: string;
	audience: EventAudience;
	actorId?: number | null;
	payload?: object;
	/** When it happened, if not now (demo data and back-dated operations). */
	at?: Date;
}

interface EventRow {
	id: number;
	position: number | null;
	topic: string;
	topics: string[];
	type: string;
	audience: string;
	actor_id: number | null;
	actor_name: string | null;
	payload: Record<string, unknown>;
	created_at: Date;
}

function toEvent(row: EventRow): LeitstandEvent {
	return {
		id: row.id,
		position: row.position ?? 0,
		topic: row.topic,
		topics: row.topics,
		type: row.type,
		audience: row.audience as EventAudience,
		actorId: row.actor_id,
		actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? '' } : null,
		payload: row.payload,
		createdAt: row.created_at.toISOString()
	};
}

/** Append a row; its `position` stays null until the publisher orders it after commit. */
export async function insertEvent(sql: Queryable, event: NewEvent): Promise<{ id: number }> {
	const topics = [event.topic, ...(event.alsoTopics ?? []).filter((t) => t !== event.topic)];
	const [row] = await sql<{ id: number }[]>`
		insert into events (topic, topics, type, audience, actor_id, payload, created_at)
		values (${event.topic}, ${[...new Set(topics)]}::text[], ${event.type}, ${event.audience},
			${event.actorId ?? null}, ${sql.json((event.payload ?? {}) as never)},
			${event.at ?? sql`now()`})
		returning id`;
	return row;
}

/**
 * Append several rows in one statement, in order: the ids ascend in the order given (one
 * sequence, taken row by row). Positions stay null, as for `insertEvent`.
 */
export async function insertEvents(sql: Queryable, events: NewEvent[]): Promise<{ id: number }[]> {
	if (events.length === 0) return [];
	const rows = events.map((event) => {
		const topics = [event.topic, ...(event.alsoTopics ?? []).filter((t) => t !== event.topic)];
		return sql`(${event.topic}, ${[...new Set(topics)]}::text[], ${event.type}, ${event.audience},
			${event.actorId ?? null}, ${sql.json((event.payload ?? {}) as never)},
			${event.at ?? sql`now()`})`;
	});
	const saved = await sql<{ id: number }[]>`
		insert into events (topic, topics, type, audience, actor_id, payload, created_at)
		values ${rows.reduce((list, row) => sql`${list}, ${row}`)}
		returning id`;
	return saved
		.map((r) => r.id)
		.sort((a, b) => a - b)
		.map((id) => ({ id }));
}

// Any fixed number works; it only has to be the same on every node (see db/migrate.ts).
const PUBLISH_LOCK = 7_412_003;

/**
 * Give committed, unpublished events the next positions, in one transaction under an advisory
 * lock so that publishers on several nodes take turns: positions are handed out in the order of
 * the publishing transactions' commits, so a reader never sees a position before a lower one.
 * Returns the highest position published now (when `count` > 0).
 */
export async function publishCommitted(
	sql: Queryable,
	batch: number
): Promise<{ top: number; count: number }> {
	await sql`select pg_advisory_xact_lock(${PUBLISH_LOCK})`;
	const [row] = await sql<{ top: number | null; count: number }[]>`
		with batch as (
			select id, row_number() over (order by id) as n
			from (select id from events where position is null order by id limit ${batch}) u
		), base as (
			select coalesce(max(position), 0) as p from events
		), done as (
			update events e set position = base.p + batch.n
			from batch, base where e.id = batch.id
			returning e.position
		)
		select max(position) as top, count(*)::int as count from done`;
	return { top: row.top ?? 0, count: row.count };
}

const SELECT = (sql: Queryable) => sql`
	select e.id, e.position, e.topic, e.topics, e.type, e.audience, e.actor_id,
		u.name as actor_name, e.payload, e.created_at
	from events e left join users u on u.id = e.actor_id`;

/** Published events after `position`, in stream order (what a node fans out next). */
export async function eventsAfterPosition(
	sql: Queryable,
	position: number,
	limit: number
): Promise<LeitstandEvent[]> {
	const rows = await sql<EventRow[]>`
		${SELECT(sql)} where e.position > ${position} order by e.position limit ${limit}`;
	return rows.map(toEvent);
}

/**
 * Published events on any of `topics` in the position range (`after`, `upTo`], in stream order,
 * at most `limit` (reconnect replay).
 */
export async function eventsOnTopics(
	sql: Queryable,
	topics: string[],
	after: number,
	upTo: number,
	limit: number
): Promise<LeitstandEvent[]> {
	if (topics.length === 0 || upTo <= after) return [];
	const rows = await sql<EventRow[]>`
		${SELECT(sql)}
		where e.topics && ${topics}::text[] and e.position > ${after} and e.position <= ${upTo}
		order by e.position limit ${limit}`;
	return rows.map(toEvent);
}

/** Events on `topics` by row id, published or not: for tests and tools that look at the log. */
export async function eventsAfter(
	sql: Queryable,
	topics: string[],
	afterId: number,
	limit: number
): Promise<LeitstandEvent[]> {
	if (topics.length === 0) return [];
	const rows = await sql<EventRow[]>`
		${SELECT(sql)} where e.topics && ${topics}::text[] and e.id > ${afterId}
		order by e.id limit ${limit}`;
	return rows.map(toEvent);
}

/**
 * Where a page's data stands in the stream: the newest published position, and the ids of events
 * whose changes are already in the data but whose position is not assigned yet (the client
 * skips those when they arrive). Read it in the same snapshot as the data (repeatable read)
 * where the page applies events as deltas (queue counts).
 */
export async function streamMark(sql: Queryable): Promise<{ position: number; applied: number[] }> {
	const [row] = await sql<{ p: number | null; applied: number[] }[]>`
		select (select max(position) from events) as p,
			coalesce((select array_agg(id order by id) from events where position is null), '{}') as applied`;
	return { position: row.p ?? 0, applied: row.applied.map(Number) };
}

/** The newest published position: where a page rendered now stands in the stream. */
export async function latestPosition(sql: Queryable): Promise<number> {
	const [row] = await sql<{ p: number | null }[]>`select max(position) as p from events`;
	return row.p ?? 0;
}
