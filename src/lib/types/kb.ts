// The knowledge base as pages, endpoints and the API see it. Serialisable; no server imports.
import type { CategoryOption, PersonRef } from './ticket';

export const KB_LANGUAGES = ['de', 'en'] as const;
export type KbLanguage = (typeof KB_LANGUAGES)[number];

export const KB_VISIBILITIES = ['public', 'internal'] as const;
/** `public`: anyone, signed in or not. `internal`: staff only (runbooks for levels 2 and 3). */
export type KbVisibility = (typeof KB_VISIBILITIES)[number];

export const KB_STATUSES = ['draft', 'review', 'published'] as const;
/** draft → review → published; leads and admins review and publish. */
export type KbStatus = (typeof KB_STATUSES)[number];

/** A piece of a search snippet: `hit` marks the words that matched the query. */
export interface SnippetPart {
	text: string;
	hit: boolean;
}

/** An article as lists and search results show it. */
export interface ArticleSummary {
	id: number;
	slug: string;
	title: string;
	language: KbLanguage;
	category: CategoryOption;
	visibility: KbVisibility;
	status: KbStatus;
	/** The start of the article as plain text, or the passage that matched a search. */
	excerpt: SnippetPart[];
	updatedAt: string;
	views: number;
	helpful: number;
	unhelpful: number;
}

/** An article as its page shows it: the body is sanitised HTML, safe to insert. */
export interface ArticleView extends ArticleSummary {
	html: string;
	author: PersonRef | null;
	publishedAt: string | null;
	createdAt: string;
	/** The viewer's own vote (signed-in viewers), else null. */
	myVote: boolean | null;
}

/** An article as the editor and the API work with it. */
export interface ArticleRecord {
	id: number;
	slug: string;
	title: string;
	body: string;
	language: KbLanguage;
	categoryId: number;
	visibility: KbVisibility;
	status: KbStatus;
	version: number;
	authorId: number | null;
	sourceTicketId: number | null;
	createdAt: string;
	updatedAt: string;
	publishedAt: string | null;
	views: number;
	helpful: number;
	unhelpful: number;
}

/** One saved change of an article. */
export interface ArticleRevision {
	version: number;
	editor: PersonRef | null;
	title: string;
	status: KbStatus;
	visibility: KbVisibility;
	/** Fields the change touched: `created`, `title`, `body`, `status`, … */
	changed: string[];
	note: string | null;
	createdAt: string;
}

/** Search results: the page of articles, and how many matched in all (up to a cap). */
export interface ArticleSearch {
	query: string;
	articles: ArticleSummary[];
	total: number;
}

/** Self-service figures over a window of days: what the admin home and the wall show. */
export interface DeflectionFigures {
	days: number;
	/** "This solved my problem" clicks on the new-ticket form. */
	deflected: number;
	/** Tickets requesters opened in the same days. */
	tickets: number;
	/** deflected / (deflected + tickets), in percent; null when both are 0. */
	rate: number | null;
	searches: number;
	/** The searches that found nothing, most frequent first. */
	misses: Array<{ query: string; count: number }>;
}
