import { redirect } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guard';
import { formAction, formInt, formText, isRefusal } from '$lib/server/forms';
import * as tickets from '$lib/server/tickets/db';
import {
	createTicket,
	createTicketSchema,
	type CreateTicketInput
} from '$lib/server/tickets/service';
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
		const { db } = await app();
		// The form gets its values back, so nothing typed is lost.
		const values = { ...input, categoryId: input.categoryId ?? null };
		// The service validates every value; here they are only typed.
		const ticket = await formAction(() => createTicket(db, me, input as CreateTicketInput), {
			extra: { values }
		});
		if (isRefusal(ticket)) return ticket;
		redirect(303, `/portal/tickets/${ticket.id}?created=1`);
	}
};
