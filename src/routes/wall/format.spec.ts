import { describe, expect, it } from 'vitest';
import {
	dayHours,
	formatAge,
	formatMinutes,
	incidentTone,
	niceMax,
	percent,
	quantityText,
	rowTone,
	slaTone,
	waitTone
} from './format';

const at = Date.parse('2026-11-30T12:00:00Z');
const ago = (seconds: number) => new Date(at - seconds * 1000).toISOString();

describe('wall formatting', () => {
	it('counts ages up by the second, then in days and hours', () => {
		expect(quantityText(formatAge(ago(65), at))).toBe('1:05');
		expect(quantityText(formatAge(ago(4 * 3600 + 7 * 60 + 12), at))).toBe('4:07:12');
		expect(quantityText(formatAge(ago(3 * 86400 + 4 * 3600 + 59), at, 'T', 'Std'))).toBe(
			'3 T 4 Std'
		);
		expect(quantityText(formatAge(null, at))).toBe('—');
		expect(quantityText(formatAge(ago(-30), at))).toBe('0:00'); // clock skew never goes negative
	});

	it('shows minutes short and hours without minutes from ten hours', () => {
		expect(quantityText(formatMinutes(17.6))).toBe('18 min');
		expect(quantityText(formatMinutes(125))).toBe('2 h 05 min');
		expect(quantityText(formatMinutes(33 * 60 + 15))).toBe('33 h');
		expect(quantityText(formatMinutes(null))).toBe('—');
	});

	it('turns amber and red only past the thresholds', () => {
		expect(waitTone(ago(3 * 3600), at)).toBe('neutral');
		expect(waitTone(ago(5 * 3600), at)).toBe('warning');
		expect(waitTone(ago(25 * 3600), at)).toBe('critical');
		expect(slaTone({ met: 47, total: 50 })).toBe('neutral');
		expect(slaTone({ met: 44, total: 50 })).toBe('warning');
		expect(slaTone({ met: 30, total: 50 })).toBe('critical');
		expect(slaTone({ met: 0, total: 0 })).toBe('neutral');
		const quiet = {
			open: 3,
			unassigned: 1,
			oldestWaitingSince: null,
			atRisk: 0,
			breachedToday: 0,
			escalationsToday: 2
		};
		expect(rowTone(quiet)).toBe('neutral');
		expect(rowTone({ ...quiet, atRisk: 1 })).toBe('warning');
		expect(rowTone({ ...quiet, atRisk: 1, breachedToday: 1 })).toBe('critical');
	});

	it('rounds percentages down, so 99.9 % never shows as 100 %', () => {
		expect(percent({ met: 999, total: 1000 })).toBe(99);
		expect(percent({ met: 0, total: 0 })).toBeNull();
	});

	it('keeps the hourly axis to the whole local day, also on the day clocks go back', () => {
		// 2026-10-25 in Berlin has 25 hours (CEST → CET); midnight there is 22:00 UTC the day before.
		const hours = [new Date('2026-10-24T22:00:00Z').toISOString()];
		const axis = dayHours(hours, 'Europe/Berlin');
		expect(axis).toHaveLength(25);
		expect(axis.slice(0, 4)).toEqual(['00', '01', '02', '02']);
		expect(axis.at(-1)).toBe('23');
		expect(
			dayHours([new Date('2026-11-29T23:00:00Z').toISOString()], 'Europe/Berlin')
		).toHaveLength(24);
	});

	it('picks round, even axis maxima', () => {
		expect(niceMax([0])).toBe(4);
		expect(niceMax([5, 3])).toBe(6);
		expect(niceMax([23])).toBe(40);
		expect(niceMax([130])).toBe(200);
	});

	it('colours an incident by its impact: red for major and critical, amber for minor', () => {
		expect(incidentTone('critical')).toBe('critical');
		expect(incidentTone('major')).toBe('critical');
		expect(incidentTone('minor')).toBe('warning');
		expect(incidentTone('none')).toBe('neutral');
		expect(incidentTone('maintenance')).toBe('neutral');
	});
});
