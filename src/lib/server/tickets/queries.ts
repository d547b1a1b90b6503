// Read models for pages and the API, composed from db queries and filtered for the viewer.
import type { Queryable } from '../db/client';
import { canSee } from '../realtime/access';
import * as sla from '../sla/db';
import * as tickets from './db';
import { canViewTicket, isStaff, reopenDeadline } from './rules';
import type { EventAudience } from '$lib/types/events';
import type { TicketDetail, TimelineEntry } from '$lib/types/ticket';
import type { Locale, SessionUser } from '$lib/types/user';

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
	const timeline: TimelineEntry[] = events
		.filter((e) => canSee(viewer, e.audience as EventAudience))
		.map((e) => ({
			id: e.id,
			type: e.type,
			actor: e.actor_id ? { id: e.actor_id, name: e.actor_name ?? '' } : null,
			at: e.created_at.toISOString(),
			internal: e.audience === 'agents',
			data: e.payload
		}));
	const deadline =
		record.status === 'resolved' ? reopenDeadline(record.resolvedAt, Number(reopenDays)) : null;
	return {
		...summary,
		body: record.body,
		urgency: record.urgency,
		impact: record.impact,
		firstRespondedAt: record.firstRespondedAt?.toISOString() ?? null,
		resolvedAt: record.resolvedAt?.toISOString() ?? null,
		closedAt: record.closedAt?.toISOString() ?? null,
		mergedInto: record.mergedIntoId,
		related: staff ? related : [],
		clocks: clocks.map((c) => ({
			metric: c.metric,
			state: c.state,
			targetMinutes: c.targetMinutes,
			elapsedMinutes: Math.round(c.elapsedMinutes),
			dueAt: c.dueAt?.toISOString() ?? null,
			warnedAt: c.warnedAt?.toISOString() ?? null,
			breachedAt: c.breachedAt?.toISOString() ?? null,
			fulfilledAt: c.fulfilledAt?.toISOString() ?? null
		})),
		comments,
		timeline,
		reopenUntil: deadline?.toISOString() ?? null
	};
}
