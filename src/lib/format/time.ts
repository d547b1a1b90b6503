// Dates and times as Leitstand shows them, the one way: in the organisation's time zone (settings
// key `time_zone`) and the page's language, never the zone of whichever runtime renders them, so
// the server, the hydrated page and a page without JavaScript all read the same.
import { m } from '$lib/paraglide/messages';

/** Used until an admin sets `time_zone`, and when the setting names no zone. */
export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

/** Intl locales for the UI languages: English in the European style, "12 Mar 2026, 14:05". */
const INTL_LOCALES: Record<string, string> = { en: 'en-GB', de: 'de-DE' };

const MINUTE = 60_000;
const DAY = 86_400_000;

type When = string | number | Date;

/** True when `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

/** "2 h 15 min", "3 d 4 h", "12 min": a compact duration (SLA targets, time left). */
export function formatDuration(minutes: number): string {
	const total = Math.max(0, Math.round(Math.abs(minutes)));
	const days = Math.floor(total / 1440);
	const hours = Math.floor((total % 1440) / 60);
	const mins = total % 60;
	if (days > 0) return hours ? `${days} d ${hours} h` : `${days} d`;
	if (hours > 0) return mins ? `${hours} h ${mins} min` : `${hours} h`;
	return `${mins} min`;
}

/**
 * Formatting for one language and one time zone. Pages get theirs from the root layout
 * (`useTimes()` in components, `data.timeZone` in loads); anything else builds one with
 * `timeFormat(locale, zone)`.
 */
export class TimeFormat {
	readonly #formats = new Map<string, Intl.DateTimeFormat>();
	readonly #intlLocale: string;

	constructor(
		/** The UI language ("en", "de"). */
		readonly locale: string,
		readonly timeZone: string
	) {
		this.#intlLocale = INTL_LOCALES[locale] ?? locale;
	}

	#format(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
		const key = JSON.stringify(options);
		let format = this.#formats.get(key);
		if (!format) {
			format = new Intl.DateTimeFormat(this.#intlLocale, { ...options, timeZone: this.timeZone });
			this.#formats.set(key, format);
		}
		return format;
	}

	/** "12 Mar 2026, 14:05" / "12.03.2026, 14:05". */
	dateTime(value: When): string {
		return this.#format({ dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
	}

	/** "12 Mar 2026" / "12.03.2026". */
	date(value: When): string {
		return this.#format({ dateStyle: 'medium' }).format(new Date(value));
	}

	/** "14:05"; with seconds "14:05:07" (a wall clock). */
	time(value: When, { seconds = false } = {}): string {
		return this.#format({
			hour: '2-digit',
			minute: '2-digit',
			...(seconds ? { second: '2-digit' } : {}),
			hourCycle: 'h23'
		}).format(new Date(value));
	}

	/** "12 Mar 2026, 14:05 CET" / "12. März 2026, 14:05 MEZ": for tooltips, where the zone matters. */
	withZone(value: When): string {
		return this.#format({
			day: 'numeric',
			month: 'short',
			year: 'numeric',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23',
			timeZoneName: 'short'
		}).format(new Date(value));
	}

	/** The calendar day in this zone, as YYYY-MM-DD. */
	day(value: When): string {
		this.#isoDay ??= new Intl.DateTimeFormat('en-CA', { timeZone: this.timeZone });
		return this.#isoDay.format(new Date(value));
	}
	#isoDay: Intl.DateTimeFormat | undefined;

	/** "14:30" today, "Tue 14:30" within six days, "12 Mar, 14:30" otherwise ("today" in this zone). */
	short(value: When, now: number): string {
		const at = new Date(value);
		const time = this.time(at);
		if (this.day(at) === this.day(now)) return time;
		if (Math.abs(at.getTime() - now) < 6 * DAY) {
			return `${this.#format({ weekday: 'short' }).format(at)} ${time}`;
		}
		return `${this.#format({ day: 'numeric', month: 'short' }).format(at)}, ${time}`;
	}

	/** A day without a time (holidays, stored as YYYY-MM-DD): "Mon, 6 Apr 2026" / "Mo., 6. Apr. 2026". */
	calendarDay(ymd: string): string {
		// Noon UTC is the same calendar day in every zone from UTC−11 to UTC+11.
		return new Intl.DateTimeFormat(this.#intlLocale, {
			weekday: 'short',
			day: 'numeric',
			month: 'short',
			year: 'numeric',
			timeZone: 'UTC'
		}).format(new Date(`${ymd}T12:00:00Z`));
	}

	/** "due in 2 h" / "overdue by 15 min": the one relative time, measured from `now`. */
	due(value: When, now: number): string {
		const minutes = (new Date(value).getTime() - now) / MINUTE;
		const time = formatDuration(minutes);
		const options = { locale: this.locale === 'de' ? ('de' as const) : ('en' as const) };
		return minutes >= 0 ? m.sla_due_in({ time }, options) : m.sla_overdue_by({ time }, options);
	}
}

const cache = new Map<string, TimeFormat>();

/** The formatting for `locale` in `timeZone` (shared: formatters are costly to build). */
export function timeFormat(locale: string, timeZone: string = DEFAULT_TIME_ZONE): TimeFormat {
	const key = `${locale} ${timeZone}`;
	let format = cache.get(key);
	if (!format) {
		format = new TimeFormat(locale, isTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE);
		cache.set(key, format);
	}
	return format;
}
