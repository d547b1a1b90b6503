// Dates on the desk: short where the context is obvious, explicit where it is not.
import { getLocale } from '$lib/paraglide/runtime';

const DAY = 86_400_000;

/** "14:30" today, "Tue 14:30" within a week, "12 Mar, 14:30" otherwise. */
export function shortDateTime(iso: string, now: number): string {
	const at = new Date(iso);
	const locale = getLocale();
	const sameDay = new Date(now).toDateString() === at.toDateString();
	const near = Math.abs(at.getTime() - now) < 6 * DAY;
	return new Intl.DateTimeFormat(locale, {
		...(sameDay ? {} : near ? { weekday: 'short' } : { day: 'numeric', month: 'short' }),
		hour: 'numeric',
		minute: '2-digit'
	}).format(at);
}
