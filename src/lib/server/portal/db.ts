// Reads the requester portal needs beyond the shared ticket read model.
import type { Queryable } from '../db/client';

/** When each of `requesterId`'s resolved tickets among `numbers` was resolved (for the reopen window). */
export async function resolvedTimes(
	sql: Queryable,
	requesterId: number,
	numbers: number[]
): Promise<Map<number, Date>> {
	if (numbers.length === 0) return new Map();
	const rows = await sql<{ id: number; resolved_at: Date }[]>`
		select id, resolved_at from tickets
		where requester_id = ${requesterId} and id = any(${numbers}::int[])
			and status = 'resolved' and resolved_at is not null`;
	return new Map(rows.map((r) => [r.id, r.resolved_at]));
}
