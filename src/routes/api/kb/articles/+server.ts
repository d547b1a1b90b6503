import { json } from '@sveltejs/kit';
import {
	apiArticle,
	articleBodies,
	articleQuerySchema,
	pageSize,
	queryObject
} from '$lib/server/api/kb';
import { apiRoute, methodNotAllowed, readBody } from '$lib/server/api/respond';
import { localeOf } from '$lib/server/api/tickets';
import { app } from '$lib/server/app';
import { isStaff, requireRole } from '$lib/server/auth/guard';
import { forbidden, parseInput } from '$lib/server/errors';
import * as kb from '$lib/server/kb/db';
import { deskScope, readerScope } from '$lib/server/kb/rules';
import { createArticle, searchArticles } from '$lib/server/kb/service';
import { STAFF_ROLES } from '$lib/types/user';
import type { RequestHandler } from './$types';

/** Search or list what the caller may read; anonymous callers get public articles. */
export const GET: RequestHandler = apiRoute(async (event) => {
	const viewer = event.locals.user;
	const q = parseInput(articleQuerySchema, queryObject(event.url));
	if (q.status && !isStaff(viewer)) throw forbidden();
	const { db } = await app();
	const locale = localeOf(event);
	// Staff asking for a status see that status (drafts included); everyone else what readers see.
	const scope = q.status ? deskScope : readerScope(viewer);
	const limit = pageSize(q);
	if (q.q !== undefined && q.q.trim() !== '') {
		const found = await searchArticles(
			db,
			viewer,
			locale,
			{
				query: q.q,
				source: 'api',
				categoryId: q.category,
				language: q.language,
				status: q.status,
				limit,
				offset: q.offset
			},
			scope
		);
		return json({ data: found.articles, total: found.total, corrected: found.corrected });
	}
	const listed = await kb.listArticles(
		db.sql,
		{
			scope,
			categoryId: q.category,
			language: q.language,
			statuses: q.status ? [q.status] : undefined,
			sort: q.status ? 'updated' : 'popular',
			limit,
			offset: q.offset
		},
		locale
	);
	return json({ data: listed.articles, total: listed.total, corrected: null });
});

/** Write a new article (a draft) as the signed-in agent, lead or admin. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireRole(event, ...STAFF_ROLES);
	const body = await readBody(event.request, articleBodies.NewArticle);
	const { db } = await app();
	const article = await createArticle(db, user, body);
	return json(apiArticle(article, user), {
		status: 201,
		headers: { location: `/api/kb/articles/${article.id}` }
	});
});

export const fallback: RequestHandler = methodNotAllowed('GET', 'POST');
