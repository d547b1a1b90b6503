import { error, fail } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guard';
import { issueMessages, refusalMessages } from '$lib/server/portal/forms';
import { formText, ticketAction } from '$lib/server/tickets/actions';
import { ticketDetail } from '$lib/server/tickets/queries';
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

export const load: PageServerLoad = async (event) => {
	const me = requireUser(event);
	const number = ticketNumber(event);
	const { db } = await app();
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
		created: event.url.searchParams.has('created')
	};
};

const reasonSchema = commentSchema.shape.body;

export const actions: Actions = {
	reply: async (event) => {
		const me = requireUser(event);
		const number = ticketNumber(event);
		const body = formText(await event.request.formData(), 'message');
		const checked = reasonSchema.safeParse(body);
		if (!checked.success) {
			const errors = issueMessages(checked.error.issues, { body: 'message' });
			return fail(400, { action: 'reply' as const, body, message: errors.message, errors });
		}
		const { db } = await app();
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
		const me = requireUser(event);
		const number = ticketNumber(event);
		const { db } = await app();
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
		const me = requireUser(event);
		const number = ticketNumber(event);
		const reason = formText(await event.request.formData(), 'reason');
		if (reason.trim()) {
			const checked = reasonSchema.safeParse(reason);
			if (!checked.success) {
				const errors = issueMessages(checked.error.issues, { body: 'reason' });
				return fail(400, { action: 'resolution' as const, reason, message: errors.reason, errors });
			}
		}
		const { db } = await app();
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
