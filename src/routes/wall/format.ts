// Pure helpers of the wall: ages, times and percentages as shown from across the room, and the
// thresholds past which a figure turns amber or red. No I/O, so they are unit-tested.
import type { SlaOutcome, WallFigures, WallIncident } from '$lib/types/wall';

/** A figure's state: neutral unless a threshold is passed (then also an icon and a word). */
export type Tone = 'neutral' | 'warning' | 'critical';

/** An incident's state by its impact: red for major and critical, amber for minor. */
export const incidentTone = (impact: WallIncident['impact']): Tone =>
	impact === 'critical' || impact === 'major'
		? 'critical'
		: impact === 'minor'
			? 'warning'
			: 'neutral';

/** Oldest waiting: amber from 4 hours, red from a day (wall-clock time). */
export const WAIT_WARNING_MS = 4 * 3600_000;
export const WAIT_CRITICAL_MS = 24 * 3600_000;
/** SLA met share: amber below 90 %, red below 75 %. */
export const SLA_WARNING = 0.9;
export const SLA_CRITICAL = 0.75;
/** After this long without a word from the server the figures grey out; then "stale". */
export const LOST_AFTER_MS = 10_000;
export const STALE_AFTER_MS = 60_000;

/** A figure as numbers with (smaller) units: `[['5', 'd'], ['16', 'h']]` shows as "5d 16h". */
export type Quantity = Array<[number: string, unit: string]>;

/** The text of a quantity, e.g. for comparisons and screen readers: "5 d 16 h". */
export function quantityText(q: Quantity): string {
	return q.map(([n, unit]) => (unit ? `${n} ${unit}` : n)).join(' ');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Age since `since`, counting up by the second: "7:05" under an hour, "4:07:12", then "3 d 4 h". */
export function formatAge(since: string | null, now: number, days = 'd', hours = 'h'): Quantity {
	if (!since) return [['—', '']];
	const seconds = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
	const d = Math.floor(seconds / 86400);
	const h = Math.floor((seconds % 86400) / 3600);
	const min = Math.floor((seconds % 3600) / 60);
	const s = seconds % 60;
	if (d > 0)
		return [
			[String(d), days],
			[String(h), hours]
		];
	if (h > 0) return [[`${h}:${pad(min)}:${pad(s)}`, '']];
	return [[`${min}:${pad(s)}`, '']];
}

export function waitTone(since: string | null, now: number): Tone {
	if (!since) return 'neutral';
	const age = now - Date.parse(since);
	return age >= WAIT_CRITICAL_MS ? 'critical' : age >= WAIT_WARNING_MS ? 'warning' : 'neutral';
}

/** Whole percent met, or null when nothing was measured. */
export function percent(outcome: SlaOutcome): number | null {
	return outcome.total === 0 ? null : Math.floor((outcome.met / outcome.total) * 100);
}

export function slaTone(outcome: SlaOutcome): Tone {
	if (outcome.total === 0) return 'neutral';
	const share = outcome.met / outcome.total;
	return share < SLA_CRITICAL ? 'critical' : share < SLA_WARNING ? 'warning' : 'neutral';
}

/** A group's or level's overall state: breaches today are red, tickets at risk amber. */
export function rowTone(f: WallFigures): Tone {
	return f.breachedToday > 0 ? 'critical' : f.atRisk > 0 ? 'warning' : 'neutral';
}

/** Minutes as "18 min", "2 h 05 min", from ten hours "33 h", or "—". */
export function formatMinutes(minutes: number | null, h = 'h', min = 'min'): Quantity {
	if (minutes === null) return [['—', '']];
	const whole = Math.round(minutes);
	if (whole < 60) return [[String(whole), min]];
	if (whole < 600)
		return [
			[String(Math.floor(whole / 60)), h],
			[pad(whole % 60), min]
		];
	return [[String(Math.round(whole / 60)), h]];
}

/** Wall-clock time in the organisation's zone, e.g. 10:42:07. */
export function formatTime(at: string | number | Date, timeZone: string, locale: string): string {
	return new Intl.DateTimeFormat(locale, {
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hourCycle: 'h23',
		timeZone
	}).format(new Date(at));
}

/** The hour of day in the organisation's zone, e.g. "08". */
export function formatHour(at: string | number | Date, timeZone: string): string {
	return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone }).format(
		new Date(at)
	);
}

/** A date (YYYY-MM-DD) as a short day label: "Mon 14" / "Mo 14". */
export function formatDay(day: string, locale: string): string {
	const date = new Date(`${day}T12:00:00Z`);
	const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' })
		.format(date)
		.replace(/\.$/, '');
	return `${weekday} ${date.getUTCDate()}`;
}

/**
 * The x axis of today's hourly charts: every hour of the whole day, so the axis stays put while
 * the day fills in. `hours` are the starts of the hours so far (the first is local midnight).
 */
export function dayHours(hours: string[], timeZone: string): string[] {
	if (hours.length === 0) return [];
	const start = Date.parse(hours[0]);
	const first = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(start));
	const labels: string[] = [];
	for (let i = 0; i < 25; i++) {
		const at = start + i * 3600_000;
		if (new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(at)) !== first) break;
		labels.push(formatHour(at, timeZone));
	}
	return labels;
}

/**
 * A round, even upper bound for an axis, so it does not jump with every new value and its middle
 * tick is a whole number.
 */
export function niceMax(values: number[], floor = 4): number {
	const max = Math.max(floor, ...values);
	const step = 10 ** Math.floor(Math.log10(max));
	for (const f of [1, 2, 4, 6, 8, 10]) if (f * step >= max) return f * step;
	return 10 * step;
}

/**
 * How long until the nightly reload, between 03:00 and 03:30 local time (the kiosk's clock);
 * `spread` (0..1) keeps a room of screens from reloading at the same moment.
 */
export function msUntilNightlyReload(now: number, spread: number): number {
	const next = new Date(now);
	next.setHours(3, Math.floor(spread * 30), 0, 0);
	if (next.getTime() <= now) next.setDate(next.getDate() + 1);
	return next.getTime() - now;
}
