// What each public status page shows, made from the snapshot in memory: no database work.
import {
	componentRows,
	localize,
	pastDays,
	subscribable,
	type StatusPageModel
} from '$lib/components/status/model';
import type { V2Component, V2Incident } from '$lib/types/incident';
import type { StatusLang } from '$lib/types/status';
import type { Queryable } from '../db/client';
import * as incidents from '../incidents/db';
import { v2Components, v2Incident } from './model';
import type { StatusSnapshot } from './snapshot';

export const HISTORY_PAGE_SIZE = 20;

export function statusPageModel(s: StatusSnapshot, lang: StatusLang): StatusPageModel {
	const components = v2Components(s.data);
	const loc = (i: V2Incident) => localize(i, s.bodies, lang);
	return {
		lang,
		zone: s.data.page.time_zone,
		name: s.data.page.name,
		status: s.data.status,
		updatedAt: s.data.page.updated_at,
		asOf: s.asOf,
		position: s.position,
		components: componentRows(components, s.uptime),
		incidents: s.data.unresolved.map(loc),
		active: s.data.active.map(loc),
		upcoming: s.data.upcoming.map(loc),
		past: pastDays(s.data.recent, s.data.page.time_zone, new Date(s.asOf)).map((d) => ({
			date: d.date,
			incidents: d.incidents.map(loc)
		})),
		subscribable: subscribable(components)
	};
}

/** Every incident and maintenance the snapshot holds, by id. */
export function snapshotIncidents(s: StatusSnapshot): Map<string, V2Incident> {
	const all = new Map<string, V2Incident>();
	for (const i of [...s.data.recent, ...s.data.unresolved, ...s.data.active, ...s.data.upcoming]) {
		all.set(i.id, i);
	}
	return all;
}

export interface IncidentPageModel {
	lang: StatusLang;
	zone: string;
	name: string;
	incident: V2Incident;
	/** The components it affects, with their status now. */
	components: V2Component[];
	postmortem: { body: string; publishedAt: string } | null;
}

export function incidentPageModel(
	s: StatusSnapshot,
	id: string,
	lang: StatusLang
): IncidentPageModel | null {
	const incident = snapshotIncidents(s).get(id);
	if (!incident) return null;
	const now = new Map(v2Components(s.data).map((c) => [c.id, c]));
	return {
		lang,
		zone: s.data.page.time_zone,
		name: s.data.page.name,
		incident: localize(incident, s.bodies, lang),
		components: incident.components.map((c) => now.get(c.id) ?? c),
		postmortem: s.data.postmortems[id] ?? null
	};
}

export interface HistoryPageModel {
	lang: StatusLang;
	zone: string;
	name: string;
	page: number;
	pages: number;
	/** Incidents and maintenances, newest first. */
	incidents: V2Incident[];
}

/** The pages of the history held in the snapshot (its 50 most recent). */
export const historyPages = (s: StatusSnapshot) =>
	Math.max(1, Math.ceil(s.data.recent.length / HISTORY_PAGE_SIZE));

export function historyPageModel(
	s: StatusSnapshot,
	page: number,
	lang: StatusLang
): HistoryPageModel | null {
	const pages = historyPages(s);
	if (page < 1 || page > pages) return null;
	const slice = s.data.recent.slice((page - 1) * HISTORY_PAGE_SIZE, page * HISTORY_PAGE_SIZE);
	return {
		lang,
		zone: s.data.page.time_zone,
		name: s.data.page.name,
		page,
		pages,
		incidents: slice.map((i) => localize(i, s.bodies, lang))
	};
}

/**
 * An incident older than the snapshot's 50 most recent, read from the database (one page view
 * of an old incident; the status page itself never comes here).
 */
export async function incidentPageFromDatabase(
	sql: Queryable,
	s: StatusSnapshot,
	id: number,
	lang: StatusLang
): Promise<IncidentPageModel | null> {
	const head = await incidents.getIncidentHead(sql, id);
	if (!head) return null;
	const [updates, componentIds] = await Promise.all([
		incidents.listUpdates(sql, [id]),
		incidents.incidentComponentIds(sql, id)
	]);
	const bodies: Record<string, { en: string; de: string }> = {};
	for (const u of updates) bodies[u.id] = { en: u.bodyEn, de: u.bodyDe };
	const incident = v2Incident(head, updates, componentIds, s.data.components);
	return {
		lang,
		zone: s.data.page.time_zone,
		name: s.data.page.name,
		incident: localize(incident, bodies, lang),
		components: incident.components,
		postmortem:
			head.postmortem && head.postmortemPublishedAt
				? { body: head.postmortem, publishedAt: head.postmortemPublishedAt }
				: null
	};
}
