import { json } from '@sveltejs/kit';
import { localeOf } from '$lib/server/api/tickets';
import { apiRoute, methodNotAllowed } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guard';
import { listCategories } from '$lib/server/tickets/db';
import type { RequestHandler } from './$types';

/** The categories a new ticket may name, in the caller's language. */
export const GET: RequestHandler = apiRoute(async (event) => {
	requireUser(event);
	const { db } = await app();
	return json({ data: await listCategories(db.sql, localeOf(event)) });
});

export const fallback: RequestHandler = methodNotAllowed('GET');
