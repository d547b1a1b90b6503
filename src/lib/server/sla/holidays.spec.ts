import { describe, expect, it } from 'vitest';
import { easterSunday, germanPublicHolidays } from './holidays';

describe('German public holidays', () => {
	it.each([
		[2024, [3, 31]],
		[2025, [4, 20]],
		[2026, [4, 5]],
		[2027, [3, 28]],
		[2038, [4, 25]]
	])('Easter %i is on %j', (year, expected) => {
		expect(easterSunday(year)).toEqual(expected);
	});

	it('2026 has the nine nationwide holidays', () => {
		expect(germanPublicHolidays(2026)).toEqual([
			'2026-01-01',
			'2026-04-03',
			'2026-04-06',
			'2026-05-01',
			'2026-05-14',
			'2026-05-25',
			'2026-10-03',
			'2026-12-25',
			'2026-12-26'
		]);
	});
});
