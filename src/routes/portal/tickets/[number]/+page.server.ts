import { error, fail } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guard';
import { issueMessages, refusalMessages } from '$lib/server/portal/forms';
import { formText, ticketAction } from '$lib/server/tickets/actions';
import { streamMark } from '$lib/server/events/db';
import { getSetting, getTicket } from '$lib/server/tickets/db';
import { ticketDetail } from '$lib/server/tickets/queries';
import { isStaff } from '$lib/server/tickets/rules';
import { addComment, commentSchema, respondToResolution } from '$lib/server/tickets/service';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
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

type Action = 'reply' | 'resolution';

/**
 * Reply, confirm and reopen here are the requester's own actions on their own ticket. Anyone
 * else's ticket does not exist (404, as on the page); staff work tickets in the desk, also ones
 * they requested themselves, so the desk's rules (first response, reopen window) are not bypassed.
 */
async function requesterOwnTicket(
	event: Pick<RequestEvent, 'params' | 'locals' | 'url'>,
	action: Action
) {
	const me = requireUser(event);
	const number = ticketNumber(event);
	const { db } = await app();
	const ticket = await getTicket(db.sql, number);
	if (!ticket || ticket.requesterId !== me.id) notFound();
	if (isStaff(me)) {
		return { refused: fail(403, { action, message: m.portal_error_staff() }) } as const;
	}
	return { me, number, db } as const;
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
		reopenDays: Number(await getSetting(db.sql, 'reopen_days', 7)),
		created: event.url.searchParams.has('created')
	};
};

const reasonSchema = commentSchema.shape.body;

export const actions: Actions = {
	reply: async (event) => {
		const own = await requesterOwnTicket(event, 'reply');
		if ('refused' in own) return own.refused;
		const { me, number, db } = own;
		const body = formText(await event.request.formData(), 'message');
		const checked = reasonSchema.safeParse(body);
		if (!checked.success) {
			const errors = issueMessages(checked.error.issues, { body: 'message' });
			return fail(400, { action: 'reply' as const, body, message: errors.message, errors });
		}
		const result = await ticketAction(() => addComment(db, me, number, { body: checked.data }));
		if (!result.ok) {
			if (result.failure.status === 404) notFound();
			const refused = refusalMessages(result.failure.data, {
				invalid_state: m.portal_error_closed
			});
			return fail(result.failure.status, { action: 'reply' as const, body, ...refused });
		}
		return { action: 'reply' as const, done: m.portal_reply_sent() };
	},

	confirm: async (event) => {
		const own = await requesterOwnTicket(event, 'resolution');
		if ('refused' in own) return own.refused;
		const { me, number, db } = own;
		const result = await ticketAction(() => respondToResolution(db, me, number, 'confirm'));
		if (!result.ok) {
			if (result.failure.status === 404) notFound();
			const refused = refusalMessages(result.failure.data, {
				invalid_state: m.portal_error_not_resolved
			});
			return fail(result.failure.status, { action: 'resolution' as const, ...refused });
		}
		return { action: 'resolution' as const, done: m.portal_confirmed() };
	},

	reopen: async (event) => {
		const own = await requesterOwnTicket(event, 'resolution');
		if ('refused' in own) return own.refused;
		const { me, number, db } = own;
		const reason = formText(await event.request.formData(), 'reason');
		if (reason.trim()) {
			const checked = reasonSchema.safeParse(reason);
			if (!checked.success) {
				const errors = issueMessages(checked.error.issues, { body: 'reason' });
				return fail(400, { action: 'resolution' as const, reason, message: errors.reason, errors });
			}
		}
		const result = await ticketAction(() => respondToResolution(db, me, number, 'reopen', reason));
		if (!result.ok) {
			if (result.failure.status === 404) notFound();
			const refused = refusalMessages(result.failure.data, {
				invalid_state: m.portal_error_not_resolved
			});
			return fail(result.failure.status, { action: 'resolution' as const, reason, ...refused });
		}
		return { action: 'resolution' as const, done: m.portal_reopened() };
	}
};
