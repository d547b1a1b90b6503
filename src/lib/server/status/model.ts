// The public status as Atlassian Statuspage's v2 API shows it: components (groups with their
// children's ids), incidents with their updates, scheduled maintenance and the overall indicator.
// Pure builders plus one loader; every public surface (pages, JSON, feeds, the live stream, the
// snapshot kept for database outages) is made from `loadStatus`.
import type { Queryable } from '../db/client';
import { baseUrl } from '../http/base-url';
import { statusPageNameSetting } from '../settings/db';
import { organisationTimeZone } from '../settings/time-zone';
import * as incidents from '../incidents/db';
import type { IncidentHead } from '../incidents/db';
import type {
	Component,
	ComponentStatus,
	Impact,
	Indicator,
	IncidentUpdate,
	V2Component,
	V2Incident,
	V2IncidentUpdate,
	V2Status,
	V2Summary
} from '$lib/types/incident';

export const PAGE_ID = 'leitstand';
/** Statuspage's `incidents.json` returns the 50 most recent. */
export const RECENT_LIMIT = 50;

const COMPONENT_SEVERITY: Record<ComponentStatus, number> = {
	operational: 0,
	under_maintenance: 1,
	degraded_performance: 2,
	partial_outage: 3,
	major_outage: 4
};

/** The worse of two component states (a group shows its worst child). */
export function worseStatus(a: ComponentStatus, b: ComponentStatus): ComponentStatus {
	return COMPONENT_SEVERITY[b] > COMPONENT_SEVERITY[a] ? b : a;
}

const INDICATOR_ORDER: Indicator[] = ['none', 'maintenance', 'minor', 'major', 'critical'];
const worseIndicator = (a: Indicator, b: Indicator): Indicator =>
	INDICATOR_ORDER.indexOf(b) > INDICATOR_ORDER.indexOf(a) ? b : a;

const INDICATOR_OF_COMPONENT: Record<ComponentStatus, Indicator> = {
	operational: 'none',
	under_maintenance: 'maintenance',
	degraded_performance: 'minor',
	partial_outage: 'major',
	major_outage: 'critical'
};

/** Statuspage's wording of the overall state, which status clients show as is. */
export type StatusDescription =
	| 'All Systems Operational'
	| 'Partially Degraded Service'
	| 'Minor Service Outage'
	| 'Partial System Outage'
	| 'Major System Outage'
	| 'Service Under Maintenance';

/**
 * The overall indicator: the worst of the open incidents' impacts, the components' states
 * (degraded → minor, partial outage → major, major outage → critical, under maintenance →
 * maintenance) and maintenance in progress. An outage outranks maintenance.
 */
export function overallStatus(
	components: Pick<Component, 'status' | 'isGroup'>[],
	open: Array<{ kind: 'incident' | 'maintenance'; impact: Impact; status: string }>
): V2Status {
	let indicator: Indicator = 'none';
	let onlyDegraded = true;
	for (const c of components) {
		if (c.isGroup) continue;
		indicator = worseIndicator(indicator, INDICATOR_OF_COMPONENT[c.status]);
		if (COMPONENT_SEVERITY[c.status] > COMPONENT_SEVERITY.degraded_performance)
			onlyDegraded = false;
	}
	let incidentMinor = false;
	for (const i of open) {
		if (i.kind === 'maintenance') {
			if (i.status === 'in_progress' || i.status === 'verifying') {
				indicator = worseIndicator(indicator, 'maintenance');
			}
		} else if (i.status !== 'resolved') {
			const impact: Indicator = i.impact === 'maintenance' ? 'maintenance' : i.impact;
			indicator = worseIndicator(indicator, impact);
			if (impact === 'minor') incidentMinor = true;
		}
	}
	return { indicator, description: describe(indicator, onlyDegraded && !incidentMinor) };
}

function describe(indicator: Indicator, onlyDegraded: boolean): StatusDescription {
	switch (indicator) {
		case 'none':
			return 'All Systems Operational';
		case 'maintenance':
			return 'Service Under Maintenance';
		case 'minor':
			return onlyDegraded ? 'Partially Degraded Service' : 'Minor Service Outage';
		case 'major':
			return 'Partial System Outage';
		case 'critical':
			return 'Major System Outage';
	}
}

/** Components with each group's status computed from its children. */
export function withGroupStatus(components: Component[]): Component[] {
	const worst = new Map<number, ComponentStatus>();
	for (const c of components) {
		if (c.groupId !== null) {
			worst.set(c.groupId, worseStatus(worst.get(c.groupId) ?? 'operational', c.status));
		}
	}
	return components.map((c) =>
		c.isGroup ? { ...c, status: worst.get(c.id) ?? 'operational' } : c
	);
}

export function v2Component(c: Component, all: Component[]): V2Component {
	const out: V2Component = {
		id: String(c.id),
		name: c.name,
		status: c.status,
		created_at: c.createdAt,
		updated_at: c.updatedAt,
		position: c.position,
		description: c.description || null,
		showcase: c.showcase,
		start_date: c.startDate,
		group_id: c.groupId === null ? null : String(c.groupId),
		page_id: PAGE_ID,
		group: c.isGroup,
		only_show_if_degraded: c.onlyShowIfDegraded
	};
	if (c.isGroup) {
		out.components = all.filter((x) => x.groupId === c.id).map((x) => String(x.id));
	}
	return out;
}

/** An update's public text: English where written, else German (the v2 API has one body). */
export const publicBody = (u: Pick<IncidentUpdate, 'bodyEn' | 'bodyDe'>) => u.bodyEn || u.bodyDe;

export function v2Update(u: IncidentUpdate): V2IncidentUpdate {
	return {
		id: String(u.id),
		status: u.status,
		body: publicBody(u),
		incident_id: String(u.incidentId),
		created_at: u.createdAt,
		updated_at: u.createdAt,
		display_at: u.displayAt,
		affected_components:
			u.affectedComponents.length === 0
				? null
				: u.affectedComponents.map((a) => ({
						code: String(a.componentId),
						name: a.name,
						old_status: a.oldStatus,
						new_status: a.newStatus
					})),
		deliver_notifications: true,
		custom_tweet: null,
		tweet_id: null
	};
}

export function v2Incident(
	head: IncidentHead,
	updates: IncidentUpdate[],
	componentIds: number[],
	components: Component[]
): V2Incident {
	const byId = new Map(components.map((c) => [c.id, c]));
	const out: V2Incident = {
		id: String(head.id),
		name: head.title,
		status: head.status,
		created_at: head.createdAt,
		updated_at: head.updatedAt,
		monitoring_at: head.monitoringAt,
		resolved_at: head.resolvedAt,
		impact: head.impact,
		shortlink: `${baseUrl()}/status/incidents/${head.id}`,
		started_at: head.startedAt,
		page_id: PAGE_ID,
		incident_updates: updates.filter((u) => u.incidentId === head.id).map(v2Update),
		components: componentIds
			.map((id) => byId.get(id))
			.filter((c): c is Component => c !== undefined)
			.map((c) => v2Component(c, components))
	};
	if (head.kind === 'maintenance') {
		out.scheduled_for = head.scheduledFor;
		out.scheduled_until = head.scheduledUntil;
	}
	return out;
}

/** Everything public, read in one go (from one snapshot when `sql` is a transaction). */
export interface StatusData {
	/** When this was read. */
	generatedAt: string;
	page: V2Summary['page'];
	components: Component[];
	/** The 50 most recent incidents and maintenances (any state), newest first. */
	recent: V2Incident[];
	/** Incidents not resolved. */
	unresolved: V2Incident[];
	/** Maintenances scheduled, in progress or verifying. */
	upcoming: V2Incident[];
	active: V2Incident[];
	status: V2Status;
	/** Postmortems of recent incidents, by incident id, once published. */
	postmortems: Record<string, { body: string; publishedAt: string }>;
}

/** The page's name when no admin has named it. */
export const DEFAULT_PAGE_NAME = 'IT Service Status';

/**
 * Read the public status. `recent: false` skips the history (incidents.json): what
 * `summary.json` and the live `status.changed` event need, read in every incident change.
 */
export async function loadStatus(
	sql: Queryable,
	options: { recent?: boolean } = {}
): Promise<StatusData> {
	const generatedAt = new Date().toISOString();
	const [name, components, timeZone, recentSummaries, openSummaries] = await Promise.all([
		statusPageNameSetting(sql),
		incidents.listComponents(sql).then(withGroupStatus),
		organisationTimeZone(sql),
		options.recent === false ? [] : incidents.listIncidents(sql, { limit: RECENT_LIMIT }),
		incidents.listIncidents(sql, { open: true, limit: 200 })
	]);
	const ids = [...new Set([...recentSummaries, ...openSummaries].map((i) => i.id))];
	const heads = (await Promise.all(ids.map((id) => incidents.getIncidentHead(sql, id)))).filter(
		(h): h is IncidentHead => h !== null
	);
	const [updates, componentIdLists] = await Promise.all([
		incidents.listUpdates(sql, ids),
		Promise.all(ids.map((id) => incidents.incidentComponentIds(sql, id)))
	]);
	const componentIdsOf = new Map(ids.map((id, n) => [id, componentIdLists[n]]));
	const headOf = new Map(heads.map((h) => [h.id, h]));
	const build = (id: number) =>
		v2Incident(headOf.get(id)!, updates, componentIdsOf.get(id) ?? [], components);
	const isOpenIncident = (h: IncidentHead) => h.kind === 'incident' && h.status !== 'resolved';
	const openHeads = openSummaries.map((s) => headOf.get(s.id)!).filter(Boolean);
	const recent = recentSummaries.map((s) => build(s.id));
	const unresolved = openHeads.filter(isOpenIncident).map((h) => build(h.id));
	const upcoming = openHeads
		.filter((h) => h.kind === 'maintenance' && h.status === 'scheduled')
		.sort((a, b) => (a.scheduledFor ?? '').localeCompare(b.scheduledFor ?? ''))
		.map((h) => build(h.id));
	const active = openHeads
		.filter(
			(h) => h.kind === 'maintenance' && (h.status === 'in_progress' || h.status === 'verifying')
		)
		.map((h) => build(h.id));
	const postmortems: StatusData['postmortems'] = {};
	for (const h of heads) {
		if (h.postmortem && h.postmortemPublishedAt) {
			postmortems[String(h.id)] = { body: h.postmortem, publishedAt: h.postmortemPublishedAt };
		}
	}
	const updatedAt = [
		...components.map((c) => c.updatedAt),
		...heads.map((h) => h.updatedAt)
	].reduce((a, b) => (b > a ? b : a), '1970-01-01T00:00:00.000Z');
	return {
		generatedAt,
		page: {
			id: PAGE_ID,
			name: name ?? DEFAULT_PAGE_NAME,
			url: `${baseUrl()}/status`,
			time_zone: timeZone,
			updated_at: updatedAt
		},
		components,
		recent,
		unresolved,
		upcoming,
		active,
		status: overallStatus(components, openHeads),
		postmortems
	};
}

/** Components as the v2 API lists them (one flat list). */
export const v2Components = (data: StatusData): V2Component[] =>
	data.components.map((c) => v2Component(c, data.components));

/** `summary.json`: page, components, unresolved incidents, upcoming and active maintenance. */
export function v2Summary(data: StatusData): V2Summary {
	return {
		page: data.page,
		components: v2Components(data),
		incidents: data.unresolved,
		scheduled_maintenances: [...data.active, ...data.upcoming],
		status: data.status
	};
}
