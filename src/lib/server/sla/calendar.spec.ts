import { describe, it, expect } from 'vitest';
import { Settings } from 'luxon';
import {
	ALWAYS_OPEN,
	addBusinessMinutes,
	businessMinutesBetween,
	isBusinessTime,
	validateCalendar,
	type BusinessCalendar
} from './calendar';

const OFFICE_HOURS: Array<[string, string]> = [['08:00', '18:00']];
const GERMAN_HOLIDAYS = [
	'2026-01-01',
	'2026-04-03',
	'2026-04-06',
	'2026-05-01',
	'2026-05-14',
	'2026-05-25',
	'2026-10-03',
	'2026-12-25',
	'2026-12-26',
	'2027-01-01'
];

const BERLIN_OFFICE: BusinessCalendar = {
	timeZone: 'Europe/Berlin',
	week: {
		mon: OFFICE_HOURS,
		tue: OFFICE_HOURS,
		wed: OFFICE_HOURS,
		thu: OFFICE_HOURS,
		fri: OFFICE_HOURS
	},
	holidays: GERMAN_HOLIDAYS
};

const FULL_DAY: Array<[string, string]> = [['00:00', '24:00']];
const BERLIN_24_7: BusinessCalendar = {
	timeZone: 'Europe/Berlin',
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
};

// Includes Sunday so the DST Sundays themselves are working days.
const BERLIN_DAILY_OFFICE: BusinessCalendar = {
	timeZone: 'Europe/Berlin',
	week: { ...BERLIN_OFFICE.week, sat: OFFICE_HOURS, sun: OFFICE_HOURS },
	holidays: []
};

const LUNCH_BREAK: Array<[string, string]> = [
	['08:00', '12:00'],
	['13:00', '17:00']
];
const BERLIN_LUNCH: BusinessCalendar = {
	timeZone: 'Europe/Berlin',
	week: {
		mon: LUNCH_BREAK,
		tue: LUNCH_BREAK,
		wed: LUNCH_BREAK,
		thu: LUNCH_BREAK,
		fri: LUNCH_BREAK
	},
	holidays: []
};

// Shifts run Monday 22:00 to Tuesday 06:00, …, Friday 22:00 to Saturday 06:00.
const NIGHT: Array<[string, string]> = [
	['00:00', '06:00'],
	['22:00', '24:00']
];
const BERLIN_NIGHT_SHIFT: BusinessCalendar = {
	timeZone: 'Europe/Berlin',
	week: {
		mon: [['22:00', '24:00']],
		tue: NIGHT,
		wed: NIGHT,
		thu: NIGHT,
		fri: NIGHT,
		sat: [['00:00', '06:00']]
	},
	holidays: []
};

// Working hours that straddle the skipped (spring) and repeated (autumn) hour on DST Sundays.
const BERLIN_EARLY_SUNDAY: BusinessCalendar = {
	timeZone: 'Europe/Berlin',
	week: { sun: [['01:00', '04:00']] },
	holidays: []
};
const BERLIN_SUNDAY_INSIDE_DST_HOUR: BusinessCalendar = {
	timeZone: 'Europe/Berlin',
	week: { sun: [['02:30', '04:00']] },
	holidays: []
};

const time = (iso: string): number => new Date(iso).getTime();

type AddCase = {
	name: string;
	calendar: BusinessCalendar;
	start: string;
	minutes: number;
	due: string;
};

function expectDue({ calendar, start, minutes, due }: AddCase): void {
	expect(addBusinessMinutes(new Date(start), minutes, calendar).getTime()).toBe(time(due));
}

describe('addBusinessMinutes on a Berlin 08:00-18:00 Mon-Fri calendar', () => {
	it.each<AddCase>([
		{
			name: 'worked case: 4 h opened Tuesday 16:00 is due Wednesday 10:00',
			calendar: BERLIN_OFFICE,
			start: '2026-12-01T16:00:00+01:00',
			minutes: 240,
			due: '2026-12-02T10:00:00+01:00'
		},
		{
			name: 'opened Friday 16:00 is due Monday 10:00',
			calendar: BERLIN_OFFICE,
			start: '2026-11-27T16:00:00+01:00',
			minutes: 240,
			due: '2026-11-30T10:00:00+01:00'
		},
		{
			name: 'opened Saturday: counting starts Monday 08:00',
			calendar: BERLIN_OFFICE,
			start: '2026-11-28T11:00:00+01:00',
			minutes: 240,
			due: '2026-11-30T12:00:00+01:00'
		},
		{
			name: 'zero minutes on Saturday is Monday 08:00',
			calendar: BERLIN_OFFICE,
			start: '2026-11-28T11:00:00+01:00',
			minutes: 0,
			due: '2026-11-30T08:00:00+01:00'
		},
		{
			name: 'opened before 08:00 on a weekday counts from 08:00',
			calendar: BERLIN_OFFICE,
			start: '2026-12-01T06:30:00+01:00',
			minutes: 240,
			due: '2026-12-01T12:00:00+01:00'
		},
		{
			name: 'opened exactly at 18:00 counts from the next morning',
			calendar: BERLIN_OFFICE,
			start: '2026-12-01T18:00:00+01:00',
			minutes: 240,
			due: '2026-12-02T12:00:00+01:00'
		},
		{
			name: 'zero minutes exactly at 18:00 is the next opening',
			calendar: BERLIN_OFFICE,
			start: '2026-12-01T18:00:00+01:00',
			minutes: 0,
			due: '2026-12-02T08:00:00+01:00'
		},
		{
			name: 'zero minutes inside working time is the start itself',
			calendar: BERLIN_OFFICE,
			start: '2026-12-01T10:17:00+01:00',
			minutes: 0,
			due: '2026-12-01T10:17:00+01:00'
		},
		{
			name: 'a result exactly on the interval end stays on that end',
			calendar: BERLIN_OFFICE,
			start: '2026-12-01T16:00:00+01:00',
			minutes: 120,
			due: '2026-12-01T18:00:00+01:00'
		},
		{
			name: 'a full working day from 08:00 ends at 18:00',
			calendar: BERLIN_OFFICE,
			start: '2026-12-01T08:00:00+01:00',
			minutes: 600,
			due: '2026-12-01T18:00:00+01:00'
		},
		{
			name: 'fractional minutes carry seconds into the next day',
			calendar: BERLIN_OFFICE,
			start: '2026-12-01T17:59:45+01:00',
			minutes: 0.5,
			due: '2026-12-02T08:00:15+01:00'
		},
		{
			name: 'a week of working time lands on the same weekday and time',
			calendar: BERLIN_OFFICE,
			start: '2026-11-24T09:30:00+01:00',
			minutes: 3000,
			due: '2026-12-01T09:30:00+01:00'
		}
	])('$name', expectDue);
});

describe('addBusinessMinutes skips German public holidays', () => {
	it.each<AddCase>([
		{
			name: 'Christmas Day (Friday) and the weekend: Thursday 16:00 + 4 h is Monday 28th 10:00',
			calendar: BERLIN_OFFICE,
			start: '2026-12-24T16:00:00+01:00',
			minutes: 240,
			due: '2026-12-28T10:00:00+01:00'
		},
		{
			name: 'opened on Christmas Day counts from Monday 28th 08:00',
			calendar: BERLIN_OFFICE,
			start: '2026-12-25T09:00:00+01:00',
			minutes: 60,
			due: '2026-12-28T09:00:00+01:00'
		},
		{
			name: "New Year's Day 2027 (Friday): New Year's Eve 16:00 + 4 h is Monday 10:00",
			calendar: BERLIN_OFFICE,
			start: '2026-12-31T16:00:00+01:00',
			minutes: 240,
			due: '2027-01-04T10:00:00+01:00'
		},
		{
			name: 'Easter: Maundy Thursday 17:00 + 2 h is Tuesday after Easter Monday 09:00',
			calendar: BERLIN_OFFICE,
			start: '2026-04-02T17:00:00+02:00',
			minutes: 120,
			due: '2026-04-07T09:00:00+02:00'
		},
		{
			name: 'without the holiday list the same ticket is due on Christmas Day',
			calendar: { ...BERLIN_OFFICE, holidays: [] },
			start: '2026-12-24T16:00:00+01:00',
			minutes: 240,
			due: '2026-12-25T10:00:00+01:00'
		}
	])('$name', expectDue);

	it.each([
		{
			from: '2026-12-21T00:00:00+01:00',
			to: '2026-12-28T00:00:00+01:00',
			minutes: 4 * 600
		},
		{
			from: '2026-12-28T00:00:00+01:00',
			to: '2027-01-04T00:00:00+01:00',
			minutes: 4 * 600
		},
		{
			from: '2026-12-25T08:00:00+01:00',
			to: '2026-12-25T18:00:00+01:00',
			minutes: 0
		}
	])('counts $minutes working minutes from $from to $to', ({ from, to, minutes }) => {
		expect(businessMinutesBetween(new Date(from), new Date(to), BERLIN_OFFICE)).toBe(minutes);
	});
});

describe('pending time pushes the resolution due date back by business time', () => {
	it.each([
		{
			created: '2026-12-01T09:00:00+01:00',
			target: 480,
			due: '2026-12-02T10:00:00+01:00'
		},
		{
			created: '2026-11-27T15:00:00+01:00',
			target: 240,
			due: '2026-11-30T12:00:00+01:00'
		},
		{
			created: '2026-12-23T10:00:00+01:00',
			target: 960,
			due: '2026-12-28T09:00:00+01:00'
		}
	])(
		'created $created, target $target min, 180 min pending: due $due',
		({ created, target, due }) => {
			const createdAt = new Date(created);
			const originalDue = addBusinessMinutes(createdAt, target, BERLIN_OFFICE);
			const pausedDue = addBusinessMinutes(createdAt, target + 180, BERLIN_OFFICE);
			expect(pausedDue.getTime()).toBe(time(due));
			expect(businessMinutesBetween(originalDue, pausedDue, BERLIN_OFFICE)).toBe(180);
			expect(addBusinessMinutes(originalDue, 180, BERLIN_OFFICE).getTime()).toBe(time(due));
		}
	);
});

describe('daylight saving time in Europe/Berlin', () => {
	it.each([
		{
			name: 'spring-forward day has 23 hours',
			calendar: BERLIN_24_7,
			from: '2026-03-29T00:00:00+01:00',
			to: '2026-03-30T00:00:00+02:00',
			minutes: 23 * 60
		},
		{
			name: 'autumn fall-back day has 25 hours',
			calendar: BERLIN_24_7,
			from: '2026-10-25T00:00:00+02:00',
			to: '2026-10-26T00:00:00+01:00',
			minutes: 25 * 60
		},
		{
			name: 'the spring DST week is one hour short',
			calendar: BERLIN_24_7,
			from: '2026-03-23T00:00:00+01:00',
			to: '2026-03-30T00:00:00+02:00',
			minutes: 7 * 1440 - 60
		},
		{
			name: 'the autumn DST week is one hour long',
			calendar: BERLIN_24_7,
			from: '2026-10-19T00:00:00+02:00',
			to: '2026-10-26T00:00:00+01:00',
			minutes: 7 * 1440 + 60
		},
		{
			name: '24/7 in Berlin equals real elapsed time (ALWAYS_OPEN) across the change',
			calendar: ALWAYS_OPEN,
			from: '2026-03-29T00:00:00+01:00',
			to: '2026-03-30T00:00:00+02:00',
			minutes: 23 * 60
		},
		{
			name: 'office hours are unaffected in the spring DST week',
			calendar: BERLIN_OFFICE,
			from: '2026-03-23T00:00:00+01:00',
			to: '2026-03-30T00:00:00+02:00',
			minutes: 5 * 600
		},
		{
			name: 'office hours on the spring DST Sunday are still 10 h',
			calendar: BERLIN_DAILY_OFFICE,
			from: '2026-03-29T00:00:00+01:00',
			to: '2026-03-30T00:00:00+02:00',
			minutes: 600
		},
		{
			name: 'office hours on the autumn DST Sunday are still 10 h',
			calendar: BERLIN_DAILY_OFFICE,
			from: '2026-10-25T00:00:00+02:00',
			to: '2026-10-26T00:00:00+01:00',
			minutes: 600
		},
		{
			name: '01:00-04:00 across the skipped hour is 2 real hours',
			calendar: BERLIN_EARLY_SUNDAY,
			from: '2026-03-29T00:00:00+01:00',
			to: '2026-03-30T00:00:00+02:00',
			minutes: 120
		},
		{
			name: '01:00-04:00 across the repeated hour is 4 real hours',
			calendar: BERLIN_EARLY_SUNDAY,
			from: '2026-10-25T00:00:00+02:00',
			to: '2026-10-26T00:00:00+01:00',
			minutes: 240
		},
		{
			name: 'an interval starting inside the skipped hour starts at the jump (03:00)',
			calendar: BERLIN_SUNDAY_INSIDE_DST_HOUR,
			from: '2026-03-29T00:00:00+01:00',
			to: '2026-03-30T00:00:00+02:00',
			minutes: 60
		},
		{
			name: 'an interval starting inside the repeated hour starts at its first occurrence',
			calendar: BERLIN_SUNDAY_INSIDE_DST_HOUR,
			from: '2026-10-25T00:00:00+02:00',
			to: '2026-10-26T00:00:00+01:00',
			minutes: 150
		}
	])('$name', ({ calendar, from, to, minutes }) => {
		expect(businessMinutesBetween(new Date(from), new Date(to), calendar)).toBe(minutes);
	});

	it.each<AddCase>([
		{
			name: '24/7: an hour from 01:30 on the spring day is 03:30 summer time',
			calendar: BERLIN_24_7,
			start: '2026-03-29T01:30:00+01:00',
			minutes: 60,
			due: '2026-03-29T03:30:00+02:00'
		},
		{
			name: '24/7: an hour from the first 02:30 on the autumn day is the second 02:30',
			calendar: BERLIN_24_7,
			start: '2026-10-25T02:30:00+02:00',
			minutes: 60,
			due: '2026-10-25T02:30:00+01:00'
		},
		{
			name: '24/7: 24 h from midnight on the spring day is 01:00 next day',
			calendar: BERLIN_24_7,
			start: '2026-03-29T00:00:00+01:00',
			minutes: 1440,
			due: '2026-03-30T01:00:00+02:00'
		},
		{
			name: '24/7: 24 h from midnight on the autumn day is 23:00 the same day',
			calendar: BERLIN_24_7,
			start: '2026-10-25T00:00:00+02:00',
			minutes: 1440,
			due: '2026-10-25T23:00:00+01:00'
		},
		{
			name: 'office hours: Friday 16:00 before spring change is due Monday 10:00 summer time',
			calendar: BERLIN_OFFICE,
			start: '2026-03-27T16:00:00+01:00',
			minutes: 240,
			due: '2026-03-30T10:00:00+02:00'
		},
		{
			name: 'office hours: Friday 16:00 before autumn change is due Monday 10:00 winter time',
			calendar: BERLIN_OFFICE,
			start: '2026-10-23T16:00:00+02:00',
			minutes: 240,
			due: '2026-10-26T10:00:00+01:00'
		},
		{
			name: 'daily office hours: Saturday 17:00 + 2 h is the spring DST Sunday 09:00',
			calendar: BERLIN_DAILY_OFFICE,
			start: '2026-03-28T17:00:00+01:00',
			minutes: 120,
			due: '2026-03-29T09:00:00+02:00'
		},
		{
			name: 'daily office hours: Saturday 17:00 + 2 h is the autumn DST Sunday 09:00',
			calendar: BERLIN_DAILY_OFFICE,
			start: '2026-10-24T17:00:00+02:00',
			minutes: 120,
			due: '2026-10-25T09:00:00+01:00'
		},
		{
			name: 'a start inside the skipped hour window opens at 03:00 summer time',
			calendar: BERLIN_SUNDAY_INSIDE_DST_HOUR,
			start: '2026-03-29T00:00:00+01:00',
			minutes: 0,
			due: '2026-03-29T03:00:00+02:00'
		}
	])('$name', expectDue);
});

describe('results do not depend on the current date', () => {
	// Luxon guesses ambiguous wall times from the offset in effect *now*; the calendar must not.
	it.each(['2026-01-15T12:00:00Z', '2026-07-15T12:00:00Z'])('with the clock at %s', (now) => {
		const realNow = Settings.now;
		Settings.now = () => new Date(now).getTime();
		try {
			expect(
				businessMinutesBetween(
					new Date('2026-10-25T00:00:00+02:00'),
					new Date('2026-10-26T00:00:00+01:00'),
					BERLIN_SUNDAY_INSIDE_DST_HOUR
				)
			).toBe(150);
			expect(
				addBusinessMinutes(
					new Date('2026-10-24T12:00:00+02:00'),
					0,
					BERLIN_SUNDAY_INSIDE_DST_HOUR
				).getTime()
			).toBe(time('2026-10-25T02:30:00+02:00'));
		} finally {
			Settings.now = realNow;
		}
	});
});

describe('several intervals per day', () => {
	it.each<AddCase>([
		{
			name: 'lunch break is skipped',
			calendar: BERLIN_LUNCH,
			start: '2026-12-01T11:00:00+01:00',
			minutes: 120,
			due: '2026-12-01T14:00:00+01:00'
		},
		{
			name: 'ending exactly at the start of lunch returns 12:00',
			calendar: BERLIN_LUNCH,
			start: '2026-12-01T11:00:00+01:00',
			minutes: 60,
			due: '2026-12-01T12:00:00+01:00'
		},
		{
			name: 'zero minutes during lunch is 13:00',
			calendar: BERLIN_LUNCH,
			start: '2026-12-01T12:30:00+01:00',
			minutes: 0,
			due: '2026-12-01T13:00:00+01:00'
		},
		{
			name: 'afternoon spills into the next morning',
			calendar: BERLIN_LUNCH,
			start: '2026-12-01T16:00:00+01:00',
			minutes: 120,
			due: '2026-12-02T09:00:00+01:00'
		},
		{
			name: 'night shift continues across midnight',
			calendar: BERLIN_NIGHT_SHIFT,
			start: '2026-11-30T23:00:00+01:00',
			minutes: 120,
			due: '2026-12-01T01:00:00+01:00'
		},
		{
			name: 'night shift: ending exactly at midnight returns midnight',
			calendar: BERLIN_NIGHT_SHIFT,
			start: '2026-11-30T23:00:00+01:00',
			minutes: 60,
			due: '2026-12-01T00:00:00+01:00'
		},
		{
			name: 'night shift: zero minutes in the evening waits for 22:00',
			calendar: BERLIN_NIGHT_SHIFT,
			start: '2026-11-30T21:00:00+01:00',
			minutes: 0,
			due: '2026-11-30T22:00:00+01:00'
		},
		{
			name: 'night shift: 05:00 + 2 h continues at 22:00 the same day',
			calendar: BERLIN_NIGHT_SHIFT,
			start: '2026-12-01T05:00:00+01:00',
			minutes: 120,
			due: '2026-12-01T23:00:00+01:00'
		},
		{
			name: 'night shift: Saturday 05:00 + 2 h continues Monday 23:00',
			calendar: BERLIN_NIGHT_SHIFT,
			start: '2026-12-05T05:00:00+01:00',
			minutes: 120,
			due: '2026-12-07T23:00:00+01:00'
		}
	])('$name', expectDue);

	it.each([
		{
			calendar: BERLIN_LUNCH,
			from: '2026-12-01T08:00:00+01:00',
			to: '2026-12-01T17:00:00+01:00',
			minutes: 480
		},
		{
			calendar: BERLIN_NIGHT_SHIFT,
			from: '2026-11-30T22:00:00+01:00',
			to: '2026-12-01T06:00:00+01:00',
			minutes: 480
		},
		{
			calendar: BERLIN_NIGHT_SHIFT,
			from: '2026-11-30T00:00:00+01:00',
			to: '2026-12-07T00:00:00+01:00',
			minutes: 5 * 480
		}
	])('counts $minutes minutes from $from to $to', ({ calendar, from, to, minutes }) => {
		expect(businessMinutesBetween(new Date(from), new Date(to), calendar)).toBe(minutes);
	});
});

describe('isBusinessTime', () => {
	it.each([
		{
			calendar: BERLIN_OFFICE,
			at: '2026-12-01T08:00:00+01:00',
			expected: true
		},
		{
			calendar: BERLIN_OFFICE,
			at: '2026-12-01T17:59:59+01:00',
			expected: true
		},
		{
			calendar: BERLIN_OFFICE,
			at: '2026-12-01T18:00:00+01:00',
			expected: false
		},
		{
			calendar: BERLIN_OFFICE,
			at: '2026-12-01T07:59:59+01:00',
			expected: false
		},
		{
			calendar: BERLIN_OFFICE,
			at: '2026-11-28T12:00:00+01:00',
			expected: false
		},
		{
			calendar: BERLIN_OFFICE,
			at: '2026-12-25T12:00:00+01:00',
			expected: false
		},
		{
			calendar: BERLIN_LUNCH,
			at: '2026-12-01T12:30:00+01:00',
			expected: false
		},
		{
			calendar: BERLIN_NIGHT_SHIFT,
			at: '2026-12-01T00:00:00+01:00',
			expected: true
		},
		{
			calendar: BERLIN_NIGHT_SHIFT,
			at: '2026-11-30T23:59:00+01:00',
			expected: true
		},
		{
			calendar: BERLIN_NIGHT_SHIFT,
			at: '2026-12-01T06:00:00+01:00',
			expected: false
		},
		{ calendar: ALWAYS_OPEN, at: '2026-12-25T03:00:00Z', expected: true }
	])('$at is working time: $expected', ({ calendar, at, expected }) => {
		expect(isBusinessTime(new Date(at), calendar)).toBe(expected);
	});
});

describe('businessMinutesBetween is the inverse of addBusinessMinutes', () => {
	const calendars = [BERLIN_OFFICE, BERLIN_LUNCH, BERLIN_NIGHT_SHIFT, BERLIN_24_7, ALWAYS_OPEN];
	const starts = [
		'2026-12-01T09:15:00+01:00',
		'2026-12-24T17:30:00+01:00',
		'2026-11-28T11:00:00+01:00',
		'2026-03-27T23:30:00+01:00',
		'2026-10-24T21:45:00+02:00',
		'2026-11-30T23:59:30+01:00'
	];
	const minuteValues = [0, 1, 0.5, 59, 240, 600, 1441, 4 * 480 + 7, 10_000];
	const cases = calendars.flatMap((calendar, index) =>
		starts.flatMap((start) => minuteValues.map((minutes) => ({ index, calendar, start, minutes })))
	);

	it.each(cases)('calendar #$index from $start + $minutes min', ({ calendar, start, minutes }) => {
		const from = new Date(start);
		const due = addBusinessMinutes(from, minutes, calendar);
		expect(businessMinutesBetween(from, due, calendar)).toBe(minutes);
	});
});

describe('validateCalendar', () => {
	it.each([
		{ name: 'ALWAYS_OPEN', calendar: ALWAYS_OPEN },
		{ name: 'Berlin office with holidays', calendar: BERLIN_OFFICE },
		{ name: 'night shift ending at 24:00', calendar: BERLIN_NIGHT_SHIFT },
		{ name: 'lunch break', calendar: BERLIN_LUNCH },
		{
			name: 'touching intervals',
			calendar: {
				timeZone: 'America/New_York',
				week: {
					mon: [
						['08:00', '12:00'],
						['12:00', '16:00']
					]
				},
				holidays: []
			} satisfies BusinessCalendar
		}
	])('accepts $name', ({ calendar }) => {
		expect(validateCalendar(calendar)).toEqual([]);
	});

	const base = {
		timeZone: 'Europe/Berlin',
		week: { mon: OFFICE_HOURS },
		holidays: []
	};
	it.each<{ name: string; calendar: BusinessCalendar; problem: RegExp }>([
		{
			name: 'unknown time zone',
			calendar: { ...base, timeZone: 'Mars/Olympus' },
			problem: /time zone/i
		},
		{
			name: 'offset instead of zone',
			calendar: { ...base, timeZone: '+01:00' },
			problem: /time zone/i
		},
		{
			name: 'single-digit hour',
			calendar: { ...base, week: { mon: [['8:00', '18:00']] } },
			problem: /"8:00".*HH:MM/
		},
		{
			name: 'minute 60',
			calendar: { ...base, week: { mon: [['08:00', '17:60']] } },
			problem: /"17:60"/
		},
		{
			name: 'hour 25',
			calendar: { ...base, week: { mon: [['08:00', '25:00']] } },
			problem: /"25:00"/
		},
		{
			name: '24:00 as a start',
			calendar: { ...base, week: { mon: [['24:00', '24:00']] } },
			problem: /24:00/
		},
		{
			name: 'end before start',
			calendar: { ...base, week: { mon: [['18:00', '08:00']] } },
			problem: /end after it starts/
		},
		{
			name: 'end equals start',
			calendar: { ...base, week: { mon: [['08:00', '08:00']] } },
			problem: /end after it starts/
		},
		{
			name: 'overlapping intervals',
			calendar: {
				...base,
				week: {
					mon: [
						['13:00', '17:00'],
						['08:00', '13:30']
					]
				}
			},
			problem: /mon: intervals 08:00-13:30 and 13:00-17:00 overlap/
		},
		{
			name: 'malformed holiday',
			calendar: { ...base, holidays: ['25.12.2026'] },
			problem: /Holiday "25.12.2026"/
		},
		{
			name: 'impossible holiday',
			calendar: { ...base, holidays: ['2026-02-30'] },
			problem: /Holiday "2026-02-30"/
		},
		{
			name: 'empty week',
			calendar: { ...base, week: {} },
			problem: /no working time/
		},
		{
			name: 'only empty days',
			calendar: { ...base, week: { mon: [], sat: [] } },
			problem: /no working time/
		}
	])('reports $name', ({ calendar, problem }) => {
		const problems = validateCalendar(calendar);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(problem);
	});

	it('reports each interval swallowed by a longer one', () => {
		const problems = validateCalendar({
			timeZone: 'Europe/Berlin',
			week: {
				tue: [
					['08:00', '18:00'],
					['09:00', '10:00'],
					['11:00', '12:00']
				]
			},
			holidays: []
		});
		expect(problems).toEqual([
			'tue: intervals 08:00-18:00 and 09:00-10:00 overlap.',
			'tue: intervals 08:00-18:00 and 11:00-12:00 overlap.'
		]);
	});

	it('reports every problem at once', () => {
		const problems = validateCalendar({
			timeZone: 'Nowhere/Special',
			week: { mon: [['9', '17:00']], tue: [['10:00', '09:00']] },
			holidays: ['someday']
		});
		expect(problems).toHaveLength(4);
	});
});

describe('ALWAYS_OPEN', () => {
	it.each([
		{ start: '2026-12-25T10:00:00Z', minutes: 90, due: '2026-12-25T11:30:00Z' },
		{
			start: '2026-03-29T00:30:00+01:00',
			minutes: 60,
			due: '2026-03-29T02:30:00+02:00'
		},
		{ start: '2027-01-01T00:00:00Z', minutes: 0, due: '2027-01-01T00:00:00Z' }
	])('$start + $minutes min is $due', ({ start, minutes, due }) => {
		expect(addBusinessMinutes(new Date(start), minutes, ALWAYS_OPEN).getTime()).toBe(time(due));
	});

	it('cannot be mutated by other modules', () => {
		expect(Object.isFrozen(ALWAYS_OPEN) && Object.isFrozen(ALWAYS_OPEN.week.mon)).toBe(true);
	});
});

describe('errors', () => {
	const everyMondayFor4Years = Array.from({ length: 4 * 53 }, (_, week) =>
		new Date(Date.UTC(2026, 0, 5 + week * 7)).toISOString().slice(0, 10)
	);
	const mondaysOnly: BusinessCalendar = {
		timeZone: 'Europe/Berlin',
		week: { mon: OFFICE_HOURS },
		holidays: everyMondayFor4Years
	};
	const noWorkingTime: BusinessCalendar = {
		timeZone: 'Europe/Berlin',
		week: {},
		holidays: []
	};
	const start = new Date('2026-01-05T09:00:00+01:00');

	it.each([
		{
			name: 'a week without working time',
			run: () => addBusinessMinutes(start, 60, noWorkingTime),
			error: RangeError,
			message: /no working time/
		},
		{
			name: 'holidays covering every working day for years',
			run: () => addBusinessMinutes(start, 60, mondaysOnly),
			error: Error,
			message: /no working time within \d+ days/
		},
		{
			name: 'negative minutes',
			run: () => addBusinessMinutes(start, -1, BERLIN_OFFICE),
			error: RangeError,
			message: /negative/
		},
		{
			name: 'NaN minutes',
			run: () => addBusinessMinutes(start, Number.NaN, BERLIN_OFFICE),
			error: RangeError,
			message: /finite/
		},
		{
			name: 'an invalid start',
			run: () => addBusinessMinutes(new Date('nope'), 60, BERLIN_OFFICE),
			error: RangeError,
			message: /start must be a valid Date/
		},
		{
			name: 'an invalid from',
			run: () => businessMinutesBetween(new Date(Number.NaN), start, BERLIN_OFFICE),
			error: RangeError,
			message: /from must be a valid Date/
		},
		{
			name: 'an invalid to',
			run: () => businessMinutesBetween(start, new Date(Number.NaN), BERLIN_OFFICE),
			error: RangeError,
			message: /to must be a valid Date/
		},
		{
			name: 'an invalid instant for isBusinessTime',
			run: () => isBusinessTime(new Date(Number.NaN), BERLIN_OFFICE),
			error: RangeError,
			message: /at must be a valid Date/
		},
		{
			name: 'an invalid calendar',
			run: () =>
				addBusinessMinutes(start, 60, {
					...BERLIN_OFFICE,
					timeZone: 'Mars/Olympus'
				}),
			error: RangeError,
			message: /Invalid business calendar.*Mars\/Olympus/
		}
	])('throws for $name', ({ run, error, message }) => {
		expect(run).toThrow(error);
		expect(run).toThrow(message);
	});

	it('returns 0 when to is not after from', () => {
		const later = new Date('2026-01-05T12:00:00+01:00');
		expect(businessMinutesBetween(later, start, BERLIN_OFFICE)).toBe(0);
		expect(businessMinutesBetween(start, start, BERLIN_OFFICE)).toBe(0);
	});

	it('stays fast over long ranges', () => {
		const began = performance.now();
		const from = new Date('2026-01-01T00:00:00Z');
		const due = addBusinessMinutes(from, 250 * 600, BERLIN_OFFICE);
		expect(businessMinutesBetween(from, due, BERLIN_OFFICE)).toBe(250 * 600);
		expect(performance.now() - began).toBeLessThan(1000);
	});
});
