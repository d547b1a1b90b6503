import type { PendingQuery, Row } from 'postgres';
import type { Queryable } from '../db/client';
import type { BusinessCalendar } from './calendar';
import type { SlaClock, SlaMetric } from './clock';
import type { Priority } from '$lib/types/ticket';

export interface CalendarRecord {
	id: number;
	name: string;
	calendar: BusinessCalendar;
}

interface CalendarRow {
	id: number;
	name: string;
	time_zone: string;
	week: BusinessCalendar['week'];
	holidays: string[];
}

const toCalendar = (r: CalendarRow): CalendarRecord => ({
	id: r.id,
	name: r.name,
	calendar: { timeZone: r.time_zone, week: r.week, holidays: r.holidays }
});

export async function listCalendars(sql: Queryable): Promise<CalendarRecord[]> {
	const rows = await sql<CalendarRow[]>`
		select id, name, time_zone, week, holidays from business_calendars order by id`;
	return rows.map(toCalendar);
}

export async function getCalendar(sql: Queryable, id: number): Promise<CalendarRecord | null> {
	const [row] = await sql<CalendarRow[]>`
		select id, name, time_zone, week, holidays from business_calendars where id = ${id}`;
	return row ? toCalendar(row) : null;
}

export async function insertCalendar(
	sql: Queryable,
	name: string,
	calendar: BusinessCalendar
): Promise<CalendarRecord> {
	const [row] = await sql<CalendarRow[]>`
		insert into business_calendars (name, time_zone, week, holidays)
		values (${name}, ${calendar.timeZone}, ${sql.json(calendar.week as never)},
			${sql.json(calendar.holidays)})
		returning id, name, time_zone, week, holidays`;
	return toCalendar(row);
}

export async function updateCalendar(
	sql: Queryable,
	id: number,
	name: string,
	calendar: BusinessCalendar
): Promise<boolean> {
	const rows = await sql`
		update business_calendars set name = ${name}, time_zone = ${calendar.timeZone},
			week = ${sql.json(calendar.week as never)}, holidays = ${sql.json(calendar.holidays)},
			updated_at = now()
		where id = ${id} returning id`;
	return rows.length > 0;
}

export interface PolicyTarget {
	priority: Priority;
	firstResponseMinutes: number;
	resolutionMinutes: number;
	calendarId: number;
}

export interface PolicyRecord {
	id: number;
	name: string;
	isDefault: boolean;
	warnRatio: number;
	targets: PolicyTarget[];
}

export async function listPolicies(sql: Queryable): Promise<PolicyRecord[]> {
	const policies = await sql<
		{ id: number; name: string; is_default: boolean; warn_ratio: string }[]
	>`
		select id, name, is_default, warn_ratio from sla_policies order by id`;
	const targets = await sql<
		{
			policy_id: number;
			priority: Priority;
			first_response_minutes: number;
			resolution_minutes: number;
			calendar_id: number;
		}[]
	>`select policy_id, priority, first_response_minutes, resolution_minutes, calendar_id
		from sla_targets order by policy_id, priority`;
	return policies.map((p) => ({
		id: p.id,
		name: p.name,
		isDefault: p.is_default,
		warnRatio: Number(p.warn_ratio),
		targets: targets
			.filter((t) => t.policy_id === p.id)
			.map((t) => ({
				priority: t.priority,
				firstResponseMinutes: t.first_response_minutes,
				resolutionMinutes: t.resolution_minutes,
				calendarId: t.calendar_id
			}))
	}));
}

export async function insertPolicy(
	sql: Queryable,
	p: { name: string; isDefault: boolean; warnRatio: number }
): Promise<number> {
	const [row] = await sql<{ id: number }[]>`
		insert into sla_policies (name, is_default, warn_ratio)
		values (${p.name}, ${p.isDefault}, ${p.warnRatio}) returning id`;
	return row.id;
}

export async function updatePolicy(
	sql: Queryable,
	id: number,
	p: { name: string; warnRatio: number }
): Promise<void> {
	await sql`update sla_policies set name = ${p.name}, warn_ratio = ${p.warnRatio} where id = ${id}`;
}

export async function upsertTarget(sql: Queryable, policyId: number, t: PolicyTarget) {
	await sql`
		insert into sla_targets (policy_id, priority, first_response_minutes, resolution_minutes, calendar_id)
		values (${policyId}, ${t.priority}, ${t.firstResponseMinutes}, ${t.resolutionMinutes}, ${t.calendarId})
		on conflict (policy_id, priority) do update set
			first_response_minutes = excluded.first_response_minutes,
			resolution_minutes = excluded.resolution_minutes,
			calendar_id = excluded.calendar_id`;
}

/** What a ticket of `priority` must meet under the default policy (or `policyId`). */
export interface ResolvedTarget {
	policyId: number;
	warnRatio: number;
	firstResponseMinutes: number;
	resolutionMinutes: number;
	calendarId: number;
	calendar: BusinessCalendar;
}

/** A target as `targetQuery` selects it. */
export interface TargetRow {
	policy_id: number;
	warn_ratio: string | number;
	first_response_minutes: number;
	resolution_minutes: number;
	calendar_id: number;
	time_zone: string;
	week: BusinessCalendar['week'];
	holidays: string[];
}

/**
 * The target for `priority` (a value, or an SQL expression such as a column of the statement it
 * is placed in) under the default policy (or `policyId`) as a query, so that a statement that
 * needs it (new tickets' insert) can include it instead of asking separately.
 */
export function targetQuery(
	sql: Queryable,
	priority: Priority | PendingQuery<Row[]>,
	policyId: number | null = null
) {
	return sql`
		select p.id as policy_id, p.warn_ratio, t.first_response_minutes, t.resolution_minutes,
			c.id as calendar_id, c.time_zone, c.week, c.holidays
		from sla_policies p
		join sla_targets t on t.policy_id = p.id and t.priority = ${priority}
		join business_calendars c on c.id = t.calendar_id
		where ${policyId === null ? sql`p.is_default` : sql`p.id = ${policyId}`}`;
}

export function toResolvedTarget(row: TargetRow): ResolvedTarget {
	return {
		policyId: row.policy_id,
		warnRatio: Number(row.warn_ratio),
		firstResponseMinutes: row.first_response_minutes,
		resolutionMinutes: row.resolution_minutes,
		calendarId: row.calendar_id,
		calendar: { timeZone: row.time_zone, week: row.week, holidays: row.holidays }
	};
}

export async function targetFor(
	sql: Queryable,
	priority: Priority,
	policyId: number | null = null
): Promise<ResolvedTarget | null> {
	const [row] = await sql<TargetRow[]>`${targetQuery(sql, priority, policyId)}`;
	return row ? toResolvedTarget(row) : null;
}

export interface StoredClock extends SlaClock {
	ticketId: number;
	calendarId: number;
}

interface ClockRow {
	ticket_id: number;
	metric: SlaMetric;
	state: SlaClock['state'];
	target_minutes: number;
	warn_minutes: string;
	calendar_id: number;
	elapsed_minutes: string;
	running_since: Date | null;
	due_at: Date | null;
	warned_at: Date | null;
	breached_at: Date | null;
	fulfilled_at: Date | null;
	next_check_at: Date | null;
}

const toClock = (r: ClockRow): StoredClock => ({
	ticketId: r.ticket_id,
	metric: r.metric,
	state: r.state,
	targetMinutes: r.target_minutes,
	warnMinutes: Number(r.warn_minutes),
	calendarId: r.calendar_id,
	elapsedMinutes: Number(r.elapsed_minutes),
	runningSince: r.running_since,
	dueAt: r.due_at,
	warnedAt: r.warned_at,
	breachedAt: r.breached_at,
	fulfilledAt: r.fulfilled_at,
	nextCheckAt: r.next_check_at
});

export async function clocksOf(sql: Queryable, ticketId: number): Promise<StoredClock[]> {
	const rows = await sql<ClockRow[]>`
		select * from sla_clocks where ticket_id = ${ticketId} order by metric`;
	return rows.map(toClock);
}

const clockRow = (c: StoredClock) => ({
	ticket_id: c.ticketId,
	metric: c.metric,
	state: c.state,
	target_minutes: c.targetMinutes,
	warn_minutes: c.warnMinutes,
	calendar_id: c.calendarId,
	elapsed_minutes: c.elapsedMinutes,
	running_since: c.runningSince,
	due_at: c.dueAt,
	warned_at: c.warnedAt,
	breached_at: c.breachedAt,
	fulfilled_at: c.fulfilledAt,
	next_check_at: c.nextCheckAt
});

/** A new ticket's clocks, in one statement. */
export async function insertClocks(sql: Queryable, clocks: StoredClock[]): Promise<void> {
	if (clocks.length === 0) return;
	await sql`insert into sla_clocks ${sql(clocks.map(clockRow))}`;
}

export async function saveClock(sql: Queryable, clock: StoredClock): Promise<void> {
	await sql`
		insert into sla_clocks (ticket_id, metric, state, target_minutes, warn_minutes, calendar_id,
			elapsed_minutes, running_since, due_at, warned_at, breached_at, fulfilled_at, next_check_at)
		values (${clock.ticketId}, ${clock.metric}, ${clock.state}, ${clock.targetMinutes},
			${clock.warnMinutes}, ${clock.calendarId}, ${clock.elapsedMinutes}, ${clock.runningSince},
			${clock.dueAt}, ${clock.warnedAt}, ${clock.breachedAt}, ${clock.fulfilledAt},
			${clock.nextCheckAt})
		on conflict (ticket_id, metric) do update set
			state = excluded.state, target_minutes = excluded.target_minutes,
			warn_minutes = excluded.warn_minutes, calendar_id = excluded.calendar_id,
			elapsed_minutes = excluded.elapsed_minutes, running_since = excluded.running_since,
			due_at = excluded.due_at, warned_at = excluded.warned_at,
			breached_at = excluded.breached_at, fulfilled_at = excluded.fulfilled_at,
			next_check_at = excluded.next_check_at, updated_at = now()`;
}

/**
 * Tickets whose clocks have a threshold due by `now`, locked so that concurrent clock jobs on
 * other nodes skip them rather than firing twice.
 */
export async function lockDueClockTickets(
	sql: Queryable,
	now: Date,
	limit: number
): Promise<number[]> {
	const rows = await sql<{ id: number }[]>`
		select t.id from tickets t
		where t.id in (select ticket_id from sla_clocks where next_check_at <= ${now})
		order by t.id
		limit ${limit}
		for update of t skip locked`;
	return rows.map((r) => r.id);
}

/** Unfinished clocks (running or paused) that count in a calendar, or of a policy's priority. */
export async function runningClocks(
	sql: Queryable,
	where: { calendarId: number } | { policyId: number; priority: Priority }
): Promise<StoredClock[]> {
	const rows =
		'calendarId' in where
			? await sql<ClockRow[]>`
				select * from sla_clocks where calendar_id = ${where.calendarId} and fulfilled_at is null`
			: await sql<ClockRow[]>`
				select k.* from sla_clocks k join tickets t on t.id = k.ticket_id
				where t.sla_policy_id = ${where.policyId} and t.priority = ${where.priority}
					and k.fulfilled_at is null`;
	return rows.map(toClock);
}

/** The earliest check that is due and not yet done (the clock job's lag), or null. */
export async function oldestDueCheck(sql: Queryable, now: Date): Promise<Date | null> {
	const [row] = await sql<{ at: Date | null }[]>`
		select min(next_check_at) as at from sla_clocks where next_check_at <= ${now}`;
	return row.at;
}

/** Look at a ticket's clocks again no earlier than `at` (after its evaluation failed). */
export async function postponeChecks(sql: Queryable, ticketId: number, at: Date): Promise<void> {
	await sql`
		update sla_clocks set next_check_at = ${at}
		where ticket_id = ${ticketId} and next_check_at is not null`;
}

/** Keep what went wrong in a job where admins see it; the newest 200 are kept. */
export async function recordProblem(
	sql: Queryable,
	p: { job: string; ticketId: number | null; message: string; at: Date }
): Promise<void> {
	await sql`
		insert into job_problems (job, ticket_id, message, created_at)
		values (${p.job}, ${p.ticketId}, ${p.message.slice(0, 2000)}, ${p.at})`;
	await sql`
		delete from job_problems where id < (
			select id from job_problems order by id desc offset 199 limit 1)`;
}

export interface JobProblem {
	id: number;
	job: string;
	ticketId: number | null;
	message: string;
	at: string;
}

export async function recentProblems(sql: Queryable, limit = 20): Promise<JobProblem[]> {
	const rows = await sql<
		{ id: number; job: string; ticket_id: number | null; message: string; created_at: Date }[]
	>`select id, job, ticket_id, message, created_at from job_problems order by id desc limit ${limit}`;
	return rows.map((r) => ({
		id: r.id,
		job: r.job,
		ticketId: r.ticket_id,
		message: r.message,
		at: r.created_at.toISOString()
	}));
}
