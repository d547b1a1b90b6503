import { app } from '$lib/server/app';
import { isStaff } from '$lib/server/auth/guard';
import * as kb from '$lib/server/kb/db';
import { readerScope } from '$lib/server/kb/rules';
import { searchArticles } from '$lib/server/kb/service';
import { listCategories } from '$lib/server/tickets/db';
import { getLocale } from '$lib/paraglide/runtime';
import { KB_LANGUAGES, type KbLanguage } from '$lib/types/kb';
import type { PageServerLoad } from './$types';

/** Articles per page of search results and of an area's list. */
const PAGE = 20;

const pick = (raw: string | null) =>
	KB_LANGUAGES.includes(raw as KbLanguage) ? (raw as KbLanguage) : undefined;

/**
 * The knowledge base for everyone: search (`?q=`, server-rendered, so it works without
 * JavaScript), one area's articles (`?category=`), or every area with its most useful articles.
 * Requesters and anonymous readers see published public articles; staff also internal ones.
 */
export const load: PageServerLoad = async (event) => {
	const viewer = event.locals.user;
	const params = event.url.searchParams;
	const { db } = await app();
	const locale = getLocale();
	const scope = readerScope(viewer);
	const categories = await listCategories(db.sql, locale);
	const wanted = Number(params.get('category'));
	const category = categories.find((c) => c.id === wanted) ?? null;
	const language = pick(params.get('lang'));
	const pageNumber = Math.min(Math.max(1, Math.floor(Number(params.get('page')) || 1)), 500);
	const q = params.get('q') ?? '';
	const base = {
		q,
		category,
		language,
		categories,
		staff: isStaff(viewer),
		signedIn: viewer !== null,
		pageNumber,
		pageSize: PAGE
	};
	if (q.trim()) {
		const found = await searchArticles(db, viewer, locale, {
			query: q,
			source: 'kb',
			categoryId: category?.id,
			language,
			limit: PAGE,
			offset: (pageNumber - 1) * PAGE
		});
		return { ...base, view: 'search' as const, ...found, groups: [] };
	}
	if (category) {
		const listed = await kb.listArticles(
			db.sql,
			{
				scope,
				categoryId: category.id,
				language,
				sort: 'popular',
				limit: PAGE,
				offset: (pageNumber - 1) * PAGE
			},
			locale
		);
		return { ...base, view: 'category' as const, ...listed, corrected: null, groups: [] };
	}
	const groups = await kb.articlesByCategory(db.sql, scope, 4, locale, language);
	return {
		...base,
		view: 'browse' as const,
		articles: [],
		total: groups.reduce((n, g) => n + g.total, 0),
		corrected: null,
		groups
	};
};
