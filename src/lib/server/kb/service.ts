// Knowledge-base writes: articles through draft → review → published with a revision per change
// and an event per change (in the same transaction), votes, views, the search log and
// deflection. Reads that the search log must follow (searching) are orchestrated here too.
import { z } from 'zod';
import type { Database, Queryable, TxContext } from '../db/client';
import { DomainError, forbidden, notFound as missing, parseInput } from '../errors';
import { appendEvent } from '../events/writer';
import { isStaff } from '../auth/roles';
import { correctQuery, isSearchable, letterWords, normaliseQuery } from '../search/query';
import { withWordPlans } from '../search/db';
import { dbId, multiLine, singleLine } from '../validation/fields';
import * as kb from './db';
import { markdownToText } from './markdown';
import {
	canDelete,
	canEdit,
	canRead,
	readerScope,
	SLUG_PATTERN,
	slugify,
	transitionRefusal,
	type ArticleScope
} from './rules';
import { m } from '$lib/paraglide/messages';
import type { EventPayloads, EventType } from '$lib/realtime/catalogue';
import {
	KB_LANGUAGES,
	KB_STATUSES,
	KB_VISIBILITIES,
	type ArticleSummary,
	type DeflectionFigures,
	type KbLanguage,
	type KbStatus
} from '$lib/types/kb';
import type { Locale, SessionUser } from '$lib/types/user';

const notFound = () => missing(m.kb_error_not_found());
const conflict = (version: number, now: number) =>
	new DomainError(409, 'conflict', m.kb_error_conflict({ version, now }));
const refused = (code: string, message: string, fields?: Record<string, string>) =>
	new DomainError(422, code, message, fields);

// ───────────────────────── input ─────────────────────────
// The same rules for the desk editor and the API (which documents them: api/kb.ts).

export const TITLE_MAX = 200;
export const BODY_MAX = 50_000;

const title = singleLine(TITLE_MAX, m.kb_field_title).meta({
	description: 'One line: no line breaks or control characters.'
});
const body = multiLine(BODY_MAX, m.kb_field_body).meta({
	description: 'Markdown. Raw HTML is shown as text; only http(s), mailto and relative links.'
});
const language = z.enum(KB_LANGUAGES, { error: m.kb_error_language }).meta({
	description: 'The article’s language: it is searched with this language’s stemming.'
});
const visibility = z.enum(KB_VISIBILITIES, { error: m.kb_error_visibility }).meta({
	description: '`public`: everyone, signed in or not. `internal`: staff only.'
});
const slug = singleLine(120, m.kb_field_slug)
	.toLowerCase()
	.refine((v) => SLUG_PATTERN.test(v), { error: () => m.kb_error_slug() })
	.meta({ description: 'The address /kb/{slug}: lower-case words and hyphens, with a letter.' });
const categoryId = dbId(undefined, { error: m.kb_error_category }).meta({
	description: 'A ticket area (GET /api/categories).'
});
const version = dbId().meta({ description: 'The version you last read; a newer one answers 409.' });
const note = multiLine(2000, m.kb_field_note).meta({
	description: 'Why (e.g. what a reviewer wants changed); kept in the history.'
});

export const createArticleSchema = z.object({
	title,
	body,
	language,
	categoryId,
	visibility: visibility.default('public'),
	slug: slug.optional(),
	fromTicket: dbId(undefined, { error: m.kb_error_ticket })
		.meta({ description: 'The resolved ticket the article was written from.' })
		.optional()
});
export type CreateArticleInput = z.input<typeof createArticleSchema>;

export const updateArticleSchema = z.object({
	version,
	title: title.optional(),
	body: body.optional(),
	language: language.optional(),
	categoryId: categoryId.optional(),
	visibility: visibility.optional(),
	slug: slug.optional(),
	note: note.optional()
});
export type UpdateArticleInput = z.input<typeof updateArticleSchema>;

export const statusSchema = z.object({
	version,
	status: z
		.enum(KB_STATUSES, { error: m.kb_error_status })
		.meta({ description: 'draft → review (anyone) → published (leads and admins).' }),
	note: note.optional()
});
export type StatusInput = z.input<typeof statusSchema>;

export const voteSchema = z.object({
	helpful: z.boolean({ error: m.kb_error_vote }).meta({ description: 'Was the article helpful?' })
});

/** For demo data and tests: perform the operation as of `at` instead of now. */
export interface OpOptions {
	at?: Date;
}

// ───────────────────────── internals ─────────────────────────

type Article = kb.Article;

const isPublic = (a: Pick<Article, 'visibility' | 'status'>) =>
	a.visibility === 'public' && a.status === 'published';

async function emit<T extends EventType>(
	tx: TxContext,
	actor: SessionUser | null,
	article: Pick<Article, 'id'>,
	type: T,
	audience: 'agents' | 'public',
	payload: EventPayloads[T],
	at: Date
) {
	await appendEvent(tx, {
		type,
		topic: `kb:${article.id}`,
		audience,
		actorId: actor?.id ?? null,
		payload,
		at
	});
}

/** Tell everyone what they may know: a public article appeared, changed, or went away. */
async function emitPublicChange(
	tx: TxContext,
	actor: SessionUser,
	before: Article,
	after: Article | null,
	at: Date
) {
	if (after && isPublic(after)) {
		await emit(
			tx,
			actor,
			after,
			'kb.article_published',
			'public',
			{
				articleId: after.id,
				slug: after.slug,
				title: after.title,
				language: after.language,
				categoryId: after.categoryId
			},
			at
		);
	} else if (isPublic(before)) {
		await emit(
			tx,
			actor,
			before,
			'kb.article_withdrawn',
			'public',
			{ articleId: before.id, slug: before.slug },
			at
		);
	}
}

const ref = (a: Article) => ({ articleId: a.id, slug: a.slug, title: a.title });

function requireStaff(actor: SessionUser) {
	if (!isStaff(actor)) throw forbidden(m.kb_error_staff_only());
}

async function requireCategory(sql: Queryable, id: number) {
	if (!(await kb.categoryExists(sql, id))) {
		throw refused('invalid', m.kb_error_category_unknown(), {
			categoryId: m.kb_error_category_unknown()
		});
	}
}

/** `wanted` if free, else the first free `wanted-2`, `wanted-3`, … */
async function freeSlug(sql: Queryable, wanted: string, own?: number): Promise<string> {
	const taken = await kb.slugsLike(sql, wanted);
	if (own !== undefined) {
		const mine = await kb.getArticle(sql, own);
		if (mine) taken.delete(mine.slug);
	}
	if (!taken.has(wanted)) return wanted;
	for (let n = 2; ; n++) {
		const candidate = `${wanted.slice(0, 110)}-${n}`;
		if (!taken.has(candidate)) return candidate;
	}
}

/** An explicitly chosen slug must be free: a silent `-2` would change the address they typed. */
async function requireFreeSlug(sql: Queryable, wanted: string, own?: number) {
	const other = await kb.getArticleBySlug(sql, wanted);
	if (other && other.id !== own) {
		throw new DomainError(409, 'conflict', m.kb_error_slug_taken(), {
			slug: m.kb_error_slug_taken()
		});
	}
}

async function lock(tx: TxContext, actor: SessionUser, id: number, version?: number) {
	const article = await kb.lockArticle(tx.sql, id);
	if (!article || !canRead(actor, article)) throw notFound();
	if (version !== undefined && version !== article.version) {
		throw conflict(version, article.version);
	}
	return article;
}

async function saveRevision(
	tx: TxContext,
	actor: SessionUser | null,
	a: Article,
	changed: string[],
	note: string | null,
	at: Date
) {
	await kb.insertRevision(tx.sql, {
		articleId: a.id,
		version: a.version,
		editorId: actor?.id ?? null,
		title: a.title,
		body: a.body,
		language: a.language,
		categoryId: a.categoryId,
		visibility: a.visibility,
		status: a.status,
		changed,
		note,
		at
	});
}

// ───────────────────────── articles ─────────────────────────

/** Write a new article as a draft (staff). */
export async function createArticle(
	db: Database,
	actor: SessionUser,
	input: CreateArticleInput,
	options: OpOptions = {}
): Promise<Article> {
	requireStaff(actor);
	const data = parseInput(createArticleSchema, input);
	const at = options.at ?? new Date();
	return db.transaction(async (tx) => {
		await requireCategory(tx.sql, data.categoryId);
		if (data.fromTicket !== undefined && !(await kb.ticketForArticle(tx.sql, data.fromTicket))) {
			throw refused('invalid', m.kb_error_ticket(), { fromTicket: m.kb_error_ticket() });
		}
		if (data.slug) await requireFreeSlug(tx.sql, data.slug);
		const article = await kb.insertArticle(tx.sql, {
			slug: data.slug ?? (await freeSlug(tx.sql, slugify(data.title))),
			title: data.title,
			body: data.body,
			plain: markdownToText(data.body),
			language: data.language,
			categoryId: data.categoryId,
			visibility: data.visibility,
			status: 'draft',
			authorId: actor.id,
			sourceTicketId: data.fromTicket ?? null,
			at
		});
		await saveRevision(tx, actor, article, ['created'], null, at);
		await kb.addTerms(tx.sql, letterWords(`${article.title}\n${article.body}`));
		await emit(
			tx,
			actor,
			article,
			'kb.article_created',
			'agents',
			{
				...ref(article),
				status: article.status,
				visibility: article.visibility,
				language: article.language,
				categoryId: article.categoryId,
				fromTicket: article.sourceTicketId
			},
			at
		);
		return article;
	});
}

/** Change text or fields; the version the editor saw guards against overwriting others. */
export async function updateArticle(
	db: Database,
	actor: SessionUser,
	id: number,
	input: UpdateArticleInput,
	options: OpOptions = {}
): Promise<Article> {
	requireStaff(actor);
	const data = parseInput(updateArticleSchema, input);
	const at = options.at ?? new Date();
	return db.transaction(async (tx) => {
		const before = await lock(tx, actor, id, data.version);
		if (!canEdit(actor, before.status)) throw forbidden(m.kb_error_published_edit());
		const patch: kb.ArticlePatch = {};
		if (data.title !== undefined && data.title !== before.title) patch.title = data.title;
		if (data.body !== undefined && data.body !== before.body) {
			patch.body = data.body;
			patch.plain = markdownToText(data.body);
		}
		if (data.language !== undefined && data.language !== before.language) {
			patch.language = data.language;
		}
		if (data.categoryId !== undefined && data.categoryId !== before.categoryId) {
			await requireCategory(tx.sql, data.categoryId);
			patch.categoryId = data.categoryId;
		}
		if (data.visibility !== undefined && data.visibility !== before.visibility) {
			patch.visibility = data.visibility;
		}
		if (data.slug !== undefined && data.slug !== before.slug) {
			await requireFreeSlug(tx.sql, data.slug, before.id);
			patch.slug = data.slug;
		}
		const changed = Object.keys(patch).filter((k) => k !== 'plain');
		if (changed.length === 0) return before;
		const after = await kb.updateArticle(tx.sql, before.id, patch, at);
		await saveRevision(tx, actor, after, changed, data.note ?? null, at);
		if (patch.title || patch.body) {
			await kb.addTerms(tx.sql, letterWords(`${after.title}\n${after.body}`));
		}
		await emit(
			tx,
			actor,
			after,
			'kb.article_revised',
			'agents',
			{ ...ref(after), version: after.version, changed },
			at
		);
		await emitPublicChange(tx, actor, before, after, at);
		return after;
	});
}

/** Move an article: draft → review → published, back to draft; leads and admins publish. */
export async function changeArticleStatus(
	db: Database,
	actor: SessionUser,
	id: number,
	input: StatusInput,
	options: OpOptions = {}
): Promise<Article> {
	requireStaff(actor);
	const data = parseInput(statusSchema, input);
	const at = options.at ?? new Date();
	return db.transaction(async (tx) => {
		const before = await lock(tx, actor, id, data.version);
		const refusal = transitionRefusal(actor, before.status, data.status);
		if (refusal === 'reviewer') throw forbidden(m.kb_error_reviewers_only());
		if (refusal === 'staff') throw forbidden(m.kb_error_staff_only());
		if (refusal === 'same') {
			throw refused('invalid_transition', m.kb_error_same_status(), {
				status: m.kb_error_same_status()
			});
		}
		const after = await kb.updateArticle(
			tx.sql,
			before.id,
			{ status: data.status, ...(data.status === 'published' ? { publishedAt: at } : {}) },
			at
		);
		await saveRevision(tx, actor, after, ['status'], data.note ?? null, at);
		await emit(
			tx,
			actor,
			after,
			'kb.article_status_changed',
			'agents',
			{
				...ref(after),
				from: before.status,
				to: after.status,
				...(data.note ? { note: data.note } : {})
			},
			at
		);
		await emitPublicChange(tx, actor, before, after, at);
		return after;
	});
}

/** Remove an article and its history (reviewers; authors their own unpublished drafts). */
export async function deleteArticle(
	db: Database,
	actor: SessionUser,
	id: number,
	version?: number
): Promise<void> {
	requireStaff(actor);
	const at = new Date();
	await db.transaction(async (tx) => {
		const article = await lock(tx, actor, id, version);
		if (!canDelete(actor, article)) throw forbidden(m.kb_error_delete());
		await kb.deleteArticle(tx.sql, article.id);
		await emit(tx, actor, article, 'kb.article_deleted', 'agents', ref(article), at);
		await emitPublicChange(tx, actor, article, null, at);
	});
}

// ───────────────────────── readers ─────────────────────────

/** The article `viewer` may read under `slug`, or null (an internal one is simply not there). */
export async function readableArticle(
	sql: Queryable,
	viewer: SessionUser | null,
	slug: string
): Promise<Article | null> {
	if (!SLUG_PATTERN.test(slug) || slug.length > 120) return null;
	const article = await kb.getArticleBySlug(sql, slug);
	if (!article) return null;
	if (!isStaff(viewer) && !isPublic(article)) return null;
	return article;
}

/** Count a reader (staff previews and unpublished articles do not count). */
export async function recordView(
	db: Database,
	viewer: SessionUser | null,
	article: Article
): Promise<void> {
	if (isStaff(viewer) || article.status !== 'published') return;
	await kb.countView(db.sql, article.id);
}

/** "Was this helpful?" on a published article the voter may read. */
export async function voteOnArticle(
	db: Database,
	voter: SessionUser | null,
	id: number,
	input: z.input<typeof voteSchema>
): Promise<{ helpful: number; unhelpful: number }> {
	const { helpful } = parseInput(voteSchema, input);
	return db.transaction(async (tx) => {
		const article = await kb.lockArticle(tx.sql, id);
		if (!article || article.status !== 'published' || !canRead(voter, article)) throw notFound();
		return kb.recordVote(tx.sql, article.id, voter?.id ?? null, helpful);
	});
}

export interface SearchRequest {
	query: unknown;
	source: kb.LoggedSearch['source'];
	mode?: 'all' | 'any';
	categoryId?: number;
	language?: KbLanguage;
	/** Only this status (the desk's and the API's staff filters). */
	status?: KbStatus;
	preferCategoryId?: number;
	limit: number;
	offset?: number;
	/** The page's search session (live typing updates one log row), if it has one. */
	sessionKey?: string | null;
	/** Log the search (searches that found nothing, deflection); off for related lists. */
	log?: boolean;
}

const SESSION_KEY = /^[A-Za-z0-9_-]{8,64}$/;

export interface SearchResult {
	query: string;
	/** The query with typos corrected, when the results are for it instead. */
	corrected: string | null;
	articles: ArticleSummary[];
	total: number;
}

/**
 * Search what `viewer` may read (requesters and anonymous readers: published public articles
 * only) and log the search for the "found nothing" list. When nothing matches as typed, words
 * no article uses are corrected to the nearest word one does, and that is searched instead. A
 * query without letters or digits finds nothing and is not logged.
 */
export async function searchArticles(
	db: Database,
	viewer: SessionUser | null,
	locale: Locale,
	request: SearchRequest,
	scope: ArticleScope = readerScope(viewer)
): Promise<SearchResult> {
	const query = normaliseQuery(request.query);
	if (!isSearchable(query)) return { query, corrected: null, articles: [], total: 0 };
	if (!isStaff(viewer) && (scope.internal || scope.unpublished)) throw forbidden();
	const run = (text: string) =>
		withWordPlans(db.sql, (tx) =>
			kb.searchArticles(
				tx,
				{
					query: text,
					mode: request.mode ?? 'all',
					scope,
					categoryId: request.categoryId,
					language: request.language,
					status: request.status,
					preferCategoryId: request.preferCategoryId,
					preferLanguage: locale,
					limit: request.limit,
					offset: request.offset
				},
				locale
			)
		);
	let found = await run(query);
	let corrected: string | null = null;
	if (found.matched === 0) {
		const fixes = await kb.corrections(db.sql, letterWords(query, 24));
		const fixed = fixes.size > 0 ? correctQuery(query, fixes) : query;
		if (fixed !== query) {
			const second = await run(fixed);
			if (second.matched > 0) {
				found = second;
				corrected = fixed;
			}
		}
	}
	const { articles, total } = found;
	if (request.log !== false && !request.offset) {
		const sessionKey =
			typeof request.sessionKey === 'string' && SESSION_KEY.test(request.sessionKey)
				? request.sessionKey
				: null;
		await kb.logSearch(db.sql, {
			query,
			source: request.source,
			results: total,
			userId: viewer?.id ?? null,
			sessionKey
		});
	}
	return { query, corrected, articles, total };
}

/** Articles like this one for its readers: its area's articles sharing words of its title. */
export async function relatedArticles(
	sql: Queryable,
	viewer: SessionUser | null,
	article: Article,
	locale: Locale,
	limit = 4
): Promise<ArticleSummary[]> {
	const scope = readerScope(viewer);
	const { articles } = await kb.searchArticles(
		sql,
		{
			query: normaliseQuery(article.title),
			mode: 'any',
			scope,
			categoryId: article.categoryId,
			preferLanguage: article.language,
			excludeId: article.id,
			limit
		},
		locale
	);
	if (articles.length >= limit) return articles;
	// Fill up with the most useful articles of the same area.
	const more = await kb.listArticles(
		sql,
		{ scope, categoryId: article.categoryId, sort: 'popular', limit: limit + articles.length + 1 },
		locale
	);
	const seen = new Set([article.id, ...articles.map((a) => a.id)]);
	return [...articles, ...more.articles.filter((a) => !seen.has(a.id))].slice(0, limit);
}

/**
 * "This solved my problem" on the new-ticket form: the requester leaves without a ticket. Counts
 * as a deflection (and as a helpful vote from them).
 */
export async function recordDeflection(
	db: Database,
	requester: SessionUser,
	input: { articleId: unknown; sessionKey?: unknown; query?: unknown }
): Promise<Article> {
	const articleId = parseInput(
		z.object({ articleId: dbId(undefined, { fromForm: true, error: m.kb_error_not_found }) }),
		{ articleId: input.articleId }
	).articleId;
	const sessionKey =
		typeof input.sessionKey === 'string' && SESSION_KEY.test(input.sessionKey)
			? input.sessionKey
			: null;
	return db.transaction(async (tx) => {
		const article = await kb.lockArticle(tx.sql, articleId);
		if (!article || article.status !== 'published' || !canRead(requester, article)) {
			throw notFound();
		}
		const query = normaliseQuery(input.query) || normaliseQuery(article.title);
		await kb.recordDeflection(tx.sql, {
			articleId: article.id,
			userId: requester.id,
			sessionKey,
			query
		});
		await kb.recordVote(tx.sql, article.id, requester.id, true);
		return article;
	});
}

// ───────────────────────── from a ticket ─────────────────────────

export interface ArticleDraft {
	title: string;
	body: string;
	categoryId: number;
	language: KbLanguage;
	fromTicket: number;
}

const HEADINGS: Record<KbLanguage, { problem: string; solution: string }> = {
	de: { problem: 'Problem', solution: 'Lösung' },
	en: { problem: 'Problem', solution: 'Solution' }
};

/**
 * A new article's first text from a resolved ticket: its title, the problem (the description and
 * the requester's public replies) and the solution (the agents' public replies). Internal notes
 * are never read. Null when the ticket does not exist or is not resolved (or closed).
 */
export async function draftFromTicket(
	sql: Queryable,
	viewer: SessionUser,
	ticketId: number,
	locale: Locale
): Promise<ArticleDraft | null> {
	if (!isStaff(viewer)) return null;
	const ticket = await kb.ticketForArticle(sql, ticketId);
	if (!ticket || !['resolved', 'closed'].includes(ticket.status)) return null;
	const language: KbLanguage = ticket.requesterLocale ?? locale;
	const words = HEADINGS[language];
	const problem = [ticket.body, ...ticket.replies.filter((r) => !r.fromStaff).map((r) => r.body)];
	const solution = ticket.replies.filter((r) => r.fromStaff).map((r) => r.body);
	const body = [
		`## ${words.problem}`,
		'',
		problem.join('\n\n'),
		'',
		`## ${words.solution}`,
		'',
		solution.length > 0 ? solution.join('\n\n') : '…'
	].join('\n');
	return {
		title: ticket.title,
		body: body.slice(0, BODY_MAX),
		categoryId: ticket.categoryId,
		language,
		fromTicket: ticket.id
	};
}

/**
 * Articles that may answer a ticket, for the agent working it: published ones (internal
 * runbooks included) matching any word of its title and the start of its description, the
 * ticket's own area first.
 */
export async function articlesForTicket(
	db: Database,
	agent: SessionUser,
	ticket: { title: string; body: string; categoryId: number },
	locale: Locale,
	limit = 4
): Promise<ArticleSummary[]> {
	if (!isStaff(agent)) return [];
	const { articles } = await searchArticles(db, agent, locale, {
		query: `${ticket.title} ${ticket.body.slice(0, 300)}`,
		source: 'desk',
		mode: 'any',
		preferCategoryId: ticket.categoryId,
		limit,
		log: false
	});
	return articles;
}

/** Days over which deflection is measured on the admin home and the wall. */
export const DEFLECTION_DAYS = 14;

/** Self-service over the last `days` days: deflection rate and the searches that found nothing. */
export function selfServiceFigures(
	sql: Queryable,
	now: Date,
	misses = 5,
	days = DEFLECTION_DAYS
): Promise<DeflectionFigures> {
	return kb.deflectionFigures(sql, new Date(now.getTime() - days * 86_400_000), days, misses);
}
