import { json } from '@sveltejs/kit';
import { apiRoute, methodNotAllowed } from '$lib/server/api/respond';
import { requireUser } from '$lib/server/auth/guard';
import type { RequestHandler } from './$types';

/** Who the session cookie or bearer token belongs to. */
export const GET: RequestHandler = apiRoute((event) => {
	const me = requireUser(event);
	return json({ user: me, auth: event.locals.auth });
});

export const fallback: RequestHandler = methodNotAllowed('GET');
