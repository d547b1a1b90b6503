import { error } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { isStaff, requireUser } from '$lib/server/auth/guard';
import type { Database } from '$lib/server/db/client';
import { forbidden } from '$lib/server/errors';
import { formAction, formText, isRefusal } from '$lib/server/forms';
import { streamMark } from '$lib/server/events/db';
import * as incidents from '$lib/server/incidents/db';
import { getSetting, getTicket } from '$lib/server/tickets/db';
import { ticketDetail } from '$lib/server/tickets/queries';
import { addComment, respondToResolution } from '$lib/server/tickets/service';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { SessionUser } from '$lib/types/user';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function notFound(): never {
	error(404, { code: 'not_found', message: m.portal_not_found() });
}

/** The ticket number from the URL; anything that is not one is simply not found. */
function ticketNumber(event: Pick<RequestEvent, 'params'>): number {
	const raw = event.params.number;
	if (!/^\d{1,9}$/.test(raw)) notFound();
	return Number(raw);
}

/**
 * Reply, confirm and reopen here are the requester's own actions on their own ticket. Anyone
 * else's ticket does not exist (404, as on the page); staff work tickets in the desk, also ones
 * they requested themselves, so the desk's rules (first response, reopen window) are not bypassed.
 */
async function requesterAction<T, E extends object>(
	event: RequestEvent,
	extra: E,
	run: (own: { me: SessionUser; number: number; db: Database }) => Promise<T>,
	rename?: Record<string, string>
) {
	const me = requireUser(event);
	const number = ticketNumber(event);
	const { db } = await app();
	const ticket = await getTicket(db.sql, number);
	if (!ticket || ticket.requesterId !== me.id) notFound();
	const result = await formAction(
		async () => {
			if (isStaff(me)) throw forbidden(m.portal_error_staff());
			return run({ me, number, db });
		},
		{ extra, rename }
	);
	if (isRefusal(result) && result.status === 404) notFound();
	return result;
}

/** The incident the ticket is linked to, as the public sees it. */
async function linkedIncident(db: Database, number: number) {
	const incidentId = (await getTicket(db.sql, number))?.incidentId;
	const incident = incidentId ? await incidents.getIncidentSummary(db.sql, incidentId) : null;
	return incident && { id: incident.id, title: incident.title, status: incident.status };
}

export const load: PageServerLoad = async (event) => {
	const me = requireUser(event);
	const number = ticketNumber(event);
	const { db } = await app();
	// The stream position first: every later event is replayed to the page and applied once.
	const stream = await streamMark(db.sql);
	const t = await ticketDetail(db.sql, number, me, getLocale());
	// The portal shows the tickets one requested; staff work other people's tickets in the desk.
	if (!t || t.requester.id !== me.id) notFound();
	// Whitelisted, and public only: the portal never ships internal notes, even to staff.
	return {
		ticket: {
			number: t.number,
			title: t.title,
			body: t.body,
			status: t.status,
			priority: t.priority,
			level: t.level,
			category: t.category.name,
			group: t.group.name,
			assignee: t.assignee?.name ?? null,
			createdAt: t.createdAt,
			updatedAt: t.updatedAt,
			nextDueAt: t.nextDueAt,
			closedAt: t.closedAt,
			reopenUntil: t.reopenUntil,
			mergedInto: t.mergedInto,
			comments: t.comments.filter((c) => !c.internal),
			timeline: t.timeline.filter((e) => !e.internal)
		},
		stream,
		incident: await linkedIncident(db, number),
		reopenDays: Number(await getSetting(db.sql, 'reopen_days', 7)),
		created: event.url.searchParams.has('created')
	};
};

export const actions: Actions = {
	reply: async (event) => {
		const message = formText(await event.request.formData(), 'message');
		const action = 'reply' as const;
		const result = await requesterAction(
			event,
			{ action, values: { message } },
			({ me, number, db }) => addComment(db, me, number, { body: message }),
			{ body: 'message' }
		);
		return isRefusal(result) ? result : { action, done: m.portal_reply_sent() };
	},

	confirm: async (event) => {
		const action = 'resolution' as const;
		const result = await requesterAction(event, { action }, ({ me, number, db }) =>
			respondToResolution(db, me, number, 'confirm')
		);
		return isRefusal(result) ? result : { action, done: m.portal_confirmed() };
	},

	reopen: async (event) => {
		const reason = formText(await event.request.formData(), 'reason');
		const action = 'resolution' as const;
		const result = await requesterAction(
			event,
			{ action, values: { reason } },
			({ me, number, db }) => respondToResolution(db, me, number, 'reopen', reason)
		);
		return isRefusal(result) ? result : { action, done: m.portal_reopened() };
	}
};
