import { fail, redirect } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guard';
import { issueMessages, refusalMessages } from '$lib/server/portal/forms';
import { formInt, formText, ticketAction } from '$lib/server/tickets/actions';
import * as tickets from '$lib/server/tickets/db';
import { createTicket, createTicketSchema } from '$lib/server/tickets/service';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	const { db } = await app();
	return {
		categories: await tickets.listCategories(db.sql, getLocale()),
		titleMax: createTicketSchema.shape.title.maxLength ?? 200
	};
};

export const actions: Actions = {
	default: async (event) => {
		const me = requireUser(event);
		const form = await event.request.formData();
		const input = {
			title: formText(form, 'title'),
			body: formText(form, 'body'),
			categoryId: formInt(form, 'categoryId'),
			urgency: formInt(form, 'urgency'),
			impact: formInt(form, 'impact')
		};
		// The form gets its values back, so nothing typed is lost.
		const values = { ...input, categoryId: input.categoryId ?? null };
		// Same schema the service applies; checked here first for per-field messages in the UI language.
		const checked = createTicketSchema.safeParse(input);
		if (!checked.success) {
			return fail(400, {
				values,
				message: m.portal_errors_summary(),
				errors: issueMessages(checked.error.issues)
			});
		}
		const { db } = await app();
		const result = await ticketAction(() => createTicket(db, me, checked.data));
		if (!result.ok) {
			return fail(result.failure.status, { values, ...refusalMessages(result.failure.data) });
		}
		redirect(303, `/portal/tickets/${result.result.id}?created=1`);
	}
};
