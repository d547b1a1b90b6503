import { json } from '@sveltejs/kit';
import { articleBodies, articleFor } from '$lib/server/api/kb';
import { apiRoute, methodNotAllowed, readBody } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guard';
import { voteOnArticle } from '$lib/server/kb/service';
import type { RequestHandler } from './$types';

/** "Was this helpful?" — one vote per person; a second replaces the first. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const body = await readBody(event.request, articleBodies.ArticleVote);
	const { db } = await app();
	const article = await articleFor(db.sql, user, event.params.article);
	return json(await voteOnArticle(db, user, article.id, body));
});

export const fallback: RequestHandler = methodNotAllowed('POST');
