// Organisation-wide settings (the `settings` table) that pages read.
import type { Queryable } from '../db/client';

/** The organisation's time zone (settings key `time_zone`), or null when none is set. */
export async function timeZoneSetting(sql: Queryable): Promise<string | null> {
	const [row] = await sql<{ zone: string | null }[]>`
		select value #>> '{}' as zone from settings where key = 'time_zone'`;
	return row?.zone ?? null;
}
