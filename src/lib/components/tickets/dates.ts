// Dates and times for ticket pages, in the UI language (and, once hydrated, the browser's zone).
import { getLocale } from '$lib/paraglide/runtime';

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(style: 'datetime' | 'date'): Intl.DateTimeFormat {
	const key = `${getLocale()}:${style}`;
	let format = cache.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(
			getLocale(),
			style === 'date' ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' }
		);
		cache.set(key, format);
	}
	return format;
}

/** "12 Mar 2026, 14:05" / "12.03.2026, 14:05". */
export const formatDateTime = (iso: string) => formatter('datetime').format(new Date(iso));

/** "12 Mar 2026" / "12.03.2026". */
export const formatDate = (iso: string) => formatter('date').format(new Date(iso));
