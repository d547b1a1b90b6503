// Date display for admin tables: fixed time zone on server and client, so hydration matches.
import { getLocale } from '$lib/paraglide/runtime';

export function formatDateTime(value: Date | string | null, timeZone: string): string {
	if (!value) return '—';
	return new Intl.DateTimeFormat(getLocale(), {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone
	}).format(new Date(value));
}

export function formatDate(value: string, timeZone = 'UTC'): string {
	return new Intl.DateTimeFormat(getLocale(), {
		weekday: 'short',
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		timeZone
	}).format(new Date(`${value}T12:00:00Z`));
}
