// The organisation's time zone, which every page renders dates in. Read on every page load, so it
// is kept for a minute; a page must render even while the database is away (the status page).
import type { Queryable } from '../db/client';
import { log } from '../log';
import { timeZoneSetting } from './db';
import { DEFAULT_TIME_ZONE, isTimeZone } from '$lib/format/time';

const KEEP_MS = 60_000;
let known: { zone: string; at: number } | null = null;

/** Settings key `time_zone` if it names a zone, else Europe/Berlin. */
export async function organisationTimeZone(sql: Queryable, now = Date.now()): Promise<string> {
	if (known && now - known.at < KEEP_MS) return known.zone;
	try {
		const zone = await timeZoneSetting(sql);
		known = { zone: zone && isTimeZone(zone) ? zone : DEFAULT_TIME_ZONE, at: now };
	} catch (error) {
		log.warn('time zone setting unavailable', { error: String(error) });
		return known?.zone ?? DEFAULT_TIME_ZONE;
	}
	return known.zone;
}
