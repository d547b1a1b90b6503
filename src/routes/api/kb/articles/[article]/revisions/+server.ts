import { json } from '@sveltejs/kit';
import { articleFor } from '$lib/server/api/kb';
import { apiRoute, methodNotAllowed } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { revisionsOf } from '$lib/server/kb/db';
import { STAFF_ROLES } from '$lib/types/user';
import type { RequestHandler } from './$types';

/** Every saved change of the article, newest first. */
export const GET: RequestHandler = apiRoute(async (event) => {
	const user = requireRole(event, ...STAFF_ROLES);
	const { db } = await app();
	const article = await articleFor(db.sql, user, event.params.article);
	return json({ data: await revisionsOf(db.sql, article.id) });
});

export const fallback: RequestHandler = methodNotAllowed('GET');
