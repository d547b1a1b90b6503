import { DateTime, IANAZone } from 'luxon';

/** Day of the week as used in `BusinessCalendar.week`. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Working hours as wall-clock intervals in one IANA time zone, minus holidays. */
export type BusinessCalendar = {
	timeZone: string; // IANA zone, e.g. 'Europe/Berlin'
	// Per weekday, working intervals ["HH:MM","HH:MM"] in that zone; several per day allowed;
	// "24:00" allowed as an end.
	week: Partial<Record<Weekday, Array<[string, string]>>>;
	holidays: string[]; // "YYYY-MM-DD" dates in that zone
};

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const MINUTES_PER_DAY = 1440;
// A valid calendar has working time every week unless holidays cover it, so three years without
// any means the calendar is unusable; stopping there keeps a bad calendar from hanging the server.
const SEARCH_LIMIT_DAYS = 3 * 366;

// Indexed like Date#getUTCDay so that a day number maps to its weekday without a zone lookup.
const WEEKDAYS_BY_UTC_DAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const TIME_PATTERN = /^(\d{2}):(\d{2})$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Half-open span [start, end) of working time in epoch milliseconds. */
type Span = { start: number; end: number };

type CompiledCalendar = {
	zone: IANAZone;
	// Minutes since local midnight, indexed like Date#getUTCDay.
	week: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
	holidays: ReadonlySet<string>;
	/** `daySpans` results by day and midnight (callers never change them). */
	spans: Map<string, Span[]>;
};

function deepFreeze<T>(value: T): T {
	if (typeof value === 'object' && value !== null) {
		for (const child of Object.values(value)) deepFreeze(child);
		Object.freeze(value);
	}
	return value;
}

const FULL_DAY: Array<[string, string]> = [['00:00', '24:00']];

/** Round-the-clock calendar in UTC without holidays, for policies (P1) that run 24/7. */
export const ALWAYS_OPEN: BusinessCalendar = deepFreeze({
	timeZone: 'UTC',
	week: {
		mon: FULL_DAY,
		tue: FULL_DAY,
		wed: FULL_DAY,
		thu: FULL_DAY,
		fri: FULL_DAY,
		sat: FULL_DAY,
		sun: FULL_DAY
	},
	holidays: []
});

/** Minutes since midnight for "HH:MM" (up to "24:00"), or null when malformed. */
function parseTime(value: unknown): number | null {
	if (typeof value !== 'string') return null;
	const match = TIME_PATTERN.exec(value);
	if (!match) return null;
	const hours = Number(match[1]);
	const minutes = Number(match[2]);
	if (hours === 24 && minutes === 0) return MINUTES_PER_DAY;
	if (hours > 23 || minutes > 59) return null;
	return hours * 60 + minutes;
}

function isValidDate(value: unknown): boolean {
	if (typeof value !== 'string') return false;
	const match = DATE_PATTERN.exec(value);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	// Round-tripping through Date rejects 2026-02-30 and friends, which the pattern lets through.
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

function formatMinutes(minutes: number): string {
	const hours = String(Math.floor(minutes / 60)).padStart(2, '0');
	return `${hours}:${String(minutes % 60).padStart(2, '0')}`;
}

function formatInterval([start, end]: readonly [number, number]): string {
	return `${formatMinutes(start)}-${formatMinutes(end)}`;
}

/** Lists what is wrong with a calendar in human-readable sentences; empty when it is usable. */
export function validateCalendar(calendar: BusinessCalendar): string[] {
	// Calendars come from the database and admin forms, so the declared type is not trusted here.
	const input: unknown = calendar;
	if (typeof input !== 'object' || input === null) return ['The calendar must be an object.'];
	const { timeZone, week, holidays } = input as Record<string, unknown>;
	const problems: string[] = [];

	// IANAZone.create caches the zone and its validity; isValidZone builds an Intl formatter per call.
	if (typeof timeZone !== 'string' || timeZone === '' || !IANAZone.create(timeZone).isValid) {
		problems.push(`Unknown time zone ${JSON.stringify(timeZone)}.`);
	}

	let workingIntervals = 0;
	if (typeof week !== 'object' || week === null || Array.isArray(week)) {
		problems.push('The week must map weekdays (mon … sun) to lists of intervals.');
	} else {
		const problemsBeforeWeek = problems.length;
		for (const [key, intervals] of Object.entries(week)) {
			if (!(WEEKDAYS as readonly string[]).includes(key)) {
				problems.push(`Unknown weekday "${key}" (use mon, tue, wed, thu, fri, sat, sun).`);
				continue;
			}
			if (intervals === undefined) continue;
			if (!Array.isArray(intervals)) {
				problems.push(`${key}: expected a list of ["HH:MM", "HH:MM"] intervals.`);
				continue;
			}
			const parsed: Array<[number, number]> = [];
			for (const interval of intervals as unknown[]) {
				if (!Array.isArray(interval) || interval.length !== 2) {
					problems.push(`${key}: ${JSON.stringify(interval)} is not a ["HH:MM", "HH:MM"] pair.`);
					continue;
				}
				const [rawStart, rawEnd] = interval as unknown[];
				const start = parseTime(rawStart);
				const end = parseTime(rawEnd);
				if (start === null || end === null) {
					for (const [raw, value] of [
						[rawStart, start],
						[rawEnd, end]
					] as const) {
						if (value === null) {
							problems.push(`${key}: ${JSON.stringify(raw)} is not a valid time (expected HH:MM).`);
						}
					}
					continue;
				}
				if (start === MINUTES_PER_DAY) {
					problems.push(`${key}: "24:00" can only end an interval, not start one.`);
					continue;
				}
				if (end <= start) {
					problems.push(
						`${key}: interval ${formatInterval([start, end])} must end after it starts ` +
							'(split night shifts at midnight).'
					);
					continue;
				}
				parsed.push([start, end]);
			}
			parsed.sort((a, b) => a[0] - b[0]);
			// Compare with the furthest-reaching earlier interval so that one long interval
			// swallowing several short ones reports each of them.
			let reach: [number, number] | undefined;
			for (const [start, end] of parsed) {
				if (reach && start < reach[1]) {
					problems.push(
						`${key}: intervals ${formatInterval(reach)} and ${formatInterval([start, end])} overlap.`
					);
				}
				if (!reach || end > reach[1]) reach = [start, end];
			}
			workingIntervals += parsed.length;
		}
		// Only worth saying when no malformed interval already explains the missing working time.
		if (workingIntervals === 0 && problems.length === problemsBeforeWeek) {
			problems.push('The week has no working time at all.');
		}
	}

	if (!Array.isArray(holidays)) {
		problems.push('Holidays must be a list of "YYYY-MM-DD" dates.');
	} else {
		for (const holiday of holidays as unknown[]) {
			if (!isValidDate(holiday)) {
				problems.push(`Holiday ${JSON.stringify(holiday)} is not a valid YYYY-MM-DD date.`);
			}
		}
	}

	return problems;
}

// Every ticket's clocks ask the same questions about the same few days (where is local midnight,
// does the offset change, which spans are working time), and Luxon answers each with an Intl
// formatter call costing microseconds; during an outage that was a tenth of the server's time per
// new ticket. The answers depend only on the zone, the day and the calendar's content, so they
// are kept here (bounded; a calendar edit is a new content and so a new entry).
const CACHE_LIMIT = 5000;
const compiledCache = new Map<string, CompiledCalendar>();
const zoneCaches = new Map<
	string,
	{ midnights: Map<number, number>; offsets: Map<number, number> }
>();

function remember<K, V>(map: Map<K, V>, key: K, compute: () => V): V {
	const known = map.get(key);
	if (known !== undefined) return known;
	const value = compute();
	if (map.size >= CACHE_LIMIT) map.clear();
	map.set(key, value);
	return value;
}

function zoneCache(zone: IANAZone) {
	return remember(zoneCaches, zone.name, () => ({ midnights: new Map(), offsets: new Map() }));
}

/** `zone.offset(ms)`, remembered: asked for the same midnights over and over. */
function offsetAt(ms: number, zone: IANAZone): number {
	return remember(zoneCache(zone).offsets, ms, () => zone.offset(ms));
}

/** The instant local `dayNumber` begins in `zone` (see `wallClockToMs`), remembered. */
function midnightOf(dayNumber: number, zone: IANAZone): number {
	return remember(zoneCache(zone).midnights, dayNumber, () => wallClockToMs(dayNumber, 0, zone));
}

/** The compiled form of `calendar`, remembered by content (invalid calendars throw each time). */
function compile(calendar: BusinessCalendar): CompiledCalendar {
	const key = JSON.stringify([calendar.timeZone, calendar.week, calendar.holidays]);
	const known = compiledCache.get(key);
	if (known) return known;
	const compiled = compileUncached(calendar);
	if (compiledCache.size >= 100) compiledCache.clear();
	compiledCache.set(key, compiled);
	return compiled;
}

function compileUncached(calendar: BusinessCalendar): CompiledCalendar {
	const problems = validateCalendar(calendar);
	if (problems.length > 0) {
		throw new RangeError(`Invalid business calendar: ${problems.join(' ')}`);
	}
	const week = WEEKDAYS_BY_UTC_DAY.map((weekday) =>
		(calendar.week[weekday] ?? [])
			.map(([start, end]): readonly [number, number] => [
				parseTime(start) as number,
				parseTime(end) as number
			])
			.sort((a, b) => a[0] - b[0])
	);
	return {
		zone: IANAZone.create(calendar.timeZone),
		week,
		holidays: new Set(calendar.holidays),
		spans: new Map()
	};
}

function assertValidDate(value: Date, name: string): number {
	const ms = value instanceof Date ? value.getTime() : Number.NaN;
	if (Number.isNaN(ms)) throw new RangeError(`${name} must be a valid Date.`);
	return ms;
}

/** Days since 1970-01-01 of the calendar date `ms` falls on in `zone`. */
function localDayNumber(ms: number, zone: IANAZone): number {
	// Inside a day whose offset does not change, the local date is plain arithmetic from its
	// midnight (zones never shift twice within one day); the local date is within a day of UTC's.
	const utcDay = Math.floor(ms / MS_PER_DAY);
	for (let day = utcDay - 1; day <= utcDay + 1; day++) {
		const midnight = midnightOf(day, zone);
		if (
			midnight <= ms &&
			ms < midnight + MS_PER_DAY &&
			offsetAt(midnight, zone) === offsetAt(midnight + MS_PER_DAY, zone)
		) {
			return day;
		}
	}
	const local = DateTime.fromMillis(ms, { zone });
	return Date.UTC(local.year, local.month - 1, local.day) / MS_PER_DAY;
}

/**
 * The instant at which the clock in `zone` shows the given wall time. Times skipped by a DST jump
 * map to the jump itself and repeated times to their first occurrence, which keeps the mapping
 * monotonic, so intervals never overlap or run backwards and real elapsed time is what counts.
 */
function wallClockToMs(dayNumber: number, minuteOfDay: number, zone: IANAZone): number {
	if (minuteOfDay === MINUTES_PER_DAY) return wallClockToMs(dayNumber + 1, 0, zone);
	const date = new Date(dayNumber * MS_PER_DAY);
	const hour = Math.floor(minuteOfDay / 60);
	const minute = minuteOfDay % 60;
	const local = DateTime.fromObject(
		{
			year: date.getUTCFullYear(),
			month: date.getUTCMonth() + 1,
			day: date.getUTCDate(),
			hour,
			minute
		},
		{ zone }
	);
	if (local.day !== date.getUTCDate() || local.hour !== hour || local.minute !== minute) {
		return skippedTimeToMs(local, zone);
	}
	// Luxon resolves ambiguous times using today's offset, so pick explicitly to stay deterministic.
	return Math.min(...local.getPossibleOffsets().map((candidate) => candidate.toMillis()));
}

/** The moment of the DST jump that skipped the wall time Luxon pushed forward into `shifted`. */
function skippedTimeToMs(shifted: DateTime, zone: IANAZone): number {
	let after = shifted.toMillis();
	const offsetAfter = zone.offset(after);
	const offsetBefore = zone.offset(after - MS_PER_DAY);
	let before = after - (offsetAfter - offsetBefore) * MS_PER_MINUTE;
	if (offsetAfter <= offsetBefore || zone.offset(before) !== offsetBefore) return after;
	// Transitions fall on whole minutes, so a binary search over minutes finds the jump exactly.
	while (after - before > MS_PER_MINUTE) {
		const middle = before + Math.floor((after - before) / (2 * MS_PER_MINUTE)) * MS_PER_MINUTE;
		if (zone.offset(middle) === offsetBefore) before = middle;
		else after = middle;
	}
	return after;
}

function isoDate(dayNumber: number): string {
	return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * Working spans of one local calendar date, in order. `midnight` is given only for days without
 * an offset change, where wall time is plain arithmetic from midnight; Luxon's wall-clock
 * conversion is precise but costs tens of microseconds per call.
 */
function daySpans(dayNumber: number, midnight: number | null, calendar: CompiledCalendar): Span[] {
	return remember(calendar.spans, `${dayNumber}:${midnight}`, () =>
		computeDaySpans(dayNumber, midnight, calendar)
	);
}

function computeDaySpans(
	dayNumber: number,
	midnight: number | null,
	calendar: CompiledCalendar
): Span[] {
	const intervals = calendar.week[new Date(dayNumber * MS_PER_DAY).getUTCDay()];
	if (intervals.length === 0 || calendar.holidays.has(isoDate(dayNumber))) return [];
	const toMs = (minuteOfDay: number): number =>
		midnight === null
			? wallClockToMs(dayNumber, minuteOfDay, calendar.zone)
			: midnight + minuteOfDay * MS_PER_MINUTE;
	const spans: Span[] = [];
	for (const [startMinute, endMinute] of intervals) {
		const start = toMs(startMinute);
		const end = toMs(endMinute);
		// An interval lying entirely inside a skipped hour has no real duration.
		if (end > start) spans.push({ start, end });
	}
	return spans;
}

/** Local calendar dates from `firstDay` on, each with its working spans computed once. */
function* walkDays(
	firstDay: number,
	calendar: CompiledCalendar
): Generator<{ day: number; spans: Span[] }, never> {
	const { zone } = calendar;
	let day = firstDay;
	let midnight = midnightOf(day, zone);
	let offset = offsetAt(midnight, zone);
	for (;;) {
		let nextMidnight = midnight + MS_PER_DAY;
		let nextOffset = offsetAt(nextMidnight, zone);
		// An unchanged offset means a plain 24-hour day (zones never shift twice within one day).
		const plainDay = nextOffset === offset;
		if (!plainDay) {
			nextMidnight = midnightOf(day + 1, zone);
			nextOffset = offsetAt(nextMidnight, zone);
		}
		yield { day, spans: daySpans(day, plainDay ? midnight : null, calendar) };
		day++;
		midnight = nextMidnight;
		offset = nextOffset;
	}
}

/** Working spans from `fromMs` onwards, clipped to start no earlier than `fromMs`. */
function* spansFrom(fromMs: number, calendar: CompiledCalendar): Generator<Span, never> {
	// Starting a day early catches spans of the previous date that reach past local midnight.
	let idleDays = 0;
	for (const { day, spans } of walkDays(localDayNumber(fromMs, calendar.zone) - 1, calendar)) {
		idleDays = spans.length === 0 ? idleDays + 1 : 0;
		if (idleDays > SEARCH_LIMIT_DAYS) {
			throw new Error(
				`Business calendar has no working time within ${SEARCH_LIMIT_DAYS} days after ` +
					`${isoDate(day - SEARCH_LIMIT_DAYS)}; check its weekdays and holidays.`
			);
		}
		for (const span of spans) {
			if (span.end > fromMs) yield { start: Math.max(span.start, fromMs), end: span.end };
		}
	}
	throw new Error('unreachable: walkDays never ends');
}

/** The instant `minutes` of working time after `start`; for 0, `start` or the next opening. */
export function addBusinessMinutes(start: Date, minutes: number, calendar: BusinessCalendar): Date {
	const startMs = assertValidDate(start, 'start');
	if (!Number.isFinite(minutes)) throw new RangeError('minutes must be a finite number.');
	if (minutes < 0) throw new RangeError('minutes must not be negative.');
	const compiled = compile(calendar);
	// Dates hold whole milliseconds; rounding once here keeps the inverse exact.
	let remaining = Math.round(minutes * MS_PER_MINUTE);
	for (const span of spansFrom(startMs, compiled)) {
		const available = span.end - span.start;
		// `<=` returns a span's end rather than the next opening when the budget runs out exactly.
		if (remaining <= available) return new Date(span.start + remaining);
		remaining -= available;
	}
	throw new Error('unreachable: spansFrom never ends');
}

/** Working minutes in [from, to); 0 when `to` is not after `from`. */
export function businessMinutesBetween(from: Date, to: Date, calendar: BusinessCalendar): number {
	const fromMs = assertValidDate(from, 'from');
	const toMs = assertValidDate(to, 'to');
	if (toMs <= fromMs) return 0;
	const compiled = compile(calendar);
	// One extra day on each side covers spans that reach across local midnight around DST jumps.
	const lastDay = localDayNumber(toMs, compiled.zone) + 1;
	let total = 0;
	for (const { day, spans } of walkDays(localDayNumber(fromMs, compiled.zone) - 1, compiled)) {
		if (day > lastDay) break;
		for (const span of spans) {
			total += Math.max(0, Math.min(span.end, toMs) - Math.max(span.start, fromMs));
		}
	}
	return total / MS_PER_MINUTE;
}

/** Whether `at` lies inside working time (interval starts inclusive, ends exclusive). */
export function isBusinessTime(at: Date, calendar: BusinessCalendar): boolean {
	const atMs = assertValidDate(at, 'at');
	const compiled = compile(calendar);
	const lastDay = localDayNumber(atMs, compiled.zone) + 1;
	for (const { day, spans } of walkDays(lastDay - 2, compiled)) {
		if (day > lastDay) break;
		if (spans.some((span) => span.start <= atMs && atMs < span.end)) return true;
	}
	return false;
}
