// The wall's figures as indexed queries: current work from the partial queue indexes, "today" and
// the last 14 days from the time indexes of sql/0003_live.sql. Each query aggregates in the
// database and returns one row per group, hour or day, never one per ticket.
import type { Queryable } from '../db/client';
import type { Level } from '$lib/types/ticket';
import type { WallTickerItem } from '$lib/types/wall';

/**
 * Tickets the helpdesk still has to work on (`open` on the wall). Written out, not a parameter:
 * the planner can use the partial indexes (same predicate) only when it sees the values.
 */
const ACTIVE = (sql: Queryable) => sql.unsafe(`status in ('new', 'open', 'pending', 'on_hold')`);

/** Groups a wall shows: empty = every group. */
export type GroupScope = number[];

/** `and <alias>.group_id in scope`, or nothing for a wall of every group (no join needed). */
function inScope(sql: Queryable, scope: GroupScope, column: string) {
	return scope.length === 0 ? sql`` : sql`and ${sql(column)} = any(${scope}::int[])`;
}

/** What "today" and "the last 14 days" are in the organisation's time zone, as of `now`. */
export interface WallCalendar {
	timeZone: string;
	/** Today's date there, YYYY-MM-DD. */
	day: string;
	/** Local midnight today. */
	dayStart: Date;
	/** Local midnight 13 days before today: the start of the 14-day window. */
	windowStart: Date;
	/** The 14 dates of the window, oldest first. */
	days: string[];
}

/** Today and the last 14 days in the organisation's time zone `zone`. */
export async function wallCalendar(sql: Queryable, now: Date, zone: string): Promise<WallCalendar> {
	const [row] = await sql<
		{ zone: string; day: string; day_start: Date; window_start: Date; days: string[] }[]
	>`
		with zone as (
			select ${zone}::text as tz
		), local as (
			select tz, date_trunc('day', ${now}::timestamptz at time zone tz) as midnight from zone
		), bounds as (
			select tz, midnight, midnight at time zone tz as day_start,
				(midnight - interval '13 days') at time zone tz as window_start
			from local
		)
		select tz as zone, to_char(midnight, 'YYYY-MM-DD') as day, day_start, window_start,
			array(
				select to_char(midnight - d * interval '1 day', 'YYYY-MM-DD')
				from generate_series(13, 0, -1) d
			) as days
		from bounds`;
	return {
		timeZone: row.zone,
		day: row.day,
		dayStart: row.day_start,
		windowStart: row.window_start,
		days: row.days
	};
}

export interface GroupRow {
	id: number;
	name: string;
	level: Level;
	area: string;
	open: number;
	unassigned: number;
	oldestWaitingSince: Date | null;
	atRisk: number;
	breachedToday: number;
	escalationsToday: number;
}

/**
 * Per group of the wall: its open work now and today's breaches and escalations into it. Open
 * work is one aggregate over the active tickets (partial queue index); breaches and escalations
 * come from the `breached_at` and `(type, created_at)` indexes.
 */
export async function groupFigures(
	sql: Queryable,
	scope: GroupScope,
	dayStart: Date
): Promise<GroupRow[]> {
	const rows = await sql<
		{
			id: number;
			name: string;
			level: Level;
			area: string;
			open: number;
			unassigned: number;
			oldest: Date | null;
			at_risk: number;
			breached: number;
			escalations: number;
		}[]
	>`
		with wall_groups as (
			select g.id, g.name, g.level, g.area from groups g where true ${inScope(sql, scope, 'g.id')}
		), work as (
			select t.group_id,
				count(*)::int as open,
				(count(*) filter (where t.assignee_id is null))::int as unassigned,
				min(t.created_at) filter (where t.status in ('new', 'open')) as oldest,
				(count(*) filter (where t.sla_state = 'warning'))::int as at_risk
			from tickets t
			where t.${ACTIVE(sql)} ${inScope(sql, scope, 't.group_id')}
			group by t.group_id
		), breaches as (
			select t.group_id, count(*)::int as n
			from sla_clocks k join tickets t on t.id = k.ticket_id
			where k.breached_at >= ${dayStart} ${inScope(sql, scope, 't.group_id')}
			group by t.group_id
		), escalations as (
			select (e.payload ->> 'toGroupId')::int as group_id, count(*)::int as n
			from events e
			where e.type = 'ticket.escalated' and e.created_at >= ${dayStart}
			group by 1
		)
		select g.id, g.name, g.level, g.area,
			coalesce(w.open, 0) as open, coalesce(w.unassigned, 0) as unassigned, w.oldest,
			coalesce(w.at_risk, 0) as at_risk, coalesce(b.n, 0) as breached,
			coalesce(x.n, 0) as escalations
		from wall_groups g
		left join work w on w.group_id = g.id
		left join breaches b on b.group_id = g.id
		left join escalations x on x.group_id = g.id
		order by g.level, g.name`;
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		level: r.level,
		area: r.area,
		open: r.open,
		unassigned: r.unassigned,
		oldestWaitingSince: r.oldest,
		atRisk: r.at_risk,
		breachedToday: r.breached,
		escalationsToday: r.escalations
	}));
}

export interface TodayTotals {
	created: number;
	resolved: number;
	firstResponses: number;
	medianFirstResponseMinutes: number | null;
}

/** Tickets created, resolved and first answered today (each from its own time index). */
export async function todayTotals(
	sql: Queryable,
	scope: GroupScope,
	dayStart: Date
): Promise<TodayTotals> {
	const [row] = await sql<
		{ created: number; resolved: number; answered: number; median: number | null }[]
	>`
		select
			(select count(*)::int from tickets t
				where t.created_at >= ${dayStart} ${inScope(sql, scope, 't.group_id')}) as created,
			(select count(*)::int from tickets t
				where t.resolved_at >= ${dayStart} ${inScope(sql, scope, 't.group_id')}) as resolved,
			f.answered, f.median
		from (
			select count(*)::int as answered,
				percentile_cont(0.5) within group (
					order by extract(epoch from t.first_responded_at - t.created_at) / 60
				) as median
			from tickets t
			where t.first_responded_at >= ${dayStart} ${inScope(sql, scope, 't.group_id')}
		) f`;
	return {
		created: row.created,
		resolved: row.resolved,
		firstResponses: row.answered,
		medianFirstResponseMinutes: row.median === null ? null : Number(row.median)
	};
}

export interface HourRow {
	hour: Date;
	created: number;
	resolved: number;
	/** Open tickets per level at the end of the hour (or now, for the current hour). */
	backlog: Record<Level, number>;
}

/**
 * Per hour of today: tickets created and resolved, and the backlog per level at the hour's end.
 * The backlog is derived backwards from the open tickets now, by their current level: a ticket
 * counts at time T when it was created by T and is still active, or left (resolved, or closed
 * without resolving) after T. Only tickets created or gone today can differ from "open now", so
 * the query reads the open counts from the queue index and today's movements from the time
 * indexes (`updated_at` ≥ `closed_at` stands in for the unindexed closed-without-resolving).
 */
export async function hourlyFigures(
	sql: Queryable,
	scope: GroupScope,
	dayStart: Date,
	now: Date
): Promise<HourRow[]> {
	const rows = await sql<
		{ hour: Date; created: number; resolved: number; l1: number; l2: number; l3: number }[]
	>`
		with hours as (
			select h, least(h + interval '1 hour', ${now}::timestamptz) as h_end
			from generate_series(${dayStart}::timestamptz, ${now}::timestamptz, interval '1 hour') h
		), open_now as (
			select
				(count(*) filter (where t.level = 1))::int as l1,
				(count(*) filter (where t.level = 2))::int as l2,
				(count(*) filter (where t.level = 3))::int as l3
			from tickets t
			where t.${ACTIVE(sql)} ${inScope(sql, scope, 't.group_id')}
		), moved as (
			select t.level, t.created_at, t.resolved_at, t.${ACTIVE(sql)} as active_now,
				least(t.resolved_at, t.closed_at) as left_at
			from tickets t
			where (
				t.created_at >= ${dayStart}
				or t.resolved_at >= ${dayStart}
				or (t.resolved_at is null and t.updated_at >= ${dayStart} and t.closed_at >= ${dayStart})
			) ${inScope(sql, scope, 't.group_id')}
		), changes as (
			select h.h,
				(count(m.level) filter (where m.created_at >= h.h and m.created_at < h.h + interval '1 hour'))::int
					as created,
				(count(m.level) filter (where m.resolved_at >= h.h and m.resolved_at < h.h + interval '1 hour'))::int
					as resolved,
				(count(m.level) filter (where m.level = 1 and m.active_now and m.created_at > h.h_end))::int as a1,
				(count(m.level) filter (where m.level = 2 and m.active_now and m.created_at > h.h_end))::int as a2,
				(count(m.level) filter (where m.level = 3 and m.active_now and m.created_at > h.h_end))::int as a3,
				(count(m.level) filter (where m.level = 1 and not m.active_now
					and m.created_at <= h.h_end and m.left_at > h.h_end))::int as g1,
				(count(m.level) filter (where m.level = 2 and not m.active_now
					and m.created_at <= h.h_end and m.left_at > h.h_end))::int as g2,
				(count(m.level) filter (where m.level = 3 and not m.active_now
					and m.created_at <= h.h_end and m.left_at > h.h_end))::int as g3
			from hours h left join moved m on true
			group by h.h
		)
		select c.h as hour, c.created, c.resolved,
			o.l1 - c.a1 + c.g1 as l1, o.l2 - c.a2 + c.g2 as l2, o.l3 - c.a3 + c.g3 as l3
		from changes c cross join open_now o
		order by c.h`;
	return rows.map((r) => ({
		hour: r.hour,
		created: r.created,
		resolved: r.resolved,
		backlog: { 1: r.l1, 2: r.l2, 3: r.l3 }
	}));
}

export interface SlaDayRow {
	day: string;
	met: number;
	total: number;
}

/**
 * SLA outcomes per local day since `windowStart`: a clock counts on the day it breached, or on
 * the day it was fulfilled without a breach (met). Days without outcomes are left out.
 */
export async function slaOutcomesPerDay(
	sql: Queryable,
	scope: GroupScope,
	windowStart: Date,
	timeZone: string
): Promise<SlaDayRow[]> {
	const join = scope.length === 0 ? sql`` : sql`join tickets t on t.id = k.ticket_id`;
	return sql<SlaDayRow[]>`
		select to_char(o.at at time zone ${timeZone}, 'YYYY-MM-DD') as day,
			(count(*) filter (where o.met))::int as met, count(*)::int as total
		from (
			select k.breached_at as at, false as met
			from sla_clocks k ${join}
			where k.breached_at >= ${windowStart} ${inScope(sql, scope, 't.group_id')}
			union all
			select k.fulfilled_at, true
			from sla_clocks k ${join}
			where k.fulfilled_at >= ${windowStart} and k.breached_at is null
				${inScope(sql, scope, 't.group_id')}
		) o
		group by 1
		order by 1`;
}

/** Event types the ticker shows; status changes only when the ticket was resolved. */
const TICKER_TYPES = [
	'ticket.created',
	'ticket.escalated',
	'sla.breached',
	'ticket.status_changed'
] as const;
/** Candidates read per type, newest first, before filtering by resolution and the wall's groups. */
const TICKER_DEPTH = 200;

/**
 * The latest events worth a glance, newest first, of tickets now in the wall's groups and already
 * in the stream (position ≤ `position`). Each type is read backwards from `(type, created_at)`
 * and filtered afterwards, so the planner never guesses at a JSON condition.
 */
export async function tickerItems(
	sql: Queryable,
	scope: GroupScope,
	position: number,
	limit: number
): Promise<WallTickerItem[]> {
	const perType = TICKER_TYPES.map(
		(type) => sql`(
			select id, position, type, payload, created_at from events
			where type = ${type} order by created_at desc limit ${TICKER_DEPTH}
		)`
	);
	const rows = await sql<
		{
			position: number;
			type: WallTickerItem['type'];
			number: number;
			title: string;
			group: string;
			at: Date;
			detail: string | null;
		}[]
	>`
		select e.position, e.type, t.id as number, t.title, g.name as group, e.created_at as at,
			case e.type
				when 'ticket.escalated' then e.payload ->> 'toLevel'
				when 'sla.breached' then e.payload ->> 'metric'
				when 'ticket.status_changed' then e.payload ->> 'to'
			end as detail
		from (
			${perType[0]} union all ${perType[1]} union all ${perType[2]} union all ${perType[3]}
		) e
		join tickets t on t.id = (e.payload ->> 'number')::int
		join groups g on g.id = t.group_id
		where e.position is not null and e.position <= ${position}
			and (e.type <> 'ticket.status_changed' or e.payload ->> 'to' = 'resolved')
			${inScope(sql, scope, 't.group_id')}
		order by e.position desc
		limit ${limit}`;
	return rows.map((r) => ({
		position: r.position,
		type: r.type,
		number: r.number,
		title: r.title,
		group: r.group,
		at: r.at.toISOString(),
		detail: r.detail
	}));
}

/** The groups a wall can show, by level. */
export async function groupChoices(
	sql: Queryable
): Promise<Array<{ id: number; name: string; level: Level }>> {
	return sql<Array<{ id: number; name: string; level: Level }>>`
		select id, name, level from groups order by level, name`;
}
