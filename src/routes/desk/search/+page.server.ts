import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { deskScope } from '$lib/server/kb/rules';
import { searchArticles } from '$lib/server/kb/service';
import { withWordPlans } from '$lib/server/search/db';
import { listTickets } from '$lib/server/tickets/db';
import { getLocale } from '$lib/paraglide/runtime';
import { STAFF_ROLES } from '$lib/types/user';
import type { PageServerLoad } from './$types';

/**
 * One box for tickets and articles: tickets by number or words (every status, internal notes
 * included, best match first) and articles of every status and visibility.
 */
export const load: PageServerLoad = async (event) => {
	const me = requireRole(event, ...STAFF_ROLES);
	const q = (event.url.searchParams.get('q') ?? '').slice(0, 200);
	if (!q.trim()) return { q, tickets: [], articles: [], articleTotal: 0, corrected: null };
	const { db } = await app();
	const locale = getLocale();
	const [tickets, found] = await Promise.all([
		withWordPlans(db.sql, (tx) =>
			listTickets(tx, { search: q, searchInternal: true, sort: 'relevance', limit: 20 }, locale)
		),
		searchArticles(db, me, locale, { query: q, source: 'desk', limit: 10, log: false }, deskScope)
	]);
	return {
		q,
		tickets,
		articles: found.articles,
		articleTotal: found.total,
		corrected: found.corrected
	};
};
