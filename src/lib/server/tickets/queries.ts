// Read models for pages and the API, composed from db queries and filtered for the viewer.
import { isStaff } from '../auth/roles';
import type { Queryable } from '../db/client';
import { userMaySee } from '../realtime/access';
import * as sla from '../sla/db';
import * as tickets from './db';
import { canViewTicket, reopenDeadline } from './rules';
import type { EventAudience } from '$lib/types/events';
import type {
	ClockView,
	TicketComment,
	TicketDetail,
	TicketSummary,
	TimelineEntry
} from '$lib/types/ticket';
import type { Locale, SessionUser } from '$lib/types/user';

/** A stored clock as pages, the API and live payloads show it. */
export function clockView(c: sla.StoredClock): ClockView {
	return {
		metric: c.metric,
		state: c.state,
		targetMinutes: c.targetMinutes,
		elapsedMinutes: Math.round(c.elapsedMinutes),
		dueAt: c.dueAt?.toISOString() ?? null,
		warnedAt: c.warnedAt?.toISOString() ?? null,
		breachedAt: c.breachedAt?.toISOString() ?? null,
		fulfilledAt: c.fulfilledAt?.toISOString() ?? null
	};
}

/** A clock as requesters see it: when a warning fired or a target was missed is internal. */
export function requesterClockView(c: sla.StoredClock): ClockView {
	return { ...clockView(c), warnedAt: null, breachedAt: null };
}

/** Everything the viewer may see of one ticket, or null if it does not exist for them. */
export async function ticketDetail(
	sql: Queryable,
	number: number,
	viewer: SessionUser,
	locale: Locale = 'en'
): Promise<TicketDetail | null> {
	const record = await tickets.getTicket(sql, number);
	if (!record || !canViewTicket(viewer, record)) return null;
	const staff = isStaff(viewer);
	const [summary, comments, clocks, events, related, reopenDays] = await Promise.all([
		tickets.ticketSummary(sql, number, locale),
		tickets.commentsOf(sql, number, staff),
		sla.clocksOf(sql, number),
		tickets.ticketEvents(sql, number),
		tickets.relatedOf(sql, number),
		tickets.getSetting(sql, 'reopen_days', 7)
	]);
	if (!summary) return null;
	// Requesters see what the portal shows: another requester's ticket number is not theirs to see.
	const mergedInto = staff
		? record.mergedIntoId
		: await ownTicketOrNull(sql, record.mergedIntoId, viewer);
	return composeDetail(viewer, {
		record,
		summary,
		comments,
		clocks,
		events,
		related,
		reopenDays: Number(reopenDays),
		mergedInto
	});
}

/** What a ticket's detail is made of (`mergedInto` already checked for the viewer). */
export interface DetailParts {
	record: tickets.TicketRecord;
	summary: TicketSummary;
	comments: TicketComment[];
	clocks: sla.StoredClock[];
	events: tickets.TimelineRow[];
	related: number[];
	reopenDays: number;
	mergedInto: number | null;
}

/**
 * The detail from its parts, filtered for `viewer`: by `ticketDetail` from the database, and for
 * a ticket just created from what its transaction wrote (the API's answer), so both look alike.
 */
export function composeDetail(viewer: SessionUser, parts: DetailParts): TicketDetail {
	const { record, summary, mergedInto } = parts;
	const staff = isStaff(viewer);
	const timeline: TimelineEntry[] = parts.events
		.filter((e) => userMaySee(viewer, { type: e.type, audience: e.audience as EventAudience }))
		.map((e) => ({
			id: e.id,
			type: e.type,
			actor: e.actor_id ? { id: e.actor_id, name: e.actor_name ?? '' } : null,
			at: e.created_at.toISOString(),
			internal: e.audience === 'agents',
			data:
				e.type === 'ticket.merged' && mergedInto === null && !staff
					? withoutKey(e.payload, 'into')
					: e.payload
		}));
	const deadline =
		record.status === 'resolved' ? reopenDeadline(record.resolvedAt, parts.reopenDays) : null;
	return {
		...summary,
		body: record.body,
		urgency: record.urgency,
		impact: record.impact,
		firstRespondedAt: record.firstRespondedAt?.toISOString() ?? null,
		resolvedAt: record.resolvedAt?.toISOString() ?? null,
		closedAt: record.closedAt?.toISOString() ?? null,
		mergedInto,
		related: staff ? parts.related : [],
		clocks: parts.clocks.map(staff ? clockView : requesterClockView),
		comments: parts.comments,
		timeline,
		reopenUntil: deadline?.toISOString() ?? null
	};
}

async function ownTicketOrNull(sql: Queryable, number: number | null, viewer: SessionUser) {
	if (number === null) return null;
	return (await tickets.getTicket(sql, number))?.requesterId === viewer.id ? number : null;
}

function withoutKey(payload: Record<string, unknown>, key: string): Record<string, unknown> {
	return Object.fromEntries(Object.entries(payload).filter(([k]) => k !== key));
}
