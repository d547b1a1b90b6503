import { app } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guard';
import * as portal from '$lib/server/portal/db';
import * as tickets from '$lib/server/tickets/db';
import { reopenDeadline } from '$lib/server/tickets/rules';
import { getLocale } from '$lib/paraglide/runtime';
import { ACTIVE_STATUSES, type TicketStatus, type TicketSummary } from '$lib/types/ticket';
import type { PageServerLoad } from './$types';

/** How many closed tickets the portal lists under "recently closed". */
const RECENTLY_CLOSED = 10;
/** Statuses in which the requester has to act: answer, or confirm/reopen. */
const YOUR_TURN: readonly TicketStatus[] = ['pending', 'resolved'];

export const load: PageServerLoad = async (event) => {
	const me = requireUser(event);
	const { db } = await app();
	const locale = getLocale();
	const [current, closed, reopenDays] = await Promise.all([
		tickets.listTickets(
			db.sql,
			{
				requesterId: me.id,
				statuses: [...ACTIVE_STATUSES, 'resolved'],
				sort: 'updated',
				limit: tickets.MAX_PAGE
			},
			locale
		),
		tickets.listTickets(
			db.sql,
			{ requesterId: me.id, statuses: ['closed'], sort: 'updated', limit: RECENTLY_CLOSED },
			locale
		),
		tickets.getSetting(db.sql, 'reopen_days', 7)
	]);
	const resolvedAt = await portal.resolvedTimes(
		db.sql,
		me.id,
		current.filter((t) => t.status === 'resolved').map((t) => t.number)
	);
	const row = (t: TicketSummary) => ({
		number: t.number,
		title: t.title,
		status: t.status,
		level: t.level,
		updatedAt: t.updatedAt,
		nextDueAt: t.nextDueAt,
		reopenUntil:
			reopenDeadline(resolvedAt.get(t.number) ?? null, Number(reopenDays))?.toISOString() ?? null
	});
	// Tickets waiting on the requester first; otherwise most recently changed first (stable sort).
	const open = current
		.map(row)
		.sort((a, b) => Number(YOUR_TURN.includes(b.status)) - Number(YOUR_TURN.includes(a.status)));
	return { name: me.name, open, closed: closed.map(row) };
};
