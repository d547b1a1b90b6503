import { json } from '@sveltejs/kit';
import { apiArticle, articleBodies, articleFor } from '$lib/server/api/kb';
import { apiRoute, methodNotAllowed, readBody } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { changeArticleStatus } from '$lib/server/kb/service';
import { STAFF_ROLES } from '$lib/types/user';
import type { RequestHandler } from './$types';

/** draft → review → published (leads and admins publish), or back to draft. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireRole(event, ...STAFF_ROLES);
	const body = await readBody(event.request, articleBodies.ArticleStatusChange);
	const { db } = await app();
	const article = await articleFor(db.sql, user, event.params.article);
	return json(apiArticle(await changeArticleStatus(db, user, article.id, body), user));
});

export const fallback: RequestHandler = methodNotAllowed('POST');
