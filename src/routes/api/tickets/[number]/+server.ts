import { json } from '@sveltejs/kit';
import * as api from '$lib/server/api/tickets';
import { apiRoute, methodNotAllowed, readBody } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { requireRole, requireUser } from '$lib/server/auth/guard';
import { updateTicket } from '$lib/server/tickets/service';
import { STAFF_ROLES } from '$lib/types/user';
import type { RequestHandler } from './$types';

/** One ticket as the caller may see it (requesters: their own, without internal notes). */
export const GET: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const number = api.ticketNumber(event.params.number);
	const { db } = await app();
	return json(await api.detailOr404(db.sql, number, user, api.localeOf(event)));
});

/** Agents change status, priority, category, assignee or title; `version` guards every write. */
export const PATCH: RequestHandler = apiRoute(async (event) => {
	const user = requireRole(event, ...STAFF_ROLES);
	const number = api.ticketNumber(event.params.number);
	const body = await readBody(event.request, api.requestBodies.TicketChanges);
	const { db } = await app();
	const locale = api.localeOf(event);
	return api.withCurrentOnConflict(db.sql, number, user, locale, async () => {
		await updateTicket(db, user, number, body);
		return json(await api.detailOr404(db.sql, number, user, locale));
	});
});

export const fallback: RequestHandler = methodNotAllowed('GET', 'PATCH');
