import { json } from '@sveltejs/kit';
import * as api from '$lib/server/api/tickets';
import { apiRoute, methodNotAllowed, readBody } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guard';
import { addComment } from '$lib/server/tickets/service';
import type { RequestHandler } from './$types';

/** A public reply, or (agents only) an internal note. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const number = api.ticketNumber(event.params.number);
	const body = await readBody(event.request, api.requestBodies.NewComment);
	const { db } = await app();
	const { commentId } = await addComment(db, user, number, body);
	const ticket = await api.detailOr404(db.sql, number, user, api.localeOf(event));
	return json({ id: commentId, ticket }, { status: 201 });
});

export const fallback: RequestHandler = methodNotAllowed('POST');
