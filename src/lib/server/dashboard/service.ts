// Wall figures: one snapshot per wall configuration, composed from the indexed queries in db.ts.
// The wall hub calls this at most once a second per wall, whatever the number of screens.
import type { Queryable } from '../db/client';
import { organisationTimeZone } from '../settings/time-zone';
import { getWall } from '../walls/db';
import * as incidentsDb from '../incidents/db';
import * as dashboard from './db';
import { selfServiceFigures } from '../kb/service';
import type { Level } from '$lib/types/ticket';
import type {
	WallFigures,
	WallGroup,
	WallIncident,
	WallLevel,
	WallSnapshot
} from '$lib/types/wall';

const LEVELS: Level[] = [1, 2, 3];
/** Lines in the ticker. */
export const TICKER_LENGTH = 8;
/** Incidents listed by name on the wall (the count covers all). */
export const WALL_INCIDENTS = 3;

const SEVERITY: Record<WallIncident['impact'], number> = {
	critical: 0,
	major: 1,
	minor: 2,
	none: 3,
	maintenance: 4
};

/** Active incidents, most severe first, then the longest running. */
async function activeWallIncidents(sql: Queryable): Promise<WallIncident[]> {
	const open = await incidentsDb.listIncidents(sql, { open: true, kind: 'incident', limit: 50 });
	return open
		.filter((i) => i.status !== 'resolved')
		.map((i) => ({
			id: i.id,
			title: i.title,
			impact: i.impact,
			status: i.status,
			startedAt: i.startedAt
		}))
		.sort(
			(a, b) => SEVERITY[a.impact] - SEVERITY[b.impact] || a.startedAt.localeCompare(b.startedAt)
		);
}

/** Riskiest first: breaches today, then at risk, then the longest wait; then by name. */
export function byRisk(a: WallGroup, b: WallGroup): number {
	return (
		b.breachedToday - a.breachedToday ||
		b.atRisk - a.atRisk ||
		(a.oldestWaitingSince ?? '\uffff').localeCompare(b.oldestWaitingSince ?? '\uffff') ||
		a.name.localeCompare(b.name)
	);
}

/** A level's figures: the sums of its groups on the wall, and the oldest wait among them. */
function levelOf(level: Level, groups: WallGroup[]): WallLevel {
	const sum = (key: keyof WallFigures) => groups.reduce((s, g) => s + (g[key] as number), 0);
	const waits = groups.map((g) => g.oldestWaitingSince).filter((w): w is string => w !== null);
	return {
		level,
		open: sum('open'),
		unassigned: sum('unassigned'),
		oldestWaitingSince: waits.length > 0 ? waits.reduce((a, b) => (a < b ? a : b)) : null,
		atRisk: sum('atRisk'),
		breachedToday: sum('breachedToday'),
		escalationsToday: sum('escalationsToday'),
		groups: [...groups].sort(byRisk)
	};
}

/** The figures of wall `wallId` as of `now`, or null when the wall does not exist. */
export async function computeWallSnapshot(
	sql: Queryable,
	wallId: number,
	now: Date,
	position: number
): Promise<WallSnapshot | null> {
	const wall = await getWall(sql, wallId);
	if (!wall) return null;
	const scope = wall.groupIds;
	const cal = await dashboard.wallCalendar(sql, now, await organisationTimeZone(sql));
	const [groupRows, totals, hours, slaDays, ticker, incidents] = await Promise.all([
		dashboard.groupFigures(sql, scope, cal.dayStart),
		dashboard.todayTotals(sql, scope, cal.dayStart),
		dashboard.hourlyFigures(sql, scope, cal.dayStart, now),
		dashboard.slaOutcomesPerDay(sql, scope, cal.windowStart, cal.timeZone),
		dashboard.tickerItems(sql, scope, position, TICKER_LENGTH),
		activeWallIncidents(sql)
	]);

	const groups: WallGroup[] = groupRows.map((g) => ({
		...g,
		oldestWaitingSince: g.oldestWaitingSince?.toISOString() ?? null
	}));
	const levels = LEVELS.map((level) =>
		levelOf(
			level,
			groups.filter((g) => g.level === level)
		)
	).filter((l) => l.groups.length > 0);

	const outcomes = new Map(slaDays.map((d) => [d.day, d]));
	const slaPerDay = cal.days.map((day) => ({
		day,
		met: outcomes.get(day)?.met ?? 0,
		total: outcomes.get(day)?.total ?? 0
	}));
	// Company-wide, whatever groups the wall shows: a requester helped by an article has no group.
	const selfService = await selfServiceFigures(sql, now, 3);
	const today = outcomes.get(cal.day) ?? { met: 0, total: 0 };

	return {
		wallId: wall.id,
		name: wall.name,
		groupIds: wall.groupIds,
		at: now.toISOString(),
		position,
		timeZone: cal.timeZone,
		day: cal.day,
		levels,
		today: {
			created: totals.created,
			resolved: totals.resolved,
			medianFirstResponseMinutes: totals.medianFirstResponseMinutes,
			firstResponses: totals.firstResponses,
			sla: { met: today.met, total: today.total }
		},
		sla14: {
			met: slaPerDay.reduce((s, d) => s + d.met, 0),
			total: slaPerDay.reduce((s, d) => s + d.total, 0)
		},
		selfService,
		activeIncidents: incidents.length,
		incidents: incidents.slice(0, WALL_INCIDENTS),
		charts: {
			hours: hours.map((h) => h.hour.toISOString()),
			createdPerHour: hours.map((h) => h.created),
			resolvedPerHour: hours.map((h) => h.resolved),
			backlogPerHour: {
				1: hours.map((h) => h.backlog[1]),
				2: hours.map((h) => h.backlog[2]),
				3: hours.map((h) => h.backlog[3])
			},
			slaPerDay
		},
		ticker
	};
}
