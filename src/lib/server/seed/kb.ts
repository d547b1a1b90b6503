// The demo knowledge base, written through the article service (revisions and events included)
// by the demo agents and published by the demo lead, then given weeks' worth of figures.
import type { Database } from '../db/client';
import * as kb from '../kb/db';
import { changeArticleStatus, createArticle } from '../kb/service';
import { slugify } from '../kb/rules';
import * as users from '../users/db';
import { getCategoryByKey } from '../tickets/db';
import { DEMO_ARTICLES, DEMO_SEARCHES } from './kb-articles';
import type { SessionUser } from '$lib/types/user';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Write the demo articles and search log once (nothing happens when articles exist). */
export async function seedDemoArticles(
	db: Database,
	now = new Date()
): Promise<{ articles: number }> {
	if ((await kb.countArticles(db.sql)) > 0) return { articles: 0 };
	const people = new Map<string, SessionUser>();
	const person = async (email: string) => {
		let user = people.get(email);
		if (!user) {
			const record = await users.getUserByEmail(db.sql, email);
			if (!record) throw new Error(`demo user ${email} is missing`);
			user = await users.toSessionUser(db.sql, record);
			people.set(email, user);
		}
		return user;
	};
	const lead = await person('lead@example.com');
	const categories = new Map<string, number>();
	const bySlug = new Map<string, number>();
	for (const demo of DEMO_ARTICLES) {
		let categoryId = categories.get(demo.category);
		if (categoryId === undefined) {
			categoryId = (await getCategoryByKey(db.sql, demo.category)) ?? undefined;
			if (categoryId === undefined) continue; // an admin removed the area
			categories.set(demo.category, categoryId);
		}
		const author = await person(demo.author);
		const written = new Date(now.getTime() - demo.age * DAY);
		const article = await createArticle(
			db,
			author,
			{
				title: demo.title,
				body: demo.body,
				language: demo.language,
				categoryId,
				visibility: demo.visibility
			},
			{ at: written }
		);
		bySlug.set(slugify(demo.title), article.id);
		let version = article.version;
		if (demo.status !== 'draft') {
			const asked = await changeArticleStatus(
				db,
				author,
				article.id,
				{ version, status: 'review' },
				{ at: new Date(written.getTime() + 2 * HOUR) }
			);
			version = asked.version;
		}
		if (demo.status === 'published') {
			await changeArticleStatus(
				db,
				lead,
				article.id,
				{ version, status: 'published' },
				{ at: new Date(written.getTime() + 20 * HOUR) }
			);
			await kb.setFigures(db.sql, article.id, demo);
		}
	}
	// Two weeks of searches: some found an answer (and solved the problem), some found nothing.
	const articleIds = [...bySlug.values()];
	await kb.insertSearches(
		db.sql,
		DEMO_SEARCHES.map((s, i) => ({
			query: s.query,
			source: i % 3 === 0 ? 'kb' : 'portal',
			results: s.results,
			deflected: s.deflected ?? false,
			articleId: s.deflected ? (articleIds[i % articleIds.length] ?? null) : null,
			at: new Date(now.getTime() - ((i * 37) % 13) * DAY - ((i * 5) % 9) * HOUR)
		}))
	);
	return { articles: bySlug.size };
}
