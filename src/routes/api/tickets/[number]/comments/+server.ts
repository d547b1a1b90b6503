import { json } from '@sveltejs/kit';
import * as api from '$lib/server/api/tickets';
import { apiRoute, methodNotAllowed, readJson, rejectUnknownFields } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guard';
import { addComment, commentSchema } from '$lib/server/tickets/service';
import type { RequestHandler } from './$types';

/** A public reply, or (agents only) an internal note. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const number = api.ticketNumber(event.params.number);
	const body = await readJson(event.request);
	rejectUnknownFields(body, Object.keys(commentSchema.shape));
	const { db } = await app();
	const { commentId } = await addComment(db, user, number, body as never);
	const ticket = await api.detailOr404(db.sql, number, user, api.localeOf(event));
	return json({ id: commentId, ticket }, { status: 201 });
});

export const fallback: RequestHandler = methodNotAllowed('POST');
