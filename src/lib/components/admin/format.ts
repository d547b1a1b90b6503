// Kept only for the wall management page (src/routes/wall/manage), which should move to
// `useTimes()` from $lib/format/times.svelte; then delete this file. Formats the one way.
import { timeFormat } from '$lib/format/time';
import { getLocale } from '$lib/paraglide/runtime';

export function formatDateTime(value: Date | string | null, timeZone: string): string {
	return value ? timeFormat(getLocale(), timeZone).dateTime(value) : '—';
}
