// The SLA engine's stateful side: ticket clocks stored per ticket and metric, moved by the pure
// transitions in clock.ts, the due-clock job (one failing ticket never stops the others), and
// rescheduling when an admin edits a calendar or a target. The ticket service decides when clocks
// move and what a fired threshold leads to (events, escalation rules).
import type { Database, Queryable, TxContext } from '../db/client';
import { log } from '../log';
import { metrics } from '../metrics';
import type { BusinessCalendar } from './calendar';
import {
	evaluateClock,
	rebaseClock,
	retargetClock,
	scheduleClock,
	startClock,
	type ClockSignal,
	type ClockUpdate,
	type SlaClock,
	type SlaMetric
} from './clock';
import * as sla from './db';

/** Nodes drop their cached calendars when one is edited (the edit notifies after commit). */
export const CALENDARS_CHANNEL = 'leitstand_calendars';

// Calendars change rarely and are read on every clock step: cached per node, dropped on edit.
const cache = new Map<number, BusinessCalendar>();

async function reportClockProblem(sql: Queryable, ticketId: number, error: unknown, at: Date) {
	const message = error instanceof Error ? error.message : String(error);
	metrics().slaClockFailures.inc();
	log.error('SLA clock: a ticket’s clocks could not be moved', { ticketId, error: message });
	await sla.recordProblem(sql, { job: 'sla-clock', ticketId, message, at });
}

/** The calendar with `id`; a missing one is a data error the caller's ticket cannot proceed with. */
export async function calendarOf(sql: Queryable, id: number): Promise<BusinessCalendar> {
	const cached = cache.get(id);
	if (cached) return cached;
	const record = await sla.getCalendar(sql, id);
	if (!record) throw new Error(`Calendar ${id} is missing`);
	cache.set(id, record.calendar);
	return record.calendar;
}

/** Follow calendar edits from every node (called once per node at start). */
export async function watchCalendars(db: Database): Promise<() => Promise<void>> {
	return db.pubsub.subscribe(
		CALENDARS_CHANNEL,
		() => cache.clear(),
		() => cache.clear()
	);
}

/** A clock step's result, optionally moving the clock to another calendar. */
export type ClockStepResult = ClockUpdate & { calendarId?: number };
export type ClockStep = (
	clock: SlaClock,
	calendar: BusinessCalendar
) => ClockStepResult | Promise<ClockStepResult>;

/** A threshold a step crossed, for the caller to act on. */
export interface FiredSignal {
	clock: SlaClock;
	signal: ClockSignal;
	at: Date;
}

/** Both clocks of a new ticket under `target`, running from `at` (not yet stored). */
export function newClocks(
	ticketId: number,
	target: sla.ResolvedTarget,
	at: Date
): sla.StoredClock[] {
	const start = (metric: SlaMetric, minutes: number) => ({
		...startClock(metric, minutes, target.warnRatio, at, target.calendar),
		ticketId,
		calendarId: target.calendarId
	});
	return [
		start('first_response', target.firstResponseMinutes),
		start('resolution', target.resolutionMinutes)
	];
}

/** Start both clocks of a new ticket under `target`. */
export async function startClocks(
	sql: Queryable,
	ticketId: number,
	target: sla.ResolvedTarget,
	at: Date
): Promise<sla.StoredClock[]> {
	const clocks = newClocks(ticketId, target, at);
	await sla.insertClocks(sql, clocks);
	return clocks;
}

/**
 * The ticket's SLA read model (`tickets.sla_due_at`, `sla_state`) for these clocks, as the
 * database trigger computes it on every clock write (sql/0003_live.sql): for callers that need
 * it before they read the ticket again. The trigger stays the authority.
 */
export function readModelOf(clocks: readonly SlaClock[]): {
	dueAt: Date | null;
	state: 'ok' | 'warning' | 'breached' | 'paused';
} {
	const open = clocks.filter((c) => !c.fulfilledAt);
	const due = open.filter((c) => c.runningSince && c.dueAt).map((c) => c.dueAt!.getTime());
	const state = open.some((c) => c.breachedAt)
		? 'breached'
		: open.some((c) => c.warnedAt)
			? 'warning'
			: clocks.length > 0 && clocks.every((c) => !c.runningSince)
				? 'paused'
				: 'ok';
	return { dueAt: due.length ? new Date(Math.min(...due)) : null, state };
}

/** Apply `step` to the ticket's clocks (or one metric), save them, and return what fired. */
export async function stepClocks(
	sql: Queryable,
	ticketId: number,
	step: ClockStep,
	only?: SlaMetric
): Promise<FiredSignal[]> {
	const fired: FiredSignal[] = [];
	for (const stored of await sla.clocksOf(sql, ticketId)) {
		if (only && stored.metric !== only) continue;
		const update = await step(stored, await calendarOf(sql, stored.calendarId));
		await sla.saveClock(sql, {
			...update.clock,
			ticketId,
			calendarId: update.calendarId ?? stored.calendarId
		});
		for (const s of update.signals) fired.push({ clock: update.clock, ...s });
	}
	return fired;
}

/**
 * The ticket's priority changed: count what accrued in the old calendar, then continue under
 * `target` (new minutes, possibly a new calendar, e.g. 24/7 for P1).
 */
export function retargetStep(target: sla.ResolvedTarget, at: Date): ClockStep {
	return (clock, calendar) => {
		// Thresholds passed under the old target fire first, counted in the old calendar.
		const evaluated = evaluateClock(clock, at, calendar);
		const rebased = rebaseClock(evaluated.clock, at, calendar);
		const minutes =
			clock.metric === 'first_response' ? target.firstResponseMinutes : target.resolutionMinutes;
		const update = retargetClock(rebased, minutes, target.warnRatio, at, target.calendar);
		return {
			clock: update.clock,
			signals: [...evaluated.signals, ...update.signals],
			calendarId: target.calendarId
		};
	};
}

/**
 * A calendar was edited: in the same transaction, recompute the due and next-check times of every
 * running clock that counts in it. Thresholds the new calendar has already passed fall due at
 * once, and the clock job fires them with their events.
 */
export async function rescheduleCalendar(tx: TxContext, calendarId: number): Promise<number> {
	cache.delete(calendarId);
	const calendar = await calendarOf(tx.sql, calendarId);
	let moved = 0;
	for (const clock of await sla.runningClocks(tx.sql, { calendarId })) {
		await sla.saveClock(tx.sql, { ...clock, ...scheduleClock(clock, calendar) });
		moved++;
	}
	await tx.notify(CALENDARS_CHANNEL, String(calendarId));
	return moved;
}

/**
 * A policy's targets (minutes, warning share or calendar) were edited: in the same transaction,
 * move the running clocks of the tickets under it to the new targets.
 */
export async function retargetPolicy(tx: TxContext, policyId: number, at: Date): Promise<number> {
	let moved = 0;
	for (const priority of [1, 2, 3, 4] as const) {
		const target = await sla.targetFor(tx.sql, priority, policyId);
		if (!target) continue;
		for (const clock of await sla.runningClocks(tx.sql, { policyId, priority })) {
			const minutes =
				clock.metric === 'first_response' ? target.firstResponseMinutes : target.resolutionMinutes;
			const warnMinutes = minutes * target.warnRatio;
			if (
				clock.targetMinutes === minutes &&
				clock.warnMinutes === warnMinutes &&
				clock.calendarId === target.calendarId
			) {
				continue;
			}
			try {
				const old = await calendarOf(tx.sql, clock.calendarId);
				const rebased = rebaseClock(clock, at, old);
				const next = scheduleClock(
					{ ...rebased, targetMinutes: minutes, warnMinutes },
					target.calendar
				);
				await sla.saveClock(tx.sql, {
					...next,
					ticketId: clock.ticketId,
					calendarId: target.calendarId
				});
				moved++;
			} catch (error) {
				// One ticket's bad data must not block the edit for all the others.
				await reportClockProblem(tx.sql, clock.ticketId, error, at);
			}
		}
	}
	return moved;
}

// ───────────────────────── the due-clock job ─────────────────────────

/** How long a ticket whose clocks failed waits before the job tries it again. */
const RETRY_FAILED_MS = 5 * 60_000;

export interface DueClockRun {
	processed: number;
	failed: number;
}

/**
 * Evaluate the clocks of up to `batch` tickets that are due by `now`. Tickets are locked with
 * SKIP LOCKED (nodes share the work, each threshold fires once); each ticket runs in its own
 * savepoint, so one that fails (a missing calendar, bad data) is rolled back, reported, pushed
 * back by a few minutes, and the rest of the batch goes on.
 */
export async function processDueClocks(
	db: Database,
	evaluate: (tx: TxContext, ticketId: number) => Promise<void>,
	now = new Date(),
	batch = 100
): Promise<DueClockRun> {
	return db.transaction(async (tx) => {
		const lag = await sla.oldestDueCheck(tx.sql, now);
		metrics().slaClockLag.set(lag ? Math.max(0, (now.getTime() - lag.getTime()) / 1000) : 0);
		const ids = await sla.lockDueClockTickets(tx.sql, now, batch);
		let failed = 0;
		for (const ticketId of ids) {
			try {
				await tx.sql.savepoint((sp) => evaluate({ ...tx, sql: sp }, ticketId));
			} catch (error) {
				failed++;
				await sla.postponeChecks(tx.sql, ticketId, new Date(now.getTime() + RETRY_FAILED_MS));
				await reportClockProblem(tx.sql, ticketId, error, now);
			}
		}
		return { processed: ids.length, failed };
	});
}
