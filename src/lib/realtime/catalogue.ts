// The typed event catalogue, shared by server and client: every event type with its payload type,
// its audience and its topic. The writer refuses types that are not listed here; the gateway
// delivers a type only to the kinds of client listed for it; clients apply payloads by this map.
import type { ClockView, Level, Priority, TicketStatus, TicketSummary } from '$lib/types/ticket';
import type { SlaMetricName } from '$lib/types/sla';
import type { IncidentNote, IncidentSummary, IncidentUpdate, V2Summary } from '$lib/types/incident';
import type { KbLanguage, KbStatus, KbVisibility } from '$lib/types/kb';

/** Who connects: signed-in staff, a signed-in requester, a wall-display token, or nobody. */
export const CLIENT_KINDS = ['staff', 'requester', 'wall', 'anonymous'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

/**
 * Who may see an event. `requester` means the ticket's requester and staff; the row stores it as
 * `requester:<user id>`. `admins` is for admins only (the audit trail of admin changes).
 */
export type AudienceClass = 'public' | 'agents' | 'admins' | 'requester';

/** The topic family an event is written to (its primary topic); see `topicFamily`. */
export type TopicFamily = 'ticket' | 'desk' | 'admin' | 'user' | 'status' | 'incident' | 'kb';

interface Entry {
	audience: AudienceClass;
	/** The family of its primary topic; null: any topic (the stream's own test events). */
	topic: TopicFamily | null;
	/** Kinds of client that receive this type at all; the audience then narrows it further. */
	kinds: readonly ClientKind[];
}

const staff = ['staff'] as const;
const requesterView = ['staff', 'requester'] as const;
const admin: Entry = { audience: 'admins', topic: 'admin', kinds: staff };
/** Public status events: every kind of client, the anonymous status page included. */
const everyone = ['staff', 'requester', 'wall', 'anonymous'] as const;
const publicIncident: Entry = { audience: 'public', topic: 'incident', kinds: everyone };
/** Public knowledge-base facts (a public article's title and address): people, not wall screens. */
const kbPublic = ['staff', 'requester', 'anonymous'] as const;

/** A ticket's queue membership before a change: which queues it leaves. */
export interface QueueKey {
	level: Level;
	groupId: number;
	assigneeId: number | null;
	status: TicketStatus;
	slaState: TicketSummary['slaState'];
}

/** Payload type of every event type. Every ticket event also carries the ticket `number`. */
export interface EventPayloads {
	'ticket.created': {
		number: number;
		title: string;
		priority: Priority;
		level: Level;
		groupId: number;
		group: string;
		categoryId: number;
	};
	'ticket.assigned': {
		number: number;
		from: number | null;
		assigneeId: number;
		assignee: { id: number; name: string };
		automatic: boolean;
	};
	'ticket.unassigned': { number: number; from: number | null; assigneeId: null };
	'ticket.retitled': { number: number; from: string; to: string };
	'ticket.category_changed': { number: number; from: number; to: number };
	'ticket.priority_changed': { number: number; from: Priority; to: Priority };
	'ticket.status_changed': { number: number; from: TicketStatus; to: TicketStatus };
	'ticket.escalated': LevelMovePayload;
	'ticket.handed_back': LevelMovePayload;
	'ticket.noted': {
		number: number;
		commentId: number;
		kind?: 'escalate' | 'hand_back' | 'merge';
		reason?: string;
		body?: string;
	};
	'ticket.replied': { number: number; commentId: number; fromStaff: boolean; body: string };
	'ticket.lead_notified': {
		number: number;
		reason: string;
		leads: Array<{ id: number; name: string }>;
	};
	'ticket.linked': { number: number; related: number };
	'ticket.merged_from': { number: number; duplicate: number };
	'ticket.merged': { number: number; into: number };
	'ticket.confirmed': { number: number };
	'ticket.reopened': { number: number };
	'sla.warning': SlaSignalPayload;
	'sla.breached': SlaSignalPayload;
	/**
	 * The ticket as queues show it after a change, with the queues it was in before. Written once
	 * per operation to `desk` and the queue topics of the old and the new queue.
	 */
	'queue.ticket': {
		number: number;
		ticket: TicketSummary;
		/** The SLA clocks as the ticket page shows them. */
		clocks: ClockView[];
		/** Null for a new ticket. */
		previous: QueueKey | null;
	};
	/** The ticket was linked to an incident (or unlinked: `incidentId` null). */
	'ticket.incident_linked': {
		number: number;
		incidentId: number | null;
		title: string | null;
	};
	'user.created': { userId: number; role: string; groupId: number | null };
	/**
	 * Public incident events carry no actor: the status page does not name staff. Each is written
	 * to `incident:<id>` and to `status`.
	 */
	'incident.declared': { incident: IncidentSummary; update: IncidentUpdate };
	'incident.updated': { incident: IncidentSummary; update: IncidentUpdate };
	/** Title, impact, components, window or postmortem changed without a timeline entry. */
	'incident.changed': { incident: IncidentSummary; fields: string[] };
	'incident.noted': { incidentId: number; note: IncidentNote };
	'incident.tickets_linked': {
		incidentId: number;
		numbers: number[];
		unlinked: boolean;
		linkedTickets: number;
	};
	'incident.affected': { incidentId: number; affectedUsers: number };
	/** The whole public status (Statuspage v2 `summary.json`) after any change to it. */
	'status.changed': { summary: V2Summary };
	'admin.user_changed': AdminChange;
	'admin.group_changed': AdminChange;
	'admin.category_changed': AdminChange;
	'admin.calendar_changed': AdminChange;
	'admin.sla_policy_changed': AdminChange;
	'admin.escalation_rule_changed': AdminChange;
	'admin.settings_changed': AdminChange;
	'admin.api_token_changed': AdminChange;
	'admin.wall_changed': AdminChange;
	'admin.component_changed': AdminChange;
	'admin.incident_template_changed': AdminChange;
	'admin.subscriber_changed': AdminChange;
	/** Knowledge base (topic `kb:<article id>`): every change of an article, for staff. */
	'kb.article_created': KbArticleRef & {
		status: KbStatus;
		visibility: KbVisibility;
		language: KbLanguage;
		categoryId: number;
		/** The resolved ticket it was written from. */
		fromTicket: number | null;
	};
	'kb.article_revised': KbArticleRef & { version: number; changed: string[] };
	'kb.article_status_changed': KbArticleRef & { from: KbStatus; to: KbStatus; note?: string };
	'kb.article_deleted': KbArticleRef;
	/** A public article became readable by everyone, or changed while it is: public facts only. */
	'kb.article_published': KbArticleRef & { language: KbLanguage; categoryId: number };
	/** A public article is no longer readable by everyone (unpublished, made internal, deleted). */
	'kb.article_withdrawn': { articleId: number; slug: string };
	/** The stream's self-test events, one per audience class, on any topic. */
	'test.ping': { [key: string]: unknown };
	'test.public': { [key: string]: unknown };
	'test.addressed': { [key: string]: unknown };
}

/** The article an event is about, as it was named at the time. */
interface KbArticleRef {
	articleId: number;
	slug: string;
	title: string;
}

/** What an admin changed; the shape depends on the thing. */
type AdminChange = Record<string, unknown>;

interface LevelMovePayload {
	number: number;
	fromLevel: Level;
	toLevel: Level;
	fromGroup: string | null;
	/** Absent in events written before hand-back followed it. */
	fromGroupId?: number;
	toGroup: string;
	toGroupId: number;
	automatic: boolean;
}

interface SlaSignalPayload {
	number: number;
	metric: SlaMetricName;
	at: string;
	dueAt: string | null;
	priority: Priority;
	level: Level;
	groupId: number;
}

export type EventType = keyof EventPayloads;

export const EVENT_CATALOGUE: { readonly [T in EventType]: Entry } = {
	'ticket.created': { audience: 'requester', topic: 'ticket', kinds: requesterView },
	'ticket.assigned': { audience: 'requester', topic: 'ticket', kinds: requesterView },
	'ticket.unassigned': { audience: 'requester', topic: 'ticket', kinds: requesterView },
	'ticket.retitled': { audience: 'requester', topic: 'ticket', kinds: requesterView },
	'ticket.category_changed': { audience: 'agents', topic: 'ticket', kinds: staff },
	'ticket.priority_changed': { audience: 'requester', topic: 'ticket', kinds: requesterView },
	'ticket.status_changed': { audience: 'requester', topic: 'ticket', kinds: requesterView },
	'ticket.escalated': { audience: 'requester', topic: 'ticket', kinds: requesterView },
	'ticket.handed_back': { audience: 'requester', topic: 'ticket', kinds: requesterView },
	'ticket.noted': { audience: 'agents', topic: 'ticket', kinds: staff },
	'ticket.replied': { audience: 'requester', topic: 'ticket', kinds: requesterView },
	'ticket.lead_notified': { audience: 'agents', topic: 'ticket', kinds: staff },
	'ticket.linked': { audience: 'agents', topic: 'ticket', kinds: staff },
	'ticket.merged_from': { audience: 'agents', topic: 'ticket', kinds: staff },
	'ticket.merged': { audience: 'requester', topic: 'ticket', kinds: requesterView },
	'ticket.confirmed': { audience: 'requester', topic: 'ticket', kinds: requesterView },
	'ticket.reopened': { audience: 'requester', topic: 'ticket', kinds: requesterView },
	'sla.warning': { audience: 'agents', topic: 'ticket', kinds: staff },
	'sla.breached': { audience: 'agents', topic: 'ticket', kinds: staff },
	'queue.ticket': { audience: 'agents', topic: 'desk', kinds: staff },
	'ticket.incident_linked': { audience: 'requester', topic: 'ticket', kinds: requesterView },
	'user.created': { audience: 'agents', topic: 'user', kinds: staff },
	'incident.declared': publicIncident,
	'incident.updated': publicIncident,
	'incident.changed': publicIncident,
	'incident.noted': { audience: 'agents', topic: 'incident', kinds: staff },
	'incident.tickets_linked': { audience: 'agents', topic: 'incident', kinds: staff },
	'incident.affected': { audience: 'agents', topic: 'incident', kinds: staff },
	'status.changed': { audience: 'public', topic: 'status', kinds: everyone },
	'admin.user_changed': admin,
	'admin.group_changed': admin,
	'admin.category_changed': admin,
	'admin.calendar_changed': admin,
	'admin.sla_policy_changed': admin,
	'admin.escalation_rule_changed': admin,
	'admin.settings_changed': admin,
	'admin.api_token_changed': admin,
	'admin.wall_changed': admin,
	'admin.component_changed': admin,
	'admin.incident_template_changed': admin,
	'admin.subscriber_changed': admin,
	'kb.article_created': { audience: 'agents', topic: 'kb', kinds: staff },
	'kb.article_revised': { audience: 'agents', topic: 'kb', kinds: staff },
	'kb.article_status_changed': { audience: 'agents', topic: 'kb', kinds: staff },
	'kb.article_deleted': { audience: 'agents', topic: 'kb', kinds: staff },
	'kb.article_published': { audience: 'public', topic: 'kb', kinds: kbPublic },
	'kb.article_withdrawn': { audience: 'public', topic: 'kb', kinds: kbPublic },
	'test.ping': { audience: 'agents', topic: null, kinds: staff },
	'test.public': { audience: 'public', topic: null, kinds: ['staff', 'requester', 'anonymous'] },
	'test.addressed': { audience: 'requester', topic: null, kinds: requesterView }
};

export function isEventType(type: string): type is EventType {
	return Object.hasOwn(EVENT_CATALOGUE, type);
}

/** The family of a topic: `ticket:42` → `ticket`, `queue:level-2` → `desk`, `status` → `status`. */
export function topicFamily(topic: string): string {
	const family = topic.split(':', 1)[0];
	return family === 'queue' ? 'desk' : family;
}

/** True when agents, and never requesters, see events of `type` (e.g. internal notes). */
export function isStaffOnly(type: string): boolean {
	return !isEventType(type) || !EVENT_CATALOGUE[type].kinds.includes('requester');
}
