// The 90-day uptime bars: per component and calendar day in the page's time zone, the minutes it
// spent in each bad state (from its status history) and the incidents that touched it that day.
// Statuspage's weighting: a major outage counts fully, a partial outage 30 %, degraded performance
// and maintenance not at all. A day the component did not exist yet, or before its first recorded
// status, has no data (grey), which is not the same as 100 %. Pure: no I/O, so unit-tested.
import { DateTime } from 'luxon';
import type { Component, ComponentStatus, Impact } from '$lib/types/incident';
import type { ComponentUptime, DayShade, UptimeDay, UptimeIncident } from '$lib/types/status';

export type { ComponentUptime, DayShade, UptimeDay, UptimeIncident };

export const UPTIME_DAYS = 90;
/** Weight of a minute in each state when counting downtime. */
const DOWNTIME_WEIGHT: Record<ComponentStatus, number> = {
	operational: 0,
	under_maintenance: 0,
	degraded_performance: 0,
	partial_outage: 0.3,
	major_outage: 1
};

export interface UptimeSpan {
	componentId: number;
	status: ComponentStatus;
	from: Date | string;
}

export interface UptimeIncidentInput {
	id: string;
	name: string;
	impact: Impact;
	started_at: string;
	resolved_at: string | null;
	components: Array<{ id: string }>;
}

export interface UptimeInput {
	components: Array<Pick<Component, 'id' | 'isGroup' | 'groupId' | 'startDate'>>;
	/** Status changes per component, with the status each had at the window's start. */
	spans: UptimeSpan[];
	/** Incidents (not maintenance) to count per day. */
	incidents: UptimeIncidentInput[];
	timeZone: string;
	now: Date;
	days?: number;
}

/** The first instant of the oldest day shown: the query bound for the status history. */
export function uptimeWindowStart(timeZone: string, now: Date, days = UPTIME_DAYS): Date {
	return DateTime.fromJSDate(now, { zone: timeZone })
		.startOf('day')
		.minus({ days: days - 1 })
		.toJSDate();
}

/** The days of the window, oldest first, with their bounds (days of 23 or 25 hours at DST). */
export function windowDays(timeZone: string, now: Date, days = UPTIME_DAYS) {
	const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
	const out: Array<{ date: string; start: number; end: number }> = [];
	for (let n = days - 1; n >= 0; n--) {
		const day = today.minus({ days: n });
		out.push({
			date: day.toISODate()!,
			start: day.toMillis(),
			end: day.plus({ days: 1 }).toMillis()
		});
	}
	return out;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Uptime per component (groups: their worst child per day), by component id. */
export function computeUptime(input: UptimeInput): Record<string, ComponentUptime> {
	const { timeZone, now } = input;
	const nowMs = now.getTime();
	const days = windowDays(timeZone, now, input.days ?? UPTIME_DAYS);
	const spansOf = new Map<number, Array<{ status: ComponentStatus; from: number }>>();
	for (const s of input.spans) {
		const list = spansOf.get(s.componentId) ?? [];
		list.push({ status: s.status, from: new Date(s.from).getTime() });
		spansOf.set(s.componentId, list);
	}
	const incidentsOf = new Map<number, UptimeInput['incidents']>();
	for (const i of input.incidents) {
		for (const c of i.components) {
			const id = Number(c.id);
			incidentsOf.set(id, [...(incidentsOf.get(id) ?? []), i]);
		}
	}

	const result: Record<string, ComponentUptime> = {};
	for (const c of input.components) {
		if (c.isGroup) continue;
		const spans = (spansOf.get(c.id) ?? []).sort((a, b) => a.from - b.from);
		// The component exists from the start of its start_date in the page's zone.
		const born = DateTime.fromISO(c.startDate, { zone: timeZone }).startOf('day').toMillis();
		const known = Math.max(born, spans[0]?.from ?? Infinity);
		const incidents = incidentsOf.get(c.id) ?? [];
		const out: UptimeDay[] = days.map((day) => {
			const from = Math.max(day.start, known);
			const to = Math.min(day.end, nowMs);
			const touching = incidents
				.filter((i) => {
					const start = Date.parse(i.started_at);
					const end = i.resolved_at ? Date.parse(i.resolved_at) : nowMs;
					return start < day.end && end >= day.start && start <= nowMs;
				})
				.map((i) => ({ id: i.id, name: i.name, impact: i.impact }));
			if (to <= from) {
				const empty = { uptime: null, major: 0, partial: 0, degraded: 0 };
				return { date: day.date, ...empty, shade: dayShade(empty), incidents: touching };
			}
			const minutes: Record<ComponentStatus, number> = {
				operational: 0,
				under_maintenance: 0,
				degraded_performance: 0,
				partial_outage: 0,
				major_outage: 0
			};
			for (let n = 0; n < spans.length; n++) {
				const start = Math.max(spans[n].from, from);
				const end = Math.min(spans[n + 1]?.from ?? Infinity, to);
				if (end > start) minutes[spans[n].status] += (end - start) / 60_000;
			}
			const total = (to - from) / 60_000;
			let down = 0;
			for (const status of Object.keys(minutes) as ComponentStatus[]) {
				down += minutes[status] * DOWNTIME_WEIGHT[status];
			}
			const figures = {
				uptime: round2(Math.max(0, 100 * (1 - down / total))),
				major: Math.round(minutes.major_outage),
				partial: Math.round(minutes.partial_outage),
				degraded: Math.round(minutes.degraded_performance)
			};
			return { date: day.date, ...figures, shade: dayShade(figures), incidents: touching };
		});
		result[c.id] = { componentId: c.id, days: out, uptime: overall(out) };
	}

	// A group's day is its worst child's; its incidents are all of theirs.
	for (const g of input.components) {
		if (!g.isGroup) continue;
		const children = input.components
			.filter((c) => c.groupId === g.id)
			.map((c) => result[c.id])
			.filter(Boolean);
		const out: UptimeDay[] = days.map((day, n) => {
			const childDays = children.map((c) => c.days[n]);
			const withData = childDays.filter((d) => d.uptime !== null);
			const incidents = new Map<string, UptimeIncident>();
			for (const d of childDays) for (const i of d.incidents) incidents.set(i.id, i);
			const figures = {
				uptime: withData.length ? Math.min(...withData.map((d) => d.uptime!)) : null,
				major: Math.max(0, ...childDays.map((d) => d.major)),
				partial: Math.max(0, ...childDays.map((d) => d.partial)),
				degraded: Math.max(0, ...childDays.map((d) => d.degraded))
			};
			return {
				date: day.date,
				...figures,
				shade: dayShade(figures),
				incidents: [...incidents.values()]
			};
		});
		result[g.id] = { componentId: g.id, days: out, uptime: overall(out) };
	}
	return result;
}

/** Mean of the days with data (each day weighs the same, as Statuspage shows it). */
function overall(days: UptimeDay[]): number | null {
	const known = days.filter((d) => d.uptime !== null);
	if (known.length === 0) return null;
	return round2(known.reduce((sum, d) => sum + d.uptime!, 0) / known.length);
}

/** A day's shade follows its weighted downtime; `none` is grey ("No data exists for this day"). */
export function dayShade(
	day: Pick<UptimeDay, 'uptime' | 'major' | 'partial' | 'degraded'>
): DayShade {
	if (day.uptime === null) return 'none';
	const weighted = day.major + 0.3 * day.partial;
	if (weighted >= 60) return 'major';
	if (weighted > 0) return 'minor';
	if (day.degraded > 0) return 'degraded';
	return 'ok';
}
