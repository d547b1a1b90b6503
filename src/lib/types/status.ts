// The public status page's view shapes, shared by the server (which computes them once per change)
// and the page (which renders and live-updates them).
import type { ComponentStatus, Impact, V2Incident } from './incident';

export interface UptimeIncident {
	id: string;
	name: string;
	impact: Impact;
}

/** How a day's bar is shaded; `none` is grey ("No data exists for this day"). */
export type DayShade = 'none' | 'ok' | 'degraded' | 'minor' | 'major';

export interface UptimeDay {
	/** The calendar day in the page's zone, YYYY-MM-DD. */
	date: string;
	/** Percent (0–100, two decimals) of the day's known minutes; null: no data for this day. */
	uptime: number | null;
	/** Minutes in major outage, partial outage and degraded performance. */
	major: number;
	partial: number;
	degraded: number;
	shade: DayShade;
	incidents: UptimeIncident[];
}

export interface ComponentUptime {
	componentId: number;
	days: UptimeDay[];
	/** Over the days with data; null when no day has any. */
	uptime: number | null;
}

export type StatusLang = 'en' | 'de';
export const STATUS_LANGS: readonly StatusLang[] = ['en', 'de'];

/** A component row of the page: a group with its children, or a component on its own. */
export interface ComponentRow {
	id: string;
	name: string;
	description: string | null;
	status: ComponentStatus;
	uptime: ComponentUptime | null;
	children: ComponentRow[];
}

/** One day of "Past incidents". */
export interface PastDay {
	date: string;
	incidents: V2Incident[];
}
