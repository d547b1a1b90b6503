import type { Queryable } from '../db/client';

/** Resolved tickets whose resolution is older than `cutoff`, oldest first, with their version. */
export async function resolvedBefore(
	sql: Queryable,
	cutoff: Date,
	limit: number
): Promise<Array<{ id: number; version: number }>> {
	return sql<{ id: number; version: number }[]>`
		select id, version from tickets
		where status = 'resolved' and resolved_at < ${cutoff}
		order by resolved_at, id
		limit ${limit}`;
}
