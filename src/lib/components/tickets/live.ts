// Applying stream events to what a page shows, in place: a ticket's detail (portal and desk) and
// a desk queue. Pure functions: each returns a new value and is idempotent, so an event that the
// page's own reload already contains changes nothing when it arrives as well.
import type { EventPayloads, QueueKey } from '$lib/realtime/catalogue';
import type { LeitstandEvent } from '$lib/types/events';
import {
	ACTIVE_STATUSES,
	type Level,
	type Priority,
	type TicketComment,
	type TicketDetail,
	type TicketStatus,
	type TicketSummary,
	type TimelineEntry
} from '$lib/types/ticket';
import type { DeskQueue } from '$lib/types/desk';

type Payload<T extends keyof EventPayloads> = EventPayloads[T];

/** The event as a history entry of its ticket (only events whose own topic is the ticket). */
function timelineEntry(event: LeitstandEvent) {
	return {
		id: event.id,
		type: event.type,
		actor: event.actor,
		at: event.createdAt,
		internal: event.audience === 'agents',
		data: event.payload
	};
}

/** What every live ticket page shows: its conversation and its history. */
interface WithHistory {
	number: number;
	comments: TicketComment[];
	timeline: TimelineEntry[];
}

function withComment<T extends WithHistory>(view: T, comment: TicketComment): T {
	if (view.comments.some((c) => c.id === comment.id)) return view;
	return { ...view, comments: [...view.comments, comment] };
}

/** Append the event to the history, and a reply or note to the conversation, once each. */
function withHistory<T extends WithHistory>(view: T, event: LeitstandEvent): T {
	if (event.topic !== `ticket:${view.number}`) return view;
	let next = view;
	if (!next.timeline.some((e) => e.id === event.id)) {
		next = { ...next, timeline: [...next.timeline, timelineEntry(event)] };
	}
	if (event.type === 'ticket.replied') {
		const p = event.payload as unknown as Payload<'ticket.replied'>;
		return withComment(next, {
			id: p.commentId,
			author: event.actor,
			body: p.body,
			internal: false,
			fromStaff: p.fromStaff,
			createdAt: event.createdAt
		});
	}
	if (event.type === 'ticket.noted') {
		const p = event.payload as unknown as Payload<'ticket.noted'>;
		if (typeof p.body !== 'string') return next;
		return withComment(next, {
			id: p.commentId,
			author: event.actor,
			body: p.body,
			internal: true,
			fromStaff: true,
			createdAt: event.createdAt
		});
	}
	return next;
}

/** The fields a requester-visible event changes, in the shape `assignee` takes on the page. */
function withRequesterFields<T extends LiveFields<A>, A>(
	view: T,
	event: LeitstandEvent,
	assignee: (person: { id: number; name: string }) => A
): T {
	const at = event.createdAt;
	switch (event.type) {
		case 'ticket.status_changed': {
			const p = event.payload as unknown as Payload<'ticket.status_changed'>;
			return {
				...view,
				status: p.to,
				resolvedAt: p.to === 'resolved' ? at : p.to === 'open' ? null : view.resolvedAt,
				closedAt: p.to === 'closed' ? at : view.closedAt
			};
		}
		case 'ticket.escalated':
		case 'ticket.handed_back': {
			const p = event.payload as unknown as Payload<'ticket.escalated'>;
			return { ...view, level: p.toLevel };
		}
		case 'ticket.assigned': {
			const p = event.payload as unknown as Payload<'ticket.assigned'>;
			return { ...view, assignee: assignee(p.assignee) };
		}
		case 'ticket.unassigned':
			return { ...view, assignee: null };
		case 'ticket.priority_changed': {
			const p = event.payload as unknown as Payload<'ticket.priority_changed'>;
			return { ...view, priority: p.to };
		}
		case 'ticket.retitled': {
			const p = event.payload as unknown as Payload<'ticket.retitled'>;
			return { ...view, title: p.to };
		}
		case 'ticket.merged': {
			const p = event.payload as unknown as Payload<'ticket.merged'>;
			return { ...view, mergedInto: p.into };
		}
	}
	return view;
}

interface LiveFields<A> {
	status: TicketStatus;
	level: Level;
	priority: Priority;
	title: string;
	assignee: A | null;
	mergedInto: number | null;
	resolvedAt?: string | null;
	closedAt: string | null;
}

/**
 * `detail` (the desk's ticket page) after `event`. Summary fields and clocks come from the
 * `queue.ticket` payload, never an older version; comments and history entries are appended
 * once. `categoryName` gives a category's name in the page's language.
 */
export function applyTicketEvent(
	detail: TicketDetail,
	event: LeitstandEvent,
	categoryName: (id: number) => string | undefined = () => undefined
): TicketDetail {
	if (event.type === 'queue.ticket') {
		const p = event.payload as unknown as Payload<'queue.ticket'>;
		if (p.number !== detail.number || p.ticket.version < detail.version) return detail;
		const { category, ...rest } = p.ticket;
		return {
			...detail,
			...rest,
			category: { ...category, name: categoryName(category.id) ?? detail.category.name },
			clocks: p.clocks
		};
	}
	if (event.topic !== `ticket:${detail.number}`) return detail;
	// The authoritative summary follows in `queue.ticket`; until it comes, follow the event.
	return withRequesterFields(withHistory(detail, event), event, (person) => person);
}

/** What the requester portal shows of a ticket (see routes/portal/tickets/[number]). */
export interface PortalTicket extends WithHistory, LiveFields<string> {
	reopenUntil: string | null;
}

/**
 * The portal's ticket after `event` (only events its requester may see arrive there). A
 * resolution opens the reopen window of `reopenDays` days.
 */
export function applyPortalEvent<T extends PortalTicket>(
	ticket: T,
	event: LeitstandEvent,
	reopenDays: number
): T {
	if (event.topic !== `ticket:${ticket.number}`) return ticket;
	const next = withRequesterFields(withHistory(ticket, event), event, (person) => person.name);
	if (event.type === 'ticket.status_changed' && next.status !== ticket.status) {
		const reopenUntil =
			next.status === 'resolved'
				? new Date(Date.parse(event.createdAt) + reopenDays * 86_400_000).toISOString()
				: null;
		return { ...next, reopenUntil };
	}
	return next;
}

// ───────────────────────── desk queues ─────────────────────────

/** The desk's current view: its queue, its filters, and who is looking. */
export interface QueueView {
	queue: DeskQueue;
	me: { id: number; groupIds: number[] };
	/** '' = the active statuses, 'all' = every status, or one status. */
	status: string;
	priority: number | null;
	categoryId: number | null;
	/** A ticket number searched for, if any. */
	number: number | null;
	sort: 'due' | 'newest' | 'updated' | 'priority';
}

const isActive = (status: string) => (ACTIVE_STATUSES as readonly string[]).includes(status);

/** Is a ticket with queue key `k` in `queue` (counting only active tickets, as the tabs do)? */
export function inQueue(queue: DeskQueue, k: QueueKey, me: QueueView['me']): boolean {
	if (!isActive(k.status)) return false;
	switch (queue) {
		case 'mine':
			return k.assigneeId === me.id;
		case 'groups':
			return me.groupIds.includes(k.groupId);
		case 'l1':
			return k.level === 1;
		case 'l2':
			return k.level === 2;
		case 'l3':
			return k.level === 3;
		case 'unassigned':
			return k.assigneeId === null;
		case 'at_risk':
			return k.slaState === 'warning';
		case 'breached':
			return k.slaState === 'breached';
	}
}

export const keyOf = (t: TicketSummary): QueueKey => ({
	level: t.level,
	groupId: t.group.id,
	assigneeId: t.assignee?.id ?? null,
	status: t.status,
	slaState: t.slaState
});

/** Does the row belong on the screen of `view` (its queue and its filters)? */
export function matchesView(t: TicketSummary, view: QueueView): boolean {
	if (view.number !== null) return t.number === view.number;
	const statusOk =
		view.status === 'all' ? true : view.status ? t.status === view.status : isActive(t.status);
	if (!statusOk) return false;
	if (view.priority !== null && t.priority !== view.priority) return false;
	if (view.categoryId !== null && t.category.id !== view.categoryId) return false;
	return inQueue(view.queue, { ...keyOf(t), status: 'open' }, view.me);
}

const due = (t: TicketSummary) => (t.nextDueAt ? Date.parse(t.nextDueAt) : Infinity);

/** The desk's orders, as `listTickets` sorts them on the server. */
export function compareRows(
	sort: QueueView['sort']
): (a: TicketSummary, b: TicketSummary) => number {
	switch (sort) {
		case 'newest':
			return (a, b) => b.number - a.number;
		case 'updated':
			return (a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.number - a.number;
		case 'priority':
			return (a, b) => a.priority - b.priority || due(a) - due(b) || a.number - b.number;
		case 'due':
			return (a, b) => due(a) - due(b) || a.priority - b.priority || a.number - b.number;
	}
}

export interface QueueChange {
	rows: TicketSummary[];
	/** The ticket joined this view now (it was not on screen before). */
	entered: boolean;
	/** The ticket left this view now. */
	left: boolean;
}

/**
 * The rows after a `queue.ticket` payload: the ticket is updated where it is, enters in its
 * place in the order, or leaves. At most `limit` rows are kept (the page shows that many).
 */
export function applyQueueEvent(
	rows: TicketSummary[],
	payload: Payload<'queue.ticket'>,
	view: QueueView,
	limit: number
): QueueChange {
	const incoming = payload.ticket;
	const index = rows.findIndex((r) => r.number === incoming.number);
	const current = index >= 0 ? rows[index] : null;
	if (current && current.version > incoming.version) return { rows, entered: false, left: false };
	const without = index >= 0 ? rows.filter((_, i) => i !== index) : rows;
	if (!matchesView(incoming, view)) {
		return { rows: without, entered: false, left: index >= 0 };
	}
	const merged = current
		? { ...incoming, category: { ...incoming.category, name: current.category.name } }
		: incoming;
	const next = [...without, merged].sort(compareRows(view.sort)).slice(0, limit);
	const shown = next.some((r) => r.number === incoming.number);
	return { rows: next, entered: index < 0 && shown, left: false };
}

/** Queue tab counts after a ticket moved from `before` (null: it is new) to `after`. */
export function applyCounts<C extends Record<DeskQueue, number>>(
	counts: C,
	before: QueueKey | null,
	after: QueueKey,
	me: QueueView['me']
): C {
	const next = { ...counts };
	for (const queue of Object.keys(counts) as DeskQueue[]) {
		const delta =
			Number(inQueue(queue, after, me)) - Number(before ? inQueue(queue, before, me) : 0);
		next[queue] = Math.max(0, next[queue] + delta);
	}
	return next;
}
