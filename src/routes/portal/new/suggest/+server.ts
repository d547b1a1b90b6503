import { json } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guard';
import { searchArticles } from '$lib/server/kb/service';
import { getLocale } from '$lib/paraglide/runtime';
import type { RequestHandler } from './$types';

/**
 * What may already answer the ticket being written: `GET ?q=<title and description>&category=
 * <id>&s=<form session>` → `{ articles }`. Published public articles only (staff filing a
 * ticket see internal ones too), any of the words, the chosen area first. The form session
 * keeps one search-log line per form, so deflection and "found nothing" are counted per form.
 */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const params = event.url.searchParams;
	const category = Number(params.get('category'));
	const { db } = await app();
	const { articles } = await searchArticles(db, user, getLocale(), {
		query: params.get('q') ?? '',
		source: 'portal',
		mode: 'any',
		preferCategoryId:
			Number.isInteger(category) && category > 0 && category < 2 ** 31 ? category : undefined,
		limit: 4,
		sessionKey: params.get('s')
	});
	return json({ articles }, { headers: { 'cache-control': 'no-store' } });
};
