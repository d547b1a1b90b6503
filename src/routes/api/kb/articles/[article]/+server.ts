import { json } from '@sveltejs/kit';
import {
	apiArticle,
	articleBodies,
	articleFor,
	deleteQuerySchema,
	queryObject
} from '$lib/server/api/kb';
import { apiRoute, methodNotAllowed, readBody } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { parseInput } from '$lib/server/errors';
import { deleteArticle, updateArticle } from '$lib/server/kb/service';
import { STAFF_ROLES } from '$lib/types/user';
import type { RequestHandler } from './$types';

/** One article as the caller may read it (internal articles and drafts: staff only, else 404). */
export const GET: RequestHandler = apiRoute(async (event) => {
	const viewer = event.locals.user;
	const { db } = await app();
	const article = await articleFor(db.sql, viewer, event.params.article);
	return json(apiArticle(article, viewer));
});

/** Change title, text, address, language, area or visibility; `version` guards the write. */
export const PATCH: RequestHandler = apiRoute(async (event) => {
	const user = requireRole(event, ...STAFF_ROLES);
	const body = await readBody(event.request, articleBodies.ArticleChanges);
	const { db } = await app();
	const article = await articleFor(db.sql, user, event.params.article);
	return json(apiArticle(await updateArticle(db, user, article.id, body), user));
});

/** Delete; `?version=` (required) guards against deleting what someone just changed. */
export const DELETE: RequestHandler = apiRoute(async (event) => {
	const user = requireRole(event, ...STAFF_ROLES);
	const { version } = parseInput(deleteQuerySchema, queryObject(event.url));
	const { db } = await app();
	const article = await articleFor(db.sql, user, event.params.article);
	await deleteArticle(db, user, article.id, version);
	return new Response(null, { status: 204 });
});

export const fallback: RequestHandler = methodNotAllowed('GET', 'PATCH', 'DELETE');
