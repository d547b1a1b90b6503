import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import * as kb from '$lib/server/kb/db';
import { deskScope } from '$lib/server/kb/rules';
import { searchArticles } from '$lib/server/kb/service';
import { listCategories } from '$lib/server/tickets/db';
import { getLocale } from '$lib/paraglide/runtime';
import { KB_STATUSES, type KbStatus } from '$lib/types/kb';
import { STAFF_ROLES } from '$lib/types/user';
import type { PageServerLoad } from './$types';

/** The desk's article list: every status, internal ones too; the review queue for leads. */
export const load: PageServerLoad = async (event) => {
	const me = requireRole(event, ...STAFF_ROLES);
	const params = event.url.searchParams;
	const { db } = await app();
	const locale = getLocale();
	const status = KB_STATUSES.includes(params.get('status') as KbStatus)
		? (params.get('status') as KbStatus)
		: null;
	const q = (params.get('q') ?? '').slice(0, 200);
	const [counts, categories] = await Promise.all([
		kb.statusCounts(db.sql),
		listCategories(db.sql, locale)
	]);
	const found = q.trim()
		? await searchArticles(
				db,
				me,
				locale,
				{ query: q, source: 'desk', status: status ?? undefined, limit: 50, log: false },
				deskScope
			)
		: {
				...(await kb.listArticles(
					db.sql,
					{ scope: deskScope, statuses: status ? [status] : undefined, sort: 'updated', limit: 50 },
					locale
				)),
				corrected: null
			};
	return {
		me,
		status,
		q,
		counts,
		categories,
		articles: found.articles,
		total: found.total,
		corrected: found.corrected,
		reviewer: me.role === 'lead' || me.role === 'admin'
	};
};
