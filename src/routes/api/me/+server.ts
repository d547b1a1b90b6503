import { json } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import type { RequestHandler } from './$types';

/** Who the session cookie or bearer token belongs to. */
export const GET: RequestHandler = (event) => {
	const me = requireUser(event);
	return json({ user: me, auth: event.locals.auth });
};
