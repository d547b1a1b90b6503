import { addBusinessMinutes, businessMinutesBetween, type BusinessCalendar } from './calendar';

export type SlaMetric = 'first_response' | 'resolution';
export type ClockState = 'active' | 'paused' | 'fulfilled' | 'breached';
export type ClockSignal = 'warning' | 'breach';

/**
 * One SLA clock of one ticket. Business minutes accrue while `runningSince` is set; `elapsedMinutes`
 * holds what accrued before. A breached clock keeps its state when it later pauses or is fulfilled:
 * the breach is the outcome that counts.
 */
export interface SlaClock {
	metric: SlaMetric;
	state: ClockState;
	targetMinutes: number;
	warnMinutes: number;
	elapsedMinutes: number;
	runningSince: Date | null;
	dueAt: Date | null;
	warnedAt: Date | null;
	breachedAt: Date | null;
	fulfilledAt: Date | null;
	/** When the clock job must look at this clock next (warning or breach time), or null. */
	nextCheckAt: Date | null;
}

export interface ClockUpdate {
	clock: SlaClock;
	/** Thresholds crossed by this update, in order; each fires at most once per clock. */
	signals: Array<{ signal: ClockSignal; at: Date }>;
}

/** Business minutes accrued up to `at`, including the running stretch. */
export function elapsedAt(clock: SlaClock, at: Date, calendar: BusinessCalendar): number {
	if (!clock.runningSince || at <= clock.runningSince) return clock.elapsedMinutes;
	return clock.elapsedMinutes + businessMinutesBetween(clock.runningSince, at, calendar);
}

/**
 * Recompute due, warning and next-check times from the accrued minutes (also after the calendar
 * or the target changed: a threshold already passed becomes due at once).
 */
export function scheduleClock(clock: SlaClock, calendar: BusinessCalendar): SlaClock {
	if (!clock.runningSince) return { ...clock, dueAt: null, nextCheckAt: null };
	const from = clock.runningSince;
	const dueAt = addBusinessMinutes(
		from,
		Math.max(0, clock.targetMinutes - clock.elapsedMinutes),
		calendar
	);
	const warnAt = addBusinessMinutes(
		from,
		Math.max(0, clock.warnMinutes - clock.elapsedMinutes),
		calendar
	);
	const pending = [!clock.warnedAt ? warnAt : null, !clock.breachedAt ? dueAt : null].filter(
		(d): d is Date => d !== null
	);
	const nextCheckAt = pending.length
		? new Date(Math.min(...pending.map((d) => d.getTime())))
		: null;
	return { ...clock, dueAt, nextCheckAt };
}

/** A new clock, running from `at`. */
export function startClock(
	metric: SlaMetric,
	targetMinutes: number,
	warnRatio: number,
	at: Date,
	calendar: BusinessCalendar
): SlaClock {
	return scheduleClock(
		{
			metric,
			state: 'active',
			targetMinutes,
			warnMinutes: targetMinutes * warnRatio,
			elapsedMinutes: 0,
			runningSince: at,
			dueAt: null,
			warnedAt: null,
			breachedAt: null,
			fulfilledAt: null,
			nextCheckAt: null
		},
		calendar
	);
}

/**
 * Fire the warning and breach thresholds that `now` has passed. Call before every transition so
 * that a late job run never hides a breach.
 */
export function evaluateClock(clock: SlaClock, now: Date, calendar: BusinessCalendar): ClockUpdate {
	const signals: ClockUpdate['signals'] = [];
	if (!clock.runningSince || clock.fulfilledAt) return { clock, signals };
	const elapsed = elapsedAt(clock, now, calendar);
	let next = clock;
	if (!next.warnedAt && elapsed >= next.warnMinutes) {
		const at = addBusinessMinutes(
			next.runningSince!,
			Math.max(0, next.warnMinutes - next.elapsedMinutes),
			calendar
		);
		next = { ...next, warnedAt: at };
		signals.push({ signal: 'warning', at });
	}
	if (!next.breachedAt && elapsed >= next.targetMinutes) {
		const at = addBusinessMinutes(
			next.runningSince!,
			Math.max(0, next.targetMinutes - next.elapsedMinutes),
			calendar
		);
		next = { ...next, breachedAt: at, state: 'breached' };
		signals.push({ signal: 'breach', at });
	}
	// Reschedule even without a signal: a calendar edit may have moved the thresholds.
	return { clock: scheduleClock(next, calendar), signals };
}

function stopRunning(clock: SlaClock, at: Date, calendar: BusinessCalendar): SlaClock {
	return { ...clock, elapsedMinutes: elapsedAt(clock, at, calendar), runningSince: null };
}

/** Stop accruing (ticket waits on the requester or is on hold). */
export function pauseClock(clock: SlaClock, at: Date, calendar: BusinessCalendar): ClockUpdate {
	const { clock: evaluated, signals } = evaluateClock(clock, at, calendar);
	if (!evaluated.runningSince || evaluated.fulfilledAt) return { clock: evaluated, signals };
	const paused = stopRunning(evaluated, at, calendar);
	return {
		clock: scheduleClock(
			{ ...paused, state: paused.state === 'breached' ? 'breached' : 'paused' },
			calendar
		),
		signals
	};
}

/** Start accruing again after a pause, or after a reopen of a fulfilled clock. */
export function resumeClock(clock: SlaClock, at: Date, calendar: BusinessCalendar): ClockUpdate {
	if (clock.runningSince) return evaluateClock(clock, at, calendar);
	const resumed: SlaClock = {
		...clock,
		runningSince: at,
		fulfilledAt: null,
		state: clock.breachedAt ? 'breached' : 'active'
	};
	return evaluateClock(scheduleClock(resumed, calendar), at, calendar);
}

/** The clock's goal was met at `at` (first public reply, or resolution). */
export function fulfilClock(clock: SlaClock, at: Date, calendar: BusinessCalendar): ClockUpdate {
	if (clock.fulfilledAt) return { clock, signals: [] };
	const { clock: evaluated, signals } = evaluateClock(clock, at, calendar);
	const stopped = stopRunning(evaluated, at, calendar);
	return {
		clock: {
			...stopped,
			fulfilledAt: at,
			state: stopped.breachedAt ? 'breached' : 'fulfilled',
			dueAt: null,
			nextCheckAt: null
		},
		signals
	};
}

/** A new target (priority changed): accrued minutes stay, due and warning times move. */
export function retargetClock(
	clock: SlaClock,
	targetMinutes: number,
	warnRatio: number,
	at: Date,
	calendar: BusinessCalendar
): ClockUpdate {
	const { clock: evaluated, signals } = evaluateClock(clock, at, calendar);
	if (evaluated.fulfilledAt) return { clock: evaluated, signals };
	const retargeted = scheduleClock(
		{ ...evaluated, targetMinutes, warnMinutes: targetMinutes * warnRatio },
		calendar
	);
	const again = evaluateClock(retargeted, at, calendar);
	return { clock: again.clock, signals: [...signals, ...again.signals] };
}

/**
 * Move a running clock to another calendar from `at` on: minutes accrued so far stay as counted
 * in the old calendar, later ones count in the new one (e.g. a priority change to 24/7 P1).
 */
export function rebaseClock(clock: SlaClock, at: Date, oldCalendar: BusinessCalendar): SlaClock {
	if (!clock.runningSince || clock.fulfilledAt) return clock;
	return { ...clock, elapsedMinutes: elapsedAt(clock, at, oldCalendar), runningSince: at };
}

/** Minutes left until the target (negative when overdue), as of `at`. */
export function minutesLeft(clock: SlaClock, at: Date, calendar: BusinessCalendar): number {
	return clock.targetMinutes - elapsedAt(clock, at, calendar);
}
