// The status page's model, made the same way on the server (from the snapshot) and in the browser
// (from each `status.changed`): components in their groups, incidents in the page's language,
// maintenance, and the days of "Past incidents". Pure, so both ends agree and it is unit-tested.
import type {
	ComponentStatus,
	V2Component,
	V2Incident,
	V2Status,
	V2Summary
} from '$lib/types/incident';
import type { ComponentRow, ComponentUptime, PastDay, StatusLang } from '$lib/types/status';

/** Update texts in both languages, by update id. */
export type Bodies = Record<string, { en: string; de: string }>;

export interface StatusPageModel {
	lang: StatusLang;
	zone: string;
	name: string;
	status: V2Status;
	/** The page's last change (Statuspage `page.updated_at`). */
	updatedAt: string;
	/** When the data was read. */
	asOf: string;
	/** Stream position of the data: the live connection continues from here. */
	position: number;
	components: ComponentRow[];
	/** Unresolved incidents, newest first. */
	incidents: V2Incident[];
	/** Maintenance in progress or verifying. */
	active: V2Incident[];
	/** Maintenance announced, soonest first. */
	upcoming: V2Incident[];
	/** Today and the 14 days before, today first. */
	past: PastDay[];
	/** Components one can subscribe to. */
	subscribable: Array<{ id: string; name: string; group: string | null }>;
}

export const PAST_DAYS = 15;

/** The update's text in `lang`, else in the other language. */
export function bodyIn(bodies: Bodies, id: string, lang: StatusLang, fallback: string): string {
	const b = bodies[id];
	if (!b) return fallback;
	return (lang === 'de' ? b.de || b.en : b.en || b.de) || fallback;
}

/** The incident with its updates' texts in `lang`. */
export function localize(incident: V2Incident, bodies: Bodies, lang: StatusLang): V2Incident {
	return {
		...incident,
		incident_updates: incident.incident_updates.map((u) => ({
			...u,
			body: bodyIn(bodies, u.id, lang, u.body)
		}))
	};
}

const shown = (c: V2Component) =>
	!c.only_show_if_degraded || (c.status !== 'operational' && c.status !== 'under_maintenance');

/** Groups with their children, in the v2 list's order; hidden ones left out. */
export function componentRows(
	components: V2Component[],
	uptime: Record<string, ComponentUptime>
): ComponentRow[] {
	const row = (c: V2Component): ComponentRow => ({
		id: c.id,
		name: c.name,
		description: c.description,
		status: c.status,
		uptime: c.showcase ? (uptime[c.id] ?? null) : null,
		children: []
	});
	const rows: ComponentRow[] = [];
	const groups = new Map<string, ComponentRow>();
	for (const c of components) {
		if (c.group_id !== null) continue;
		const r = row(c);
		if (c.group) groups.set(c.id, r);
		rows.push(r);
	}
	for (const c of components) {
		if (c.group_id === null || !shown(c)) continue;
		groups.get(c.group_id)?.children.push(row(c));
	}
	return rows.filter((r) => {
		const c = components.find((x) => x.id === r.id)!;
		return c.group ? r.children.length > 0 : shown(c);
	});
}

const isMaintenance = (i: V2Incident) => i.scheduled_for !== undefined;
/** When an incident or maintenance happened, for the day it is listed under. */
const startOf = (i: V2Incident) =>
	isMaintenance(i) ? (i.scheduled_for ?? i.started_at) : i.started_at;

/** The day (YYYY-MM-DD) of `at` in `zone`. */
export function dayIn(zone: string, at: string | number | Date): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(at));
}

/** The last `PAST_DAYS` days, today first, each with what started on it (newest first). */
export function pastDays(recent: V2Incident[], zone: string, now: Date): PastDay[] {
	const days: PastDay[] = [];
	const noon = now.getTime();
	for (let n = 0; n < PAST_DAYS; n++) {
		// Step back by 24 h from now and take the zone's day: a DST day is still one day.
		const date = dayIn(zone, noon - n * 86_400_000);
		if (days.at(-1)?.date === date) continue;
		days.push({ date, incidents: [] });
	}
	const byDate = new Map(days.map((d) => [d.date, d]));
	for (const i of recent) {
		// Upcoming maintenance is listed as such, not as past.
		if (isMaintenance(i) && i.status === 'scheduled') continue;
		byDate.get(dayIn(zone, startOf(i)))?.incidents.push(i);
	}
	return days;
}

/** The page's model from a `summary.json` (live), keeping what the summary does not carry. */
export function applySummary(
	model: StatusPageModel,
	summary: V2Summary,
	bodies: Bodies,
	position: number
): StatusPageModel {
	const uptime: Record<string, ComponentUptime> = {};
	const collect = (rows: ComponentRow[]) => {
		for (const r of rows) {
			if (r.uptime) uptime[r.id] = r.uptime;
			collect(r.children);
		}
	};
	collect(model.components);
	const incidents = summary.incidents.map((i) => localize(i, bodies, model.lang));
	const maintenance = summary.scheduled_maintenances.map((i) => localize(i, bodies, model.lang));
	// An incident that left the unresolved list was resolved: it stays listed under its day.
	const open = new Set(incidents.map((i) => i.id));
	const past = model.past.map((day) => ({
		date: day.date,
		incidents: day.incidents.map((i) => incidents.find((x) => x.id === i.id) ?? i)
	}));
	for (const gone of model.incidents.filter((i) => !open.has(i.id))) {
		for (const day of past) {
			const n = day.incidents.findIndex((i) => i.id === gone.id);
			if (n >= 0 && day.incidents[n].status !== 'resolved') {
				day.incidents[n] = { ...day.incidents[n], status: 'resolved' };
			}
		}
	}
	// A new incident is listed under today as well.
	const today = past[0];
	for (const i of incidents) {
		if (today && !past.some((d) => d.incidents.some((x) => x.id === i.id))) {
			today.incidents.unshift(i);
		}
	}
	return {
		...model,
		name: summary.page.name,
		status: summary.status,
		updatedAt: summary.page.updated_at,
		position,
		components: componentRows(summary.components, uptime),
		incidents,
		active: maintenance.filter((i) => i.status === 'in_progress' || i.status === 'verifying'),
		upcoming: maintenance.filter((i) => i.status === 'scheduled'),
		past,
		subscribable: subscribable(summary.components)
	};
}

export function subscribable(components: V2Component[]): StatusPageModel['subscribable'] {
	const names = new Map(components.map((c) => [c.id, c.name]));
	return components
		.filter((c) => !c.group)
		.map((c) => ({
			id: c.id,
			name: c.name,
			group: c.group_id ? (names.get(c.group_id) ?? null) : null
		}));
}

/** The icon of a component state (also said in words next to it). */
export const STATUS_ICON: Record<
	ComponentStatus,
	'check' | 'minus' | 'triangle' | 'cross' | 'wrench'
> = {
	operational: 'check',
	degraded_performance: 'minus',
	partial_outage: 'triangle',
	major_outage: 'cross',
	under_maintenance: 'wrench'
};

/** A new timeline entry (from `incident.declared` / `incident.updated`) on the incident shown. */
export function applyUpdate(
	model: StatusPageModel,
	update: {
		id: number;
		incidentId: number;
		status: string;
		bodyEn: string;
		bodyDe: string;
		createdAt: string;
		displayAt: string;
	}
): StatusPageModel {
	const entry = {
		id: String(update.id),
		status: update.status as V2Incident['status'],
		body: model.lang === 'de' ? update.bodyDe || update.bodyEn : update.bodyEn || update.bodyDe,
		incident_id: String(update.incidentId),
		created_at: update.createdAt,
		updated_at: update.createdAt,
		display_at: update.displayAt,
		affected_components: null,
		deliver_notifications: true,
		custom_tweet: null,
		tweet_id: null
	};
	const add = (i: V2Incident): V2Incident =>
		i.id !== entry.incident_id || i.incident_updates.some((u) => u.id === entry.id)
			? i
			: {
					...i,
					status: entry.status,
					resolved_at: entry.status === 'resolved' ? entry.display_at : i.resolved_at,
					incident_updates: [entry, ...i.incident_updates]
				};
	return {
		...model,
		incidents: model.incidents.map(add),
		active: model.active.map(add),
		upcoming: model.upcoming.map(add),
		past: model.past.map((d) => ({ date: d.date, incidents: d.incidents.map(add) }))
	};
}
