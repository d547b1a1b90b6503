// Knowledge-base API plumbing for /api/kb/articles: request schemas (the services' own, strict),
// the list query, article addresses, the response shape, and the OpenAPI part of /api/openapi.json
// generated from the same schemas. No business rules: those live in kb/service.ts.
import { z } from 'zod';
import type { Queryable } from '../db/client';
import { notFound } from '../errors';
import * as kb from '../kb/db';
import { renderMarkdown } from '../kb/markdown';
import { SLUG_PATTERN } from '../kb/rules';
import {
	createArticleSchema,
	readableArticle,
	statusSchema,
	updateArticleSchema,
	voteSchema
} from '../kb/service';
import { isStaff } from '../auth/roles';
import { m } from '$lib/paraglide/messages';
import { KB_LANGUAGES, KB_STATUSES, KB_VISIBILITIES, type ArticleRecord } from '$lib/types/kb';
import type { SessionUser } from '$lib/types/user';
import type { OperationObject, ParameterObject, PathItemObject, SchemaObject } from './openapi';

/** What each write endpoint accepts (strict: unknown fields are refused). */
export const articleBodies = {
	NewArticle: createArticleSchema.strict(),
	ArticleChanges: updateArticleSchema.strict(),
	ArticleStatusChange: statusSchema.strict(),
	ArticleVote: voteSchema.strict()
};

export const MAX_ARTICLE_PAGE = 100;
const DEFAULT_ARTICLE_PAGE = 20;

/** `GET /api/kb/articles` query parameters (English messages: only API clients read them). */
export const articleQuerySchema = z
	.strictObject({
		q: z
			.string()
			.max(10_000, 'Search at most 10,000 characters (200 are used).')
			.meta({
				description:
					'Words to search for (web-search syntax: "phrase", -not, or). Stemmed in the ' +
					'article’s language, title above text, tolerant of typos; empty lists articles.',
				examples: ['passwort zurücksetzen']
			}),
		category: z
			.string()
			.regex(/^[1-9]\d{0,8}$/, 'Use a category id.')
			.meta({ description: 'Category id (GET /api/categories).', examples: ['1'] })
			.transform(Number),
		language: z
			.enum(KB_LANGUAGES, { error: 'Use de or en.' })
			.meta({ description: 'Only articles in this language.' }),
		status: z
			.enum(KB_STATUSES, { error: `Use one of: ${KB_STATUSES.join(', ')}.` })
			.meta({ description: 'Staff only: articles with this status (default: published).' }),
		limit: z
			.string()
			.regex(/^\d{1,3}$/, `Limit must be between 1 and ${MAX_ARTICLE_PAGE}.`)
			.transform(Number)
			.pipe(
				z
					.number()
					.min(1, `Limit must be between 1 and ${MAX_ARTICLE_PAGE}.`)
					.max(MAX_ARTICLE_PAGE, `Limit must be between 1 and ${MAX_ARTICLE_PAGE}.`)
			)
			.meta({ description: `Page size, 1–${MAX_ARTICLE_PAGE} (default ${DEFAULT_ARTICLE_PAGE}).` }),
		offset: z
			.string()
			.regex(/^\d{1,5}$/, 'Offset must be a whole number up to 99999.')
			.transform(Number)
			.meta({ description: 'Articles to skip (the next page: offset + limit).' })
	})
	.partial();

export type ArticleQuery = z.output<typeof articleQuerySchema>;

/** `DELETE /api/kb/articles/{article}?version=`: the version the caller last read. */
export const deleteQuerySchema = z.strictObject({
	version: z
		.string({ error: 'Give the version you last read.' })
		.regex(/^[1-9]\d{0,8}$/, 'Give the version you last read.')
		.transform(Number)
		.meta({ description: 'The version you last read; a newer article answers 409.' })
});

/** The query string as the schema's input: a repeated parameter keeps its last value. */
export function queryObject(url: URL): Record<string, string> {
	return Object.fromEntries(url.searchParams.entries());
}

export const pageSize = (q: ArticleQuery) => q.limit ?? DEFAULT_ARTICLE_PAGE;

/**
 * The article an `{article}` path segment names (an id or a slug) as `viewer` may read it:
 * others' internal articles and drafts simply do not exist (404, never 403).
 */
export async function articleFor(
	sql: Queryable,
	viewer: SessionUser | null,
	raw: string | undefined
): Promise<kb.Article> {
	const missing = () => notFound(m.kb_error_not_found());
	if (!raw) throw missing();
	if (/^[1-9]\d{0,8}$/.test(raw)) {
		const article = await kb.getArticle(sql, Number(raw));
		if (!article) throw missing();
		const readable = await readableArticle(sql, viewer, article.slug);
		if (!readable) throw missing();
		return readable;
	}
	if (!SLUG_PATTERN.test(raw)) throw missing();
	const article = await readableArticle(sql, viewer, raw);
	if (!article) throw missing();
	return article;
}

/** An article as the API returns it: the record, its rendered (sanitised) HTML and its URL. */
export function apiArticle(a: kb.Article, viewer: SessionUser | null) {
	const record = kb.toRecord(a);
	const shown: Partial<ArticleRecord> = { ...record };
	// Who wrote it and the ticket it came from are the desk's business.
	if (!isStaff(viewer)) {
		delete shown.authorId;
		delete shown.sourceTicketId;
	}
	return { ...shown, html: renderMarkdown(a.body), url: `/kb/${a.slug}` };
}

// ───────────────────────── OpenAPI ─────────────────────────

const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });
const response = (name: string) => ({ $ref: `#/components/responses/${name}` });
const jsonBody = (schema: SchemaObject) => ({ 'application/json': { schema } });
const nullable = (schema: SchemaObject): SchemaObject => ({ anyOf: [schema, { type: 'null' }] });
const integer: SchemaObject = { type: 'integer' };
const dateTime = (description: string): SchemaObject => ({
	type: 'string',
	format: 'date-time',
	description
});
const object = (properties: Record<string, SchemaObject>, optional: string[] = []) => ({
	type: 'object' as const,
	required: Object.keys(properties).filter((p) => !optional.includes(p)),
	properties
});

const articleParam: ParameterObject = {
	name: 'article',
	in: 'path',
	required: true,
	description:
		'The article’s id or slug. Internal articles and drafts answer 404 to requesters and ' +
		'anonymous callers.',
	schema: { type: 'string' },
	example: 'passwort-vergessen-oder-abgelaufen-passwort-zuruecksetzen'
};

const TAG = 'Knowledge base';
const op = (o: Omit<OperationObject, 'tags'>): OperationObject => ({ ...o, tags: [TAG] });
const WRITE_ERRORS = {
	'400': response('Invalid'),
	'401': response('Unauthorized'),
	'403': response('Forbidden'),
	'404': response('NotFound'),
	'413': response('PayloadTooLarge'),
	'415': response('UnsupportedMediaType')
};
const PUBLIC_READ: Array<Record<string, string[]>> = [{}, { bearerAuth: [] }, { cookieAuth: [] }];
const CONFLICT = {
	description:
		'The article changed since you read it (stale `version`), or the slug is taken. ' +
		'Nothing was written.',
	content: jsonBody(ref('Error'))
};

/** How openapi.ts turns zod schemas into JSON Schema (passed in: no import cycle). */
interface Generators {
	jsonSchema: (schema: z.ZodType) => SchemaObject;
	queryParameters: (schema: z.ZodObject) => ParameterObject[];
}

/** The knowledge base's part of the OpenAPI document, generated from the endpoints' schemas. */
export const kbOpenApi = ({
	jsonSchema,
	queryParameters
}: Generators): {
	tag: { name: string; description: string };
	parameters: Record<string, ParameterObject>;
	paths: Record<string, PathItemObject>;
	schemas: Record<string, SchemaObject>;
} => ({
	tag: {
		name: TAG,
		description:
			'Articles in German and English: search, read, write and publish (staff), votes. ' +
			'Public articles need no credentials.'
	},
	parameters: { Article: articleParam },
	paths: {
		'/api/kb/articles': {
			get: op({
				operationId: 'listArticles',
				summary: 'Search or list articles',
				description:
					'With `q`: best match first, each with a snippet of the passage that matched ' +
					'(`excerpt`: parts, `hit` marks matching words). Without: most helpful first. ' +
					'Anonymous callers and requesters get published public articles only; staff also ' +
					'internal ones, and other statuses with `status`.',
				security: PUBLIC_READ,
				parameters: queryParameters(articleQuerySchema),
				responses: {
					'200': { description: 'One page of articles.', content: jsonBody(ref('ArticlePage')) },
					'400': response('Invalid')
				}
			}),
			post: op({
				operationId: 'createArticle',
				summary: 'Write an article (staff)',
				description: 'Starts as a draft; the slug is made from the title unless given.',
				requestBody: { required: true, content: jsonBody(ref('NewArticle')) },
				responses: {
					'201': { description: 'Created.', content: jsonBody(ref('Article')) },
					...WRITE_ERRORS,
					'409': CONFLICT,
					'422': response('Unprocessable')
				}
			})
		},
		'/api/kb/articles/{article}': {
			parameters: [{ $ref: '#/components/parameters/Article' }],
			get: op({
				operationId: 'getArticle',
				summary: 'Read an article',
				description: 'The markdown `body` and the sanitised `html` rendered from it.',
				security: PUBLIC_READ,
				responses: {
					'200': { description: 'The article.', content: jsonBody(ref('Article')) },
					'404': response('NotFound')
				}
			}),
			patch: op({
				operationId: 'updateArticle',
				summary: 'Change an article (staff)',
				description:
					'Drafts and articles in review: any staff; published articles: leads and admins. ' +
					'`version` guards against overwriting someone else’s change (409).',
				requestBody: { required: true, content: jsonBody(ref('ArticleChanges')) },
				responses: {
					'200': { description: 'The article now.', content: jsonBody(ref('Article')) },
					...WRITE_ERRORS,
					'409': CONFLICT,
					'422': response('Unprocessable')
				}
			}),
			delete: op({
				operationId: 'deleteArticle',
				summary: 'Delete an article (leads and admins; authors their unpublished drafts)',
				parameters: queryParameters(deleteQuerySchema).map((p) => ({ ...p, required: true })),
				responses: {
					'204': { description: 'Deleted.' },
					'400': response('Invalid'),
					'409': CONFLICT,
					'401': response('Unauthorized'),
					'403': response('Forbidden'),
					'404': response('NotFound')
				}
			})
		},
		'/api/kb/articles/{article}/status': {
			parameters: [{ $ref: '#/components/parameters/Article' }],
			post: op({
				operationId: 'changeArticleStatus',
				summary: 'Move an article through draft → review → published (staff)',
				description:
					'Anyone on staff asks for review or takes a draft back; leads and admins publish.',
				requestBody: { required: true, content: jsonBody(ref('ArticleStatusChange')) },
				responses: {
					'200': { description: 'The article now.', content: jsonBody(ref('Article')) },
					...WRITE_ERRORS,
					'409': CONFLICT,
					'422': response('Unprocessable')
				}
			})
		},
		'/api/kb/articles/{article}/revisions': {
			parameters: [{ $ref: '#/components/parameters/Article' }],
			get: op({
				operationId: 'listArticleRevisions',
				summary: 'An article’s history (staff)',
				description: 'Every saved change, newest first: who, when, which fields, and why.',
				responses: {
					'200': {
						description: 'The revisions.',
						content: jsonBody(object({ data: { type: 'array', items: ref('ArticleRevision') } }))
					},
					'401': response('Unauthorized'),
					'403': response('Forbidden'),
					'404': response('NotFound')
				}
			})
		},
		'/api/kb/articles/{article}/votes': {
			parameters: [{ $ref: '#/components/parameters/Article' }],
			post: op({
				operationId: 'voteOnArticle',
				summary: 'Was this article helpful?',
				description: 'One vote per person and article; a second vote replaces the first.',
				requestBody: { required: true, content: jsonBody(ref('ArticleVote')) },
				responses: {
					'200': {
						description: 'The counts now.',
						content: jsonBody(object({ helpful: integer, unhelpful: integer }))
					},
					...WRITE_ERRORS
				}
			})
		}
	},
	schemas: {
		NewArticle: jsonSchema(articleBodies.NewArticle),
		ArticleChanges: jsonSchema(articleBodies.ArticleChanges),
		ArticleStatusChange: jsonSchema(articleBodies.ArticleStatusChange),
		ArticleVote: jsonSchema(articleBodies.ArticleVote),
		SnippetPart: object({ text: { type: 'string' }, hit: { type: 'boolean' } }),
		ArticleSummary: object({
			id: integer,
			slug: { type: 'string' },
			title: { type: 'string' },
			language: { type: 'string', enum: KB_LANGUAGES },
			category: ref('Category'),
			visibility: { type: 'string', enum: KB_VISIBILITIES },
			status: { type: 'string', enum: KB_STATUSES },
			excerpt: { type: 'array', items: ref('SnippetPart') },
			updatedAt: dateTime('Last change.'),
			views: integer,
			helpful: integer,
			unhelpful: integer
		}),
		ArticlePage: object({
			data: { type: 'array', items: ref('ArticleSummary') },
			total: { type: 'integer', description: 'Articles matching in all.' },
			corrected: {
				type: ['string', 'null'],
				description: 'The query with typos corrected, when the results are for it.'
			}
		}),
		Article: object(
			{
				id: integer,
				slug: { type: 'string' },
				url: { type: 'string', description: 'The article’s page.' },
				title: { type: 'string' },
				body: { type: 'string', description: 'Markdown, verbatim.' },
				html: { type: 'string', description: 'The body rendered and sanitised: safe to insert.' },
				language: { type: 'string', enum: KB_LANGUAGES },
				categoryId: integer,
				visibility: { type: 'string', enum: KB_VISIBILITIES },
				status: { type: 'string', enum: KB_STATUSES },
				version: { type: 'integer', description: 'Send it back with changes.' },
				authorId: { ...nullable(integer), description: 'Staff only.' },
				sourceTicketId: { ...nullable(integer), description: 'Staff only.' },
				createdAt: dateTime('Written.'),
				updatedAt: dateTime('Last change.'),
				publishedAt: nullable(dateTime('Last published.')),
				views: integer,
				helpful: integer,
				unhelpful: integer
			},
			['authorId', 'sourceTicketId']
		),
		ArticleRevision: object({
			version: integer,
			editor: nullable(ref('PersonRef')),
			title: { type: 'string' },
			status: { type: 'string', enum: KB_STATUSES },
			visibility: { type: 'string', enum: KB_VISIBILITIES },
			changed: { type: 'array', items: { type: 'string' } },
			note: { type: ['string', 'null'] },
			createdAt: dateTime('When.')
		})
	}
});
