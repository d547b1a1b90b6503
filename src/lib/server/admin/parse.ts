// Pure parsing and formatting of what admins type into forms: working hours, holiday lists and
// SLA durations. No I/O, so it is unit-tested on its own (parse.spec.ts).
import type { BusinessCalendar, Weekday } from '../sla/calendar';

export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const INTERVAL = /^(\d{1,2})(?::(\d{2}))?\s*[-–—]\s*(\d{1,2})(?::(\d{2}))?$/;
const pad = (hours: string, minutes = '00') => `${hours.padStart(2, '0')}:${minutes}`;

/**
 * "08:00-12:00, 13:00-18:00" (or "8-12; 13-18") as intervals; an empty text is a day off.
 * Times are only shaped here; whether they exist (25:00) is for `validateCalendar` to say.
 */
export function parseIntervals(
	text: string
): { ok: true; intervals: Array<[string, string]> } | { ok: false; bad: string } {
	const intervals: Array<[string, string]> = [];
	for (const raw of text.split(/[,;\n]+/)) {
		const token = raw.trim();
		if (!token) continue;
		const match = INTERVAL.exec(token);
		if (!match) return { ok: false, bad: token };
		intervals.push([pad(match[1], match[2]), pad(match[3], match[4])]);
	}
	return { ok: true, intervals };
}

export function formatIntervals(intervals: ReadonlyArray<readonly [string, string]> = []): string {
	return intervals.map(([start, end]) => `${start}-${end}`).join(', ');
}

/** Dates separated by new lines, commas or spaces; duplicates dropped, sorted. */
export function parseHolidayList(text: string): string[] {
	const dates = text
		.split(/[\s,;]+/)
		.map((d) => d.trim())
		.filter(Boolean);
	return [...new Set(dates)].sort();
}

const minutesOf = (time: string) => {
	const [h, m] = time.split(':').map(Number);
	return h * 60 + m;
};

/** The longest working day of a calendar in minutes: what "1 d" means for its SLA targets. */
export function workingDayMinutes(calendar: Pick<BusinessCalendar, 'week'>): number {
	let longest = 0;
	for (const day of WEEKDAYS) {
		const total = (calendar.week[day] ?? []).reduce(
			(sum, [start, end]) => sum + Math.max(0, minutesOf(end) - minutesOf(start)),
			0
		);
		longest = Math.max(longest, total);
	}
	return longest > 0 && Number.isFinite(longest) ? longest : 1440;
}

const UNITS: Array<[RegExp, 'd' | 'h' | 'm']> = [
	[/^(d|t|day|days|tag|tage)$/, 'd'],
	[/^(h|hr|hrs|hour|hours|std|stunde|stunden)$/, 'h'],
	[/^(|m|min|mins|minute|minutes|minuten)$/, 'm']
];

/**
 * Business minutes from "90", "45m", "4h", "1.5h", "3d" or "1d 4h 30m". A day is `dayMinutes`
 * long (one working day of the target's calendar). Null when malformed or not positive.
 */
export function parseDuration(text: string, dayMinutes: number): number | null {
	const input = text.trim().toLowerCase();
	if (!input) return null;
	const part = /(\d+(?:[.,]\d+)?)\s*([a-z]*)\s*/gy;
	let total = 0;
	let consumed = 0;
	for (let match = part.exec(input); match; match = part.exec(input)) {
		const value = Number(match[1].replace(',', '.'));
		const unit = UNITS.find(([pattern]) => pattern.test(match![2]))?.[1];
		if (!unit) return null;
		total += value * (unit === 'd' ? dayMinutes : unit === 'h' ? 60 : 1);
		consumed = part.lastIndex;
	}
	if (consumed !== input.length) return null;
	const minutes = Math.round(total);
	return minutes > 0 && minutes <= 1_000_000 ? minutes : null;
}

/** The inverse of `parseDuration` in the largest whole units: 1800 at 600/day → "3d". */
export function formatDuration(minutes: number, dayMinutes: number): string {
	const days = Math.floor(minutes / dayMinutes);
	const rest = minutes - days * dayMinutes;
	const parts: string[] = [];
	if (days) parts.push(`${days}d`);
	if (Math.floor(rest / 60)) parts.push(`${Math.floor(rest / 60)}h`);
	if (rest % 60) parts.push(`${rest % 60}m`);
	return parts.join(' ') || '0m';
}
