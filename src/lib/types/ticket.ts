import type { ClockStateName, SlaMetricName } from './sla';

export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
/** Statuses in which someone still has to act. */
export const ACTIVE_STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];

export type Priority = 1 | 2 | 3 | 4;
export type Level = 1 | 2 | 3;
/** 1 = high, 2 = medium, 3 = low. */
export type Scale = 1 | 2 | 3;

/**
 * Priority from urgency × impact (ITIL-style matrix, both 1 = high … 3 = low):
 *
 *              impact high  medium  low
 *   urgency high      P1      P2     P3
 *          medium     P2      P3     P4
 *          low        P3      P4     P4
 */
export function priorityFor(urgency: Scale, impact: Scale): Priority {
	return Math.min(4, urgency + impact - 1) as Priority;
}

export interface CategoryOption {
	id: number;
	key: string;
	name: string;
}

export interface PersonRef {
	id: number;
	name: string;
}

export interface GroupRef {
	id: number;
	name: string;
	level: Level;
}

export interface ClockView {
	metric: SlaMetricName;
	state: ClockStateName;
	targetMinutes: number;
	elapsedMinutes: number;
	dueAt: string | null;
	warnedAt: string | null;
	breachedAt: string | null;
	fulfilledAt: string | null;
}

/** A ticket as lists show it. */
export interface TicketSummary {
	number: number;
	title: string;
	status: TicketStatus;
	priority: Priority;
	level: Level;
	category: CategoryOption;
	group: GroupRef;
	assignee: PersonRef | null;
	requester: PersonRef;
	createdAt: string;
	updatedAt: string;
	version: number;
	/** The clock that decides the queue order: the earliest unfinished due time. */
	nextDueAt: string | null;
	slaState: 'ok' | 'warning' | 'breached' | 'paused' | 'done';
}

export interface TicketComment {
	id: number;
	author: PersonRef | null;
	body: string;
	internal: boolean;
	/** True when the author works the ticket (agent, lead, admin) rather than requested it. */
	fromStaff: boolean;
	createdAt: string;
}

/** One step in a ticket's history, built from the event log. */
export interface TimelineEntry {
	id: number;
	type: string;
	actor: PersonRef | null;
	at: string;
	internal: boolean;
	data: Record<string, unknown>;
}

export interface TicketDetail extends TicketSummary {
	body: string;
	urgency: Scale;
	impact: Scale;
	requesterEmail?: string;
	firstRespondedAt: string | null;
	resolvedAt: string | null;
	closedAt: string | null;
	mergedInto: number | null;
	related: number[];
	clocks: ClockView[];
	comments: TicketComment[];
	timeline: TimelineEntry[];
	/** Until when the requester may reopen a resolved ticket. */
	reopenUntil: string | null;
}
