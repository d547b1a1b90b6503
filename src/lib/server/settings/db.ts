// Organisation-wide settings (the `settings` table) that pages read.
import type { Queryable } from '../db/client';

/** The organisation's time zone (settings key `time_zone`), or null when none is set. */
export async function timeZoneSetting(sql: Queryable): Promise<string | null> {
	const [row] = await sql<{ zone: string | null }[]>`
		select value #>> '{}' as zone from settings where key = 'time_zone'`;
	return row?.zone ?? null;
}

/** The public status page's name (settings key `status_page_name`), or null when none is set. */
export async function statusPageNameSetting(sql: Queryable): Promise<string | null> {
	const [row] = await sql<{ name: string | null }[]>`
		select value #>> '{}' as name from settings where key = 'status_page_name'`;
	return row?.name ?? null;
}
