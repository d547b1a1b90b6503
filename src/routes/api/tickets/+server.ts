import { json } from '@sveltejs/kit';
import * as api from '$lib/server/api/tickets';
import { apiRoute, methodNotAllowed, readBody } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guard';
import { listTickets } from '$lib/server/tickets/db';
import { createTicketDetail } from '$lib/server/tickets/service';
import type { RequestHandler } from './$types';

/** Tickets newest first, filtered; requesters only ever see their own. */
export const GET: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const { db } = await app();
	const { filter, limit } = await api.parseListQuery(db.sql, event.url, user);
	const locale = api.localeOf(event);
	const data = await listTickets(db.sql, { ...filter, limit }, locale);
	const last = data.at(-1);
	// A full page only has a next page if a ticket exists beyond it; probe so the end is exact.
	const more =
		last !== undefined &&
		data.length === limit &&
		(await listTickets(db.sql, { ...filter, before: last.number, limit: 1 }, locale)).length > 0;
	return json({ data, nextCursor: more ? api.encodeCursor(last.number) : null });
});

/** Open a ticket as the signed-in user. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const body = await readBody(event.request, api.requestBodies.NewTicket);
	const { db } = await app();
	// The answer is what GET /api/tickets/{number} shows, composed from the transaction's writes.
	const { ticket, detail } = await createTicketDetail(db, user, body, api.localeOf(event));
	return json(detail, { status: 201, headers: { location: `/api/tickets/${ticket.id}` } });
});

export const fallback: RequestHandler = methodNotAllowed('GET', 'POST');
