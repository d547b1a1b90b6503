import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from './calendar';
import {
	evaluateClock,
	fulfilClock,
	pauseClock,
	resumeClock,
	retargetClock,
	startClock,
	type SlaClock
} from './clock';

const OFFICE: BusinessCalendar = {
	timeZone: 'Europe/Berlin',
	week: {
		mon: [['08:00', '18:00']],
		tue: [['08:00', '18:00']],
		wed: [['08:00', '18:00']],
		thu: [['08:00', '18:00']],
		fri: [['08:00', '18:00']]
	},
	holidays: ['2026-12-25']
};
const at = (iso: string) => new Date(iso);

function started(iso = '2026-12-01T16:00:00+01:00', target = 240): SlaClock {
	return startClock('resolution', target, 0.8, at(iso), OFFICE);
}

describe('SLA clock', () => {
	it('4 business hours from Tuesday 16:00 are due Wednesday 10:00; warning at 80 %', () => {
		const clock = started();
		expect(clock.state).toBe('active');
		expect(clock.dueAt?.getTime()).toBe(at('2026-12-02T10:00:00+01:00').getTime());
		// 192 minutes: 16:00–18:00 (120) + 72 the next morning → 09:12.
		expect(clock.nextCheckAt?.getTime()).toBe(at('2026-12-02T09:12:00+01:00').getTime());
	});

	it('three business hours in pending push the due time back three business hours', () => {
		const clock = started('2026-12-01T09:00:00+01:00');
		expect(clock.dueAt?.getTime()).toBe(at('2026-12-01T13:00:00+01:00').getTime());
		const paused = pauseClock(clock, at('2026-12-01T10:00:00+01:00'), OFFICE).clock;
		expect(paused.state).toBe('paused');
		expect(paused.dueAt).toBeNull();
		expect(paused.elapsedMinutes).toBe(60);
		const resumed = resumeClock(paused, at('2026-12-01T13:00:00+01:00'), OFFICE).clock;
		expect(resumed.state).toBe('active');
		expect(resumed.dueAt?.getTime()).toBe(at('2026-12-01T16:00:00+01:00').getTime());
	});

	it('fires warning then breach exactly once, each at its threshold time', () => {
		const clock = started('2026-12-01T09:00:00+01:00');
		const first = evaluateClock(clock, at('2026-12-01T12:30:00+01:00'), OFFICE);
		expect(first.signals.map((s) => s.signal)).toEqual(['warning']);
		expect(first.signals[0].at.getTime()).toBe(at('2026-12-01T12:12:00+01:00').getTime());
		expect(evaluateClock(first.clock, at('2026-12-01T12:40:00+01:00'), OFFICE).signals).toEqual([]);
		const second = evaluateClock(first.clock, at('2026-12-01T14:00:00+01:00'), OFFICE);
		expect(second.signals.map((s) => s.signal)).toEqual(['breach']);
		expect(second.clock.state).toBe('breached');
		expect(second.clock.nextCheckAt).toBeNull();
		expect(evaluateClock(second.clock, at('2026-12-02T14:00:00+01:00'), OFFICE).signals).toEqual(
			[]
		);
	});

	it('a late evaluation reports both thresholds in order', () => {
		const update = evaluateClock(started(), at('2026-12-03T12:00:00+01:00'), OFFICE);
		expect(update.signals.map((s) => s.signal)).toEqual(['warning', 'breach']);
	});

	it('fulfilling in time ends as fulfilled; fulfilling late reports the breach first', () => {
		const inTime = fulfilClock(started(), at('2026-12-02T09:00:00+01:00'), OFFICE);
		expect(inTime.clock.state).toBe('fulfilled');
		expect(inTime.clock.elapsedMinutes).toBe(180);
		expect(inTime.clock.nextCheckAt).toBeNull();
		const late = fulfilClock(started(), at('2026-12-02T11:00:00+01:00'), OFFICE);
		expect(late.signals.map((s) => s.signal)).toEqual(['warning', 'breach']);
		expect(late.clock.state).toBe('breached');
		expect(late.clock.fulfilledAt).not.toBeNull();
	});

	it('a reopen resumes the resolution clock with the minutes already used', () => {
		const done = fulfilClock(
			started('2026-12-01T09:00:00+01:00'),
			at('2026-12-01T11:00:00+01:00'),
			OFFICE
		).clock;
		const reopened = resumeClock(done, at('2026-12-01T15:00:00+01:00'), OFFICE).clock;
		expect(reopened.state).toBe('active');
		expect(reopened.fulfilledAt).toBeNull();
		expect(reopened.dueAt?.getTime()).toBe(at('2026-12-01T17:00:00+01:00').getTime());
	});

	it('pausing skips holidays and weekends when resuming', () => {
		const clock = started('2026-12-24T16:00:00+01:00');
		// Thu 24th 16–18 (120), Fri 25th holiday, weekend, Mon 28th 08:00 + 120 → 10:00.
		expect(clock.dueAt?.getTime()).toBe(at('2026-12-28T10:00:00+01:00').getTime());
	});

	it('a new priority keeps used minutes and moves the due time', () => {
		const clock = started('2026-12-01T09:00:00+01:00', 480);
		const update = retargetClock(clock, 120, 0.8, at('2026-12-01T10:00:00+01:00'), OFFICE);
		expect(update.clock.dueAt?.getTime()).toBe(at('2026-12-01T11:00:00+01:00').getTime());
		const overdue = retargetClock(clock, 30, 0.8, at('2026-12-01T10:00:00+01:00'), OFFICE);
		expect(overdue.signals.map((s) => s.signal)).toEqual(['warning', 'breach']);
	});
});
