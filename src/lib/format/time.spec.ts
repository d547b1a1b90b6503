import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, formatDuration, isTimeZone, timeFormat } from './time';

const berlinEn = timeFormat('en', 'Europe/Berlin');
const berlinDe = timeFormat('de', 'Europe/Berlin');
const newYork = timeFormat('en', 'America/New_York');
const at = (iso: string) => Date.parse(iso);

describe('times in the organisation’s zone', () => {
	it('formats in the given zone, not the runtime’s', () => {
		// The same instant reads differently per zone, whatever TZ this process runs in.
		expect(berlinEn.dateTime('2026-03-12T13:05:00Z')).toBe('12 Mar 2026, 14:05');
		expect(berlinDe.dateTime('2026-03-12T13:05:00Z')).toBe('12.03.2026, 14:05');
		expect(newYork.dateTime('2026-03-12T13:05:00Z')).toBe('12 Mar 2026, 09:05');
		expect(berlinEn.date('2026-03-12T23:30:00Z')).toBe('13 Mar 2026');
		expect(berlinEn.time('2026-03-12T13:05:07Z', { seconds: true })).toBe('14:05:07');
	});

	it('crosses the spring DST change: 01:59 CET is followed by 03:00 CEST', () => {
		expect(berlinEn.withZone('2026-03-29T00:59:00Z')).toBe('29 Mar 2026, 01:59 CET');
		expect(berlinEn.withZone('2026-03-29T01:00:00Z')).toBe('29 Mar 2026, 03:00 CEST');
		expect(berlinDe.withZone('2026-03-29T00:59:00Z')).toBe('29. März 2026, 01:59 MEZ');
		expect(berlinDe.withZone('2026-03-29T01:00:00Z')).toBe('29. März 2026, 03:00 MESZ');
	});

	it('crosses the autumn DST change: 02:59 CEST is followed by 02:00 CET', () => {
		expect(berlinEn.withZone('2026-10-25T00:59:00Z')).toBe('25 Oct 2026, 02:59 CEST');
		expect(berlinEn.withZone('2026-10-25T01:00:00Z')).toBe('25 Oct 2026, 02:00 CET');
		// The repeated hour: two instants an hour apart read the same without the zone.
		expect(berlinEn.dateTime('2026-10-25T00:30:00Z')).toBe(
			berlinEn.dateTime('2026-10-25T01:30:00Z')
		);
		expect(berlinEn.withZone('2026-10-25T00:30:00Z')).not.toBe(
			berlinEn.withZone('2026-10-25T01:30:00Z')
		);
	});

	it('knows the calendar day in the zone', () => {
		expect(berlinEn.day('2026-12-31T23:30:00Z')).toBe('2027-01-01');
		expect(newYork.day('2026-12-31T23:30:00Z')).toBe('2026-12-31');
		// The spring-forward day is 23 hours long, and still one day.
		expect(berlinEn.day('2026-03-28T23:00:00Z')).toBe('2026-03-29');
		expect(berlinEn.day('2026-03-29T21:59:00Z')).toBe('2026-03-29');
		expect(berlinEn.day('2026-03-29T22:00:00Z')).toBe('2026-03-30');
	});

	it('keeps short times short: today by the zone’s day, then weekday, then date', () => {
		const now = at('2026-03-28T23:30:00Z'); // 00:30 on Sunday 29 March in Berlin
		expect(berlinEn.short('2026-03-29T06:00:00Z', now)).toBe('08:00');
		expect(berlinEn.short('2026-03-28T22:30:00Z', now)).toBe('Sat 23:30');
		expect(berlinDe.short('2026-03-31T08:00:00Z', now)).toBe('Di 10:00');
		expect(berlinEn.short('2026-04-20T08:00:00Z', now)).toBe('20 Apr, 10:00');
		// In New York it is still Saturday evening.
		expect(newYork.short('2026-03-28T22:30:00Z', now)).toBe('18:30');
	});

	it('measures relative times in real minutes, also across a DST change', () => {
		const now = at('2026-03-29T00:50:00Z'); // 01:50 CET; ten minutes later it is 03:00 CEST
		expect(berlinEn.due('2026-03-29T01:10:00Z', now)).toBe('due in 20 min');
		expect(berlinEn.due('2026-03-29T00:35:00Z', now)).toBe('overdue by 15 min');
		expect(berlinDe.due('2026-03-29T03:05:00Z', now)).toBe('fällig in 2 h 15 min');
		expect(berlinEn.due('2026-04-01T02:50:00Z', now)).toBe('due in 3 d 2 h');
	});

	it('shows days without a time as the day they name, in every zone', () => {
		expect(berlinEn.calendarDay('2026-04-06')).toBe('Mon, 6 Apr 2026');
		expect(newYork.calendarDay('2026-04-06')).toBe('Mon, 6 Apr 2026');
		expect(berlinDe.calendarDay('2026-04-06')).toBe('Mo., 6. Apr. 2026');
	});

	it('falls back to Europe/Berlin for a zone this runtime does not know', () => {
		expect(isTimeZone('Not/AZone')).toBe(false);
		expect(timeFormat('en', 'Not/AZone').timeZone).toBe(DEFAULT_TIME_ZONE);
		expect(timeFormat('en').timeZone).toBe('Europe/Berlin');
	});

	it('writes durations compactly', () => {
		expect(formatDuration(12)).toBe('12 min');
		expect(formatDuration(60)).toBe('1 h');
		expect(formatDuration(135)).toBe('2 h 15 min');
		expect(formatDuration(-15)).toBe('15 min');
		expect(formatDuration(3 * 1440 + 240)).toBe('3 d 4 h');
	});
});
