// Incidents, scheduled maintenance and components: the shapes agents work with and the public
// shapes of the status page, which follow Atlassian Statuspage's public v2 API field for field.

export const COMPONENT_STATUSES = [
	'operational',
	'degraded_performance',
	'partial_outage',
	'major_outage',
	'under_maintenance'
] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];

export type AnyIncidentStatus = IncidentStatus | MaintenanceStatus;

export const IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
/** An incident's impact; a maintenance's impact is always `maintenance`. */
export type Impact = (typeof IMPACTS)[number] | 'maintenance';

/** The page's overall indicator (Statuspage `status.indicator`). */
export type Indicator = 'none' | 'minor' | 'major' | 'critical' | 'maintenance';

export type IncidentKind = 'incident' | 'maintenance';

/** A component or a component group as agents and admins see it. */
export interface Component {
	id: number;
	name: string;
	description: string;
	isGroup: boolean;
	groupId: number | null;
	position: number;
	/** Stored status; a group's is computed from its children (the worst). */
	status: ComponentStatus;
	onlyShowIfDegraded: boolean;
	showcase: boolean;
	startDate: string;
	createdAt: string;
	updatedAt: string;
}

export interface AffectedComponent {
	componentId: number;
	name: string;
	oldStatus: ComponentStatus;
	newStatus: ComponentStatus;
}

export interface IncidentUpdate {
	id: number;
	incidentId: number;
	status: AnyIncidentStatus;
	bodyEn: string;
	bodyDe: string;
	authorId: number | null;
	authorName: string | null;
	createdAt: string;
	displayAt: string;
	nextUpdateAt: string | null;
	affectedComponents: AffectedComponent[];
}

export interface IncidentNote {
	id: number;
	authorId: number | null;
	authorName: string | null;
	body: string;
	createdAt: string;
}

/** An incident or a maintenance with its timeline, as the desk shows it. */
export interface Incident {
	id: number;
	kind: IncidentKind;
	title: string;
	impact: Impact;
	status: AnyIncidentStatus;
	createdBy: number | null;
	createdAt: string;
	updatedAt: string;
	startedAt: string;
	monitoringAt: string | null;
	resolvedAt: string | null;
	scheduledFor: string | null;
	scheduledUntil: string | null;
	autoTransition: boolean;
	postmortem: string | null;
	postmortemPublishedAt: string | null;
	version: number;
	componentIds: number[];
	updates: IncidentUpdate[];
	/** Tickets linked to it, and people who said "I am affected too". */
	linkedTickets: number;
	affectedUsers: number;
}

/** A line in the desk's incident list. */
export interface IncidentSummary {
	id: number;
	kind: IncidentKind;
	title: string;
	impact: Impact;
	status: AnyIncidentStatus;
	startedAt: string;
	updatedAt: string;
	resolvedAt: string | null;
	scheduledFor: string | null;
	scheduledUntil: string | null;
	linkedTickets: number;
	affectedUsers: number;
}

export interface IncidentTemplate {
	id: number;
	name: string;
	purpose: 'incident' | 'maintenance' | 'ticket_reply';
	status: AnyIncidentStatus | null;
	title: string;
	bodyEn: string;
	bodyDe: string;
}

/** True for an incident or maintenance that is over. */
export function isFinished(status: AnyIncidentStatus): boolean {
	return status === 'resolved' || status === 'completed';
}

// ── Statuspage v2 public shapes (snake_case, ISO-8601 timestamps) ─────────────────────────────

export interface V2Page {
	id: string;
	name: string;
	url: string;
	time_zone: string;
	updated_at: string;
}

export interface V2Component {
	id: string;
	name: string;
	status: ComponentStatus;
	created_at: string;
	updated_at: string;
	position: number;
	description: string | null;
	showcase: boolean;
	start_date: string | null;
	group_id: string | null;
	page_id: string;
	group: boolean;
	only_show_if_degraded: boolean;
	/** Groups only: their children's ids. */
	components?: string[];
}

export interface V2AffectedComponent {
	code: string;
	name: string;
	old_status: ComponentStatus;
	new_status: ComponentStatus;
}

export interface V2IncidentUpdate {
	id: string;
	status: AnyIncidentStatus;
	body: string;
	incident_id: string;
	created_at: string;
	updated_at: string;
	display_at: string;
	affected_components: V2AffectedComponent[] | null;
	deliver_notifications: boolean;
	custom_tweet: null;
	tweet_id: null;
}

export interface V2Incident {
	id: string;
	name: string;
	status: AnyIncidentStatus;
	created_at: string;
	updated_at: string;
	monitoring_at: string | null;
	resolved_at: string | null;
	impact: Impact;
	shortlink: string;
	started_at: string;
	page_id: string;
	incident_updates: V2IncidentUpdate[];
	components: V2Component[];
	/** Maintenances only. */
	scheduled_for?: string | null;
	scheduled_until?: string | null;
}

export interface V2Status {
	indicator: Indicator;
	description: string;
}

export interface V2Summary {
	page: V2Page;
	components: V2Component[];
	incidents: V2Incident[];
	scheduled_maintenances: V2Incident[];
	status: V2Status;
}

/** An active incident offered to a requester typing a new ticket ("I am affected too"). */
export interface AffectedOffer {
	id: number;
	title: string;
	impact: Impact;
	status: AnyIncidentStatus;
	startedAt: string;
	/** The newest public message, in the requester's language if there is one. */
	message: string;
	affectedUsers: number;
	/** This requester said so already. */
	affected: boolean;
}
