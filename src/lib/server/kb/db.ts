// Knowledge-base queries: articles, revisions, votes and views, search, and the search log.
// Search runs on the generated `search` column (title A, body B, stemmed in the article's own
// language) and the trigram index on titles (sql/0008_kb.sql); see search/db.ts for the rules.
import type { Queryable } from '../db/client';
import { allWords, anyWord, type SearchConfig } from '../search/db';
import { queryWords, snippetParts } from '../search/query';
import type { ArticleScope } from './rules';
import type {
	ArticleRecord,
	ArticleRevision,
	ArticleSummary,
	DeflectionFigures,
	KbLanguage,
	KbStatus,
	KbVisibility
} from '$lib/types/kb';
import type { Locale } from '$lib/types/user';

// ───────────────────────── rows ─────────────────────────

interface ArticleDbRow {
	id: number;
	slug: string;
	title: string;
	body: string;
	language: KbLanguage;
	category_id: number;
	visibility: KbVisibility;
	status: KbStatus;
	version: number;
	author_id: number | null;
	source_ticket_id: number | null;
	created_at: Date;
	updated_at: Date;
	published_at: Date | null;
	views: number;
	helpful: number;
	unhelpful: number;
}

/** The columns services read (never `search`: it is the database's to keep). */
const RECORD_COLUMNS = (sql: Queryable) => sql`
	id, slug, title, body, language, category_id, visibility, status, version, author_id,
	source_ticket_id, created_at, updated_at, published_at, views, helpful, unhelpful`;

/** The article as services work with it; dates stay dates. */
export type Article = Omit<ArticleRecord, 'createdAt' | 'updatedAt' | 'publishedAt'> & {
	createdAt: Date;
	updatedAt: Date;
	publishedAt: Date | null;
};

const toRow = (r: ArticleDbRow): Article => ({
	id: r.id,
	slug: r.slug,
	title: r.title,
	body: r.body,
	language: r.language,
	categoryId: r.category_id,
	visibility: r.visibility,
	status: r.status,
	version: r.version,
	authorId: r.author_id,
	sourceTicketId: r.source_ticket_id,
	createdAt: r.created_at,
	updatedAt: r.updated_at,
	publishedAt: r.published_at,
	views: r.views,
	helpful: r.helpful,
	unhelpful: r.unhelpful
});

/** An article record for pages and the API (ISO dates). */
export const toRecord = (a: Article): ArticleRecord => ({
	...a,
	createdAt: a.createdAt.toISOString(),
	updatedAt: a.updatedAt.toISOString(),
	publishedAt: a.publishedAt?.toISOString() ?? null
});

interface SummaryRow {
	id: number;
	slug: string;
	title: string;
	language: KbLanguage;
	category_id: number;
	category_key: string;
	category_name: string;
	visibility: KbVisibility;
	status: KbStatus;
	excerpt: string;
	updated_at: Date;
	views: number;
	helpful: number;
	unhelpful: number;
}

const toSummary = (r: SummaryRow): ArticleSummary => ({
	id: r.id,
	slug: r.slug,
	title: r.title,
	language: r.language,
	category: { id: r.category_id, key: r.category_key, name: r.category_name },
	visibility: r.visibility,
	status: r.status,
	excerpt: snippetParts(r.excerpt),
	updatedAt: r.updated_at.toISOString(),
	views: r.views,
	helpful: r.helpful,
	unhelpful: r.unhelpful
});

/** The summary columns of `kb_articles a` joined with `categories c`; `excerpt` is separate. */
const SUMMARY_COLUMNS = (sql: Queryable, locale: Locale) => sql`
	a.id, a.slug, a.title, a.language, a.visibility, a.status, a.updated_at, a.views, a.helpful,
	a.unhelpful, c.id as category_id, c.key as category_key,
	${locale === 'de' ? sql`c.name_de` : sql`c.name_en`} as category_name`;

/** The start of the plain text, cut at a word, as the excerpt of a list entry. */
const OPENING = (sql: Queryable) => sql`
	case when length(a.plain) <= 220 then a.plain
		else regexp_replace(left(a.plain, 220), '\\s+\\S*$', '') || ' …' end`;

/** What `scope` may see of `kb_articles a`. */
function inScope(sql: Queryable, scope: ArticleScope) {
	return sql`${scope.unpublished ? sql`true` : sql`a.status = 'published'`}
		and ${scope.internal ? sql`true` : sql`a.visibility = 'public'`}`;
}

// ───────────────────────── one article ─────────────────────────

export interface InsertArticle {
	slug: string;
	title: string;
	body: string;
	plain: string;
	language: KbLanguage;
	categoryId: number;
	visibility: KbVisibility;
	status: KbStatus;
	authorId: number | null;
	sourceTicketId: number | null;
	at: Date;
}

export async function insertArticle(sql: Queryable, a: InsertArticle): Promise<Article> {
	const [row] = await sql<ArticleDbRow[]>`
		insert into kb_articles (slug, title, body, plain, language, category_id, visibility, status,
			author_id, source_ticket_id, created_at, updated_at, published_at)
		values (${a.slug}, ${a.title}, ${a.body}, ${a.plain}, ${a.language}, ${a.categoryId},
			${a.visibility}, ${a.status}, ${a.authorId}, ${a.sourceTicketId}, ${a.at}, ${a.at},
			${a.status === 'published' ? a.at : null})
		returning ${RECORD_COLUMNS(sql)}`;
	return toRow(row);
}

export async function getArticle(sql: Queryable, id: number): Promise<Article | null> {
	const [row] = await sql<ArticleDbRow[]>`
		select ${RECORD_COLUMNS(sql)} from kb_articles where id = ${id}`;
	return row ? toRow(row) : null;
}

export async function getArticleBySlug(sql: Queryable, slug: string): Promise<Article | null> {
	const [row] = await sql<ArticleDbRow[]>`
		select ${RECORD_COLUMNS(sql)} from kb_articles where slug = ${slug}`;
	return row ? toRow(row) : null;
}

/** Read and lock the article for the rest of the transaction: edits of one article queue here. */
export async function lockArticle(sql: Queryable, id: number): Promise<Article | null> {
	const [row] = await sql<ArticleDbRow[]>`
		select ${RECORD_COLUMNS(sql)} from kb_articles where id = ${id} for update`;
	return row ? toRow(row) : null;
}

/** Slugs in use that start like `slug` (to find a free `slug-2`, `slug-3`, …). */
export async function slugsLike(sql: Queryable, slug: string): Promise<Set<string>> {
	const rows = await sql<{ slug: string }[]>`
		select slug from kb_articles where slug = ${slug} or starts_with(slug, ${slug + '-'})`;
	return new Set(rows.map((r) => r.slug));
}

export type ArticlePatch = Partial<
	Pick<
		InsertArticle,
		'slug' | 'title' | 'body' | 'plain' | 'language' | 'categoryId' | 'visibility' | 'status'
	> & { publishedAt: Date | null }
>;

const COLUMNS: Record<keyof ArticlePatch, string> = {
	slug: 'slug',
	title: 'title',
	body: 'body',
	plain: 'plain',
	language: 'language',
	categoryId: 'category_id',
	visibility: 'visibility',
	status: 'status',
	publishedAt: 'published_at'
};

/** Apply `patch` and bump the version; the caller holds the row lock and checked the version. */
export async function updateArticle(
	sql: Queryable,
	id: number,
	patch: ArticlePatch,
	at: Date
): Promise<Article> {
	const values: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(patch)) {
		if (value !== undefined) values[COLUMNS[key as keyof ArticlePatch]] = value;
	}
	values.updated_at = at;
	const [row] = await sql<ArticleDbRow[]>`
		update kb_articles set ${sql(values as never)}, version = version + 1
		where id = ${id} returning ${RECORD_COLUMNS(sql)}`;
	return toRow(row);
}

export async function deleteArticle(sql: Queryable, id: number): Promise<void> {
	await sql`delete from kb_articles where id = ${id}`;
}

export interface InsertRevision {
	articleId: number;
	version: number;
	editorId: number | null;
	title: string;
	body: string;
	language: KbLanguage;
	categoryId: number;
	visibility: KbVisibility;
	status: KbStatus;
	changed: string[];
	note: string | null;
	at: Date;
}

export async function insertRevision(sql: Queryable, r: InsertRevision): Promise<void> {
	await sql`
		insert into kb_article_revisions (article_id, version, editor_id, title, body, language,
			category_id, visibility, status, changed, note, created_at)
		values (${r.articleId}, ${r.version}, ${r.editorId}, ${r.title}, ${r.body}, ${r.language},
			${r.categoryId}, ${r.visibility}, ${r.status}, ${r.changed}::text[], ${r.note}, ${r.at})`;
}

/** The article's history, newest first. */
export async function revisionsOf(sql: Queryable, articleId: number): Promise<ArticleRevision[]> {
	const rows = await sql<
		{
			version: number;
			editor_id: number | null;
			editor_name: string | null;
			title: string;
			status: KbStatus;
			visibility: KbVisibility;
			changed: string[];
			note: string | null;
			created_at: Date;
		}[]
	>`
		select r.version, r.editor_id, u.name as editor_name, r.title, r.status, r.visibility,
			r.changed, r.note, r.created_at
		from kb_article_revisions r left join users u on u.id = r.editor_id
		where r.article_id = ${articleId} order by r.version desc`;
	return rows.map((r) => ({
		version: r.version,
		editor: r.editor_id ? { id: r.editor_id, name: r.editor_name ?? '' } : null,
		title: r.title,
		status: r.status,
		visibility: r.visibility,
		changed: r.changed,
		note: r.note,
		createdAt: r.created_at.toISOString()
	}));
}

/** One saved version's text (the history shows what an article said then). */
export async function revisionText(
	sql: Queryable,
	articleId: number,
	version: number
): Promise<{ title: string; body: string } | null> {
	const [row] = await sql<{ title: string; body: string }[]>`
		select title, body from kb_article_revisions
		where article_id = ${articleId} and version = ${version}`;
	return row ?? null;
}

export async function userName(sql: Queryable, id: number | null): Promise<string | null> {
	if (id === null) return null;
	const [row] = await sql<{ name: string }[]>`select name from users where id = ${id}`;
	return row?.name ?? null;
}

// ───────────────────────── views and votes ─────────────────────────

/** One more reader; no version bump (a view changes nothing anyone edits). */
export async function countView(sql: Queryable, id: number): Promise<void> {
	await sql`update kb_articles set views = views + 1 where id = ${id}`;
}

/** The signed-in user's vote on an article, if any. */
export async function voteOf(sql: Queryable, articleId: number, userId: number) {
	const [row] = await sql<{ helpful: boolean }[]>`
		select helpful from kb_votes where article_id = ${articleId} and user_id = ${userId}`;
	return row ? row.helpful : null;
}

/**
 * Record a vote and move the counters by what changed: a person's second vote replaces the
 * first; an anonymous vote (`userId` null) only counts.
 */
export async function recordVote(
	sql: Queryable,
	articleId: number,
	userId: number | null,
	helpful: boolean
): Promise<{ helpful: number; unhelpful: number }> {
	let previous: boolean | null = null;
	if (userId !== null) {
		const [row] = await sql<{ previous: boolean | null }[]>`
			with old as (
				select helpful from kb_votes where article_id = ${articleId} and user_id = ${userId}
				for update
			), saved as (
				insert into kb_votes (article_id, user_id, helpful) values (${articleId}, ${userId}, ${helpful})
				on conflict (article_id, user_id) do update set helpful = excluded.helpful,
					created_at = now()
			)
			select (select helpful from old) as previous`;
		previous = row.previous;
	}
	const plus = previous === helpful ? 0 : 1;
	const minusHelpful = previous === true && !helpful ? 1 : 0;
	const minusUnhelpful = previous === false && helpful ? 1 : 0;
	const [counts] = await sql<{ helpful: number; unhelpful: number }[]>`
		update kb_articles set
			helpful = helpful + ${helpful ? plus : 0} - ${minusHelpful},
			unhelpful = unhelpful + ${helpful ? 0 : plus} - ${minusUnhelpful}
		where id = ${articleId} returning helpful, unhelpful`;
	return counts;
}

// ───────────────────────── lists ─────────────────────────

export interface ArticleFilter {
	scope: ArticleScope;
	categoryId?: number;
	language?: KbLanguage;
	statuses?: KbStatus[];
	visibility?: KbVisibility;
	/** `popular`: most helpful and most read first; `updated`: latest change first. */
	sort?: 'popular' | 'updated' | 'title';
	limit: number;
	offset?: number;
}

/** Articles without a search, with how many there are in all. */
export async function listArticles(
	sql: Queryable,
	f: ArticleFilter,
	locale: Locale
): Promise<{ articles: ArticleSummary[]; total: number }> {
	const conditions = [inScope(sql, f.scope)];
	if (f.categoryId !== undefined) conditions.push(sql`a.category_id = ${f.categoryId}`);
	if (f.language) conditions.push(sql`a.language = ${f.language}`);
	if (f.statuses?.length) conditions.push(sql`a.status = any(${f.statuses}::text[])`);
	if (f.visibility) conditions.push(sql`a.visibility = ${f.visibility}`);
	const where = conditions.reduce((acc, c) => sql`${acc} and ${c}`);
	const order =
		f.sort === 'updated'
			? sql`a.updated_at desc, a.id desc`
			: f.sort === 'title'
				? sql`lower(a.title), a.id`
				: sql`(a.helpful - a.unhelpful) desc, a.views desc, a.id`;
	const rows = await sql<(SummaryRow & { total: number })[]>`
		select ${SUMMARY_COLUMNS(sql, locale)}, ${OPENING(sql)} as excerpt,
			count(*) over ()::int as total
		from kb_articles a join categories c on c.id = a.category_id
		where ${where}
		order by ${order}
		limit ${f.limit} offset ${f.offset ?? 0}`;
	return { articles: rows.map(toSummary), total: rows[0]?.total ?? 0 };
}

/** Per category: how many articles `scope` may read, and the most useful few of each. */
export async function articlesByCategory(
	sql: Queryable,
	scope: ArticleScope,
	perCategory: number,
	locale: Locale,
	language?: KbLanguage
): Promise<Array<{ category: ArticleSummary['category']; total: number; top: ArticleSummary[] }>> {
	const rows = await sql<(SummaryRow & { total: number })[]>`
		select ${SUMMARY_COLUMNS(sql, locale)}, ${OPENING(sql)} as excerpt, x.total
		from categories c
		cross join lateral (
			select count(*)::int as total from kb_articles a
			where a.category_id = c.id and ${inScope(sql, scope)}
				${language ? sql`and a.language = ${language}` : sql``}
		) x
		cross join lateral (
			select * from kb_articles a
			where a.category_id = c.id and ${inScope(sql, scope)}
				${language ? sql`and a.language = ${language}` : sql``}
			order by (a.helpful - a.unhelpful) desc, a.views desc, a.id
			limit ${perCategory}
		) a
		where c.active
		order by c.sort_order, c.key, (a.helpful - a.unhelpful) desc, a.views desc, a.id`;
	const groups = new Map<
		number,
		{ category: ArticleSummary['category']; total: number; top: ArticleSummary[] }
	>();
	for (const row of rows) {
		const summary = toSummary(row);
		const group = groups.get(summary.category.id) ?? {
			category: summary.category,
			total: row.total,
			top: []
		};
		group.top.push(summary);
		groups.set(summary.category.id, group);
	}
	return [...groups.values()];
}

// ───────────────────────── search ─────────────────────────

export interface ArticleQuery {
	/** A normalised query (search/query.ts). */
	query: string;
	/** `all`: every word (the search box); `any`: any of the words (suggestions while typing). */
	mode: 'all' | 'any';
	scope: ArticleScope;
	categoryId?: number;
	language?: KbLanguage;
	status?: KbStatus;
	/** Rank articles of this category a little higher (suggestions for a ticket's area). */
	preferCategoryId?: number;
	/** Rank articles in this language a little higher (the reader's own). */
	preferLanguage?: KbLanguage;
	excludeId?: number;
	limit: number;
	offset?: number;
}

/** Matches `kb_articles a` for one language's stemmer. */
function languageQuery(sql: Queryable, q: ArticleQuery, config: SearchConfig) {
	return q.mode === 'all'
		? allWords(sql, config, q.query)
		: anyWord(sql, config, queryWords(q.query));
}

/**
 * Ranked articles for `q`: stemmed full-text matches in the article's language first (title
 * above body), then titles that merely look like the query (typos), each with a highlighted
 * snippet of the passage that matched. One index scan per branch, never a table scan.
 */
export async function searchArticles(
	sql: Queryable,
	q: ArticleQuery,
	locale: Locale
): Promise<{ articles: ArticleSummary[]; total: number; matched: number }> {
	const de = languageQuery(sql, q, 'german');
	const en = languageQuery(sql, q, 'english');
	const fts = sql`((a.language = 'de' and a.search @@ ${de}) or (a.language = 'en' and a.search @@ ${en}))`;
	const conditions = [inScope(sql, q.scope), sql`(${fts} or ${q.query} <% a.title)`];
	if (q.categoryId !== undefined) conditions.push(sql`a.category_id = ${q.categoryId}`);
	if (q.language) conditions.push(sql`a.language = ${q.language}`);
	if (q.status) conditions.push(sql`a.status = ${q.status}`);
	if (q.excludeId !== undefined) conditions.push(sql`a.id <> ${q.excludeId}`);
	const where = conditions.reduce((acc, c) => sql`${acc} and ${c}`);
	const tsquery = sql`case a.language when 'de' then ${de} else ${en} end`;
	const rows = await sql<(SummaryRow & { total: number; matched_total: number })[]>`
		with hits as (
			select id, matched, score, votes,
				count(*) filter (where matched) over ()::int as matched_total,
				count(*) over ()::int as total
			from (
				select a.id, ${fts} as matched,
					case when ${fts} then ts_rank(a.search, ${tsquery}, 1)
						else 0.1 * word_similarity(${q.query}, a.title) end
						${q.preferCategoryId !== undefined ? sql`+ case when a.category_id = ${q.preferCategoryId} then 0.02 else 0 end` : sql``}
						${q.preferLanguage ? sql`+ case when a.language = ${q.preferLanguage} then 0.01 else 0 end` : sql``}
						as score,
					a.helpful - a.unhelpful as votes
				from kb_articles a
				where ${where}
				offset 0
			) m
			order by matched desc, score desc, votes desc, id
			limit ${q.limit} offset ${q.offset ?? 0}
		)
		select ${SUMMARY_COLUMNS(sql, locale)}, h.total, h.matched_total,
			case when h.matched then ts_headline(
				case a.language when 'de' then 'german'::regconfig else 'english'::regconfig end,
				a.plain, ${tsquery},
				'StartSel=\u0002, StopSel=\u0003, MaxWords=32, MinWords=14, MaxFragments=2, FragmentDelimiter=" … "')
			else ${OPENING(sql)} end as excerpt
		from hits h join kb_articles a on a.id = h.id join categories c on c.id = a.category_id
		order by h.matched desc, h.score desc, h.votes desc, a.id`;
	return {
		articles: rows.map(toSummary),
		total: rows[0]?.total ?? 0,
		matched: rows[0]?.matched_total ?? 0
	};
}

/** Remember the words an article uses (lower-cased, 3–40 letters), for typo corrections. */
export async function addTerms(sql: Queryable, terms: string[]): Promise<void> {
	if (terms.length === 0) return;
	await sql`
		insert into kb_terms (term) select distinct unnest(${terms}::text[])
		on conflict do nothing`;
}

/**
 * For each query word no article uses, the most similar word one does (trigram similarity at
 * least 0.3, pg_trgm's `%`, served by the trigram index).
 */
export async function corrections(sql: Queryable, words: string[]): Promise<Map<string, string>> {
	const rows = await sql<{ word: string; term: string | null }[]>`
		select w as word, (
			select term from kb_terms where term % w order by similarity(term, w) desc, term limit 1
		) as term
		from unnest(${words}::text[]) w
		where length(w) between 3 and 40 and not exists (select 1 from kb_terms where term = w)`;
	return new Map(rows.filter((r) => r.term !== null).map((r) => [r.word, r.term!]));
}

// ───────────────────────── the search log ─────────────────────────

export interface LoggedSearch {
	query: string;
	source: 'kb' | 'portal' | 'desk' | 'api';
	results: number;
	userId: number | null;
	/** The page's search session: its growing query updates one row instead of adding many. */
	sessionKey: string | null;
}

/** Log a search; a session's query that grows or shrinks updates the session's last row. */
export async function logSearch(sql: Queryable, s: LoggedSearch): Promise<number> {
	if (s.sessionKey) {
		const [row] = await sql<{ id: number }[]>`
			update kb_searches set query = ${s.query}, results = ${s.results}, updated_at = now()
			where id = (
				select id from kb_searches
				where session_key = ${s.sessionKey} and user_id is not distinct from ${s.userId}
					and source = ${s.source} and not deflected
					and updated_at > now() - interval '30 minutes'
					and (starts_with(lower(${s.query}), lower(query))
						or starts_with(lower(query), lower(${s.query})))
				order by id desc limit 1)
			returning id`;
		if (row) return row.id;
	}
	const [row] = await sql<{ id: number }[]>`
		insert into kb_searches (query, source, results, user_id, session_key)
		values (${s.query}, ${s.source}, ${s.results}, ${s.userId}, ${s.sessionKey})
		returning id`;
	return row.id;
}

/**
 * "This solved my problem": mark the session's last portal search as deflected by `articleId`,
 * or log one (the requester came straight to the article).
 */
export async function recordDeflection(
	sql: Queryable,
	d: { articleId: number; userId: number | null; sessionKey: string | null; query: string }
): Promise<void> {
	if (d.sessionKey) {
		const [row] = await sql<{ id: number }[]>`
			update kb_searches set deflected = true, article_id = ${d.articleId}, updated_at = now()
			where id = (
				select id from kb_searches
				where session_key = ${d.sessionKey} and user_id is not distinct from ${d.userId}
					and source = 'portal' and not deflected
				order by id desc limit 1)
			returning id`;
		if (row) return;
	}
	await sql`
		insert into kb_searches (query, source, results, deflected, article_id, user_id, session_key)
		values (${d.query}, 'portal', 1, true, ${d.articleId}, ${d.userId}, ${d.sessionKey})`;
}

/** Deflection and the searches that found nothing since `since` (indexed by time). */
export async function deflectionFigures(
	sql: Queryable,
	since: Date,
	days: number,
	misses: number
): Promise<DeflectionFigures> {
	const [[counts], top] = await Promise.all([
		sql<{ deflected: number; tickets: number; searches: number }[]>`
			select
				(select count(*)::int from kb_searches where deflected and created_at >= ${since})
					as deflected,
				(select count(*)::int from tickets t join users u on u.id = t.requester_id
					where t.created_at >= ${since} and u.role = 'requester') as tickets,
				(select count(*)::int from kb_searches where created_at >= ${since}) as searches`,
		sql<{ query: string; count: number }[]>`
			select lower(query) as query, count(*)::int as count from kb_searches
			where results = 0 and created_at >= ${since}
			group by lower(query) order by count(*) desc, max(created_at) desc limit ${misses}`
	]);
	const asked = counts.deflected + counts.tickets;
	return {
		days,
		deflected: counts.deflected,
		tickets: counts.tickets,
		rate: asked === 0 ? null : Math.round((counts.deflected / asked) * 1000) / 10,
		searches: counts.searches,
		misses: top
	};
}

// ───────────────────────── from a ticket ─────────────────────────

/** A resolved ticket's title, category and public conversation: what an article starts from. */
export async function ticketForArticle(
	sql: Queryable,
	ticketId: number
): Promise<{
	id: number;
	title: string;
	body: string;
	categoryId: number;
	status: string;
	requesterLocale: Locale | null;
	replies: Array<{ body: string; fromStaff: boolean }>;
} | null> {
	const [ticket] = await sql<
		{
			id: number;
			title: string;
			body: string;
			category_id: number;
			status: string;
			locale: Locale | null;
		}[]
	>`
		select t.id, t.title, t.body, t.category_id, t.status, u.locale
		from tickets t join users u on u.id = t.requester_id where t.id = ${ticketId}`;
	if (!ticket) return null;
	// Public replies only: internal notes never reach an article, not even as a draft.
	const replies = await sql<{ body: string; from_staff: boolean }[]>`
		select c.body, coalesce(u.role <> 'requester', false) as from_staff
		from ticket_comments c left join users u on u.id = c.author_id
		where c.ticket_id = ${ticketId} and not c.internal
		order by c.id`;
	return {
		id: ticket.id,
		title: ticket.title,
		body: ticket.body,
		categoryId: ticket.category_id,
		status: ticket.status,
		requesterLocale: ticket.locale,
		replies: replies.map((r) => ({ body: r.body, fromStaff: r.from_staff }))
	};
}

/** Is this an active category (articles file under the ticket areas)? */
export async function categoryExists(sql: Queryable, id: number): Promise<boolean> {
	const rows = await sql`select 1 from categories where id = ${id} and active`;
	return rows.length > 0;
}

// ───────────────────────── demo data ─────────────────────────

export async function countArticles(sql: Queryable): Promise<number> {
	const [row] = await sql<{ n: number }[]>`select count(*)::int as n from kb_articles`;
	return row.n;
}

/** Demo figures: as if people had read and voted for weeks (anonymous votes only count). */
export async function setFigures(
	sql: Queryable,
	id: number,
	f: { views: number; helpful: number; unhelpful: number }
): Promise<void> {
	await sql`
		update kb_articles set views = ${f.views}, helpful = ${f.helpful}, unhelpful = ${f.unhelpful}
		where id = ${id}`;
}

/** Demo search log rows, back-dated. */
export async function insertSearches(
	sql: Queryable,
	rows: Array<{
		query: string;
		source: LoggedSearch['source'];
		results: number;
		deflected: boolean;
		articleId: number | null;
		at: Date;
	}>
): Promise<void> {
	if (rows.length === 0) return;
	await sql`
		insert into kb_searches ${sql(
			rows.map((r) => ({
				query: r.query,
				source: r.source,
				results: r.results,
				deflected: r.deflected,
				article_id: r.articleId,
				created_at: r.at,
				updated_at: r.at
			}))
		)}`;
}

/** How many articles there are per status (the desk's tabs). */
export async function statusCounts(sql: Queryable): Promise<Record<KbStatus, number>> {
	const rows = await sql<{ status: KbStatus; n: number }[]>`
		select status, count(*)::int as n from kb_articles group by status`;
	const counts: Record<KbStatus, number> = { draft: 0, review: 0, published: 0 };
	for (const row of rows) counts[row.status] = row.n;
	return counts;
}
