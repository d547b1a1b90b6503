import { json } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { searchArticles } from '$lib/server/kb/service';
import { getLocale } from '$lib/paraglide/runtime';
import { KB_LANGUAGES, type KbLanguage } from '$lib/types/kb';
import type { RequestHandler } from './$types';

/**
 * Search as you type on /kb: the same search as the page, as JSON. `s` is the page's search
 * session, so a growing query updates one line of the search log instead of adding one per key.
 */
export const GET: RequestHandler = async (event) => {
	const params = event.url.searchParams;
	const { db } = await app();
	const category = Number(params.get('category'));
	const language = params.get('lang');
	const found = await searchArticles(db, event.locals.user, getLocale(), {
		query: params.get('q') ?? '',
		source: 'kb',
		categoryId:
			Number.isInteger(category) && category > 0 && category < 2 ** 31 ? category : undefined,
		language: KB_LANGUAGES.includes(language as KbLanguage) ? (language as KbLanguage) : undefined,
		limit: 20,
		sessionKey: params.get('s')
	});
	return json(found, { headers: { 'cache-control': 'no-store' } });
};
