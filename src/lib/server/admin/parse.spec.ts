import { describe, expect, it } from 'vitest';
import {
	formatDuration,
	formatIntervals,
	parseDuration,
	parseHolidayList,
	parseIntervals,
	workingDayMinutes
} from './parse';

describe('parseIntervals', () => {
	it.each([
		['08:00-18:00', [['08:00', '18:00']]],
		[
			'08:00-12:00, 13:00-18:00',
			[
				['08:00', '12:00'],
				['13:00', '18:00']
			]
		],
		['8-18', [['08:00', '18:00']]],
		['7:30 – 16:00', [['07:30', '16:00']]],
		['00:00-24:00', [['00:00', '24:00']]],
		['', []],
		['  ', []]
	])('%j', (text, intervals) => {
		expect(parseIntervals(text)).toEqual({ ok: true, intervals });
	});

	it('leaves impossible times to validateCalendar but rejects what is not an interval', () => {
		expect(parseIntervals('08:00-25:00')).toEqual({ ok: true, intervals: [['08:00', '25:00']] });
		expect(parseIntervals('08:00-12:00, lunch')).toEqual({ ok: false, bad: 'lunch' });
		expect(parseIntervals('0800-1800')).toEqual({ ok: false, bad: '0800-1800' });
	});

	it('round-trips through formatIntervals', () => {
		const text = '08:00-12:00, 13:00-18:00';
		const parsed = parseIntervals(text);
		expect(parsed.ok && formatIntervals(parsed.intervals)).toBe(text);
	});
});

describe('parseHolidayList', () => {
	it('splits on lines and commas, drops duplicates and sorts', () => {
		expect(parseHolidayList('2026-12-26\n2026-12-25, 2026-12-25\n\n')).toEqual([
			'2026-12-25',
			'2026-12-26'
		]);
	});
});

describe('durations', () => {
	const office = 600;
	it.each([
		['90', 90],
		['45m', 45],
		['45 min', 45],
		['4h', 240],
		['1.5h', 90],
		['1,5 h', 90],
		['1h 30m', 90],
		['3d', 1800],
		['2 Tage', 1200],
		['1d 4h', 840]
	])('%s → %i business minutes on a 10-hour day', (text, minutes) => {
		expect(parseDuration(text, office)).toBe(minutes);
	});

	it.each(['', '0', '-5', 'soon', '4x', '4h soon'])('rejects %j', (text) => {
		expect(parseDuration(text, office)).toBeNull();
	});

	it('formats in the largest whole units of the calendar day', () => {
		expect(formatDuration(1800, 600)).toBe('3d');
		expect(formatDuration(240, 1440)).toBe('4h');
		expect(formatDuration(90, 600)).toBe('1h 30m');
		expect(formatDuration(30, 600)).toBe('30m');
		expect(formatDuration(1500, 600)).toBe('2d 5h');
		for (const minutes of [30, 90, 240, 1500, 1800, 3000]) {
			expect(parseDuration(formatDuration(minutes, 600), 600)).toBe(minutes);
		}
	});

	it('takes a day to be the longest working day of the calendar', () => {
		expect(workingDayMinutes({ week: { mon: [['08:00', '18:00']] } })).toBe(600);
		expect(
			workingDayMinutes({
				week: {
					mon: [
						['08:00', '12:00'],
						['13:00', '17:00']
					],
					sat: [['09:00', '12:00']]
				}
			})
		).toBe(480);
		expect(workingDayMinutes({ week: { mon: [['00:00', '24:00']] } })).toBe(1440);
		expect(workingDayMinutes({ week: {} })).toBe(1440);
	});
});
