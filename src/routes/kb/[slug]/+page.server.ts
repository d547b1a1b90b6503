import { error, type Cookies } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { isStaff } from '$lib/server/auth/guard';
import { formAction, formText, isRefusal } from '$lib/server/forms';
import * as kb from '$lib/server/kb/db';
import { renderMarkdown } from '$lib/server/kb/markdown';
import { canEdit } from '$lib/server/kb/rules';
import {
	readableArticle,
	recordView,
	relatedArticles,
	voteOnArticle
} from '$lib/server/kb/service';
import { listCategories } from '$lib/server/tickets/db';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { ArticleView } from '$lib/types/kb';
import type { Actions, PageServerLoad } from './$types';

/** Articles this browser read or voted on lately: a reload is not another reader or vote. */
const SEEN = 'kb_seen';
const VOTED = 'kb_voted';
const remembered = (cookies: Cookies, name: string) =>
	(cookies.get(name) ?? '').split('.').filter((id) => /^\d{1,10}$/.test(id));
function remember(cookies: Cookies, url: URL, name: string, id: number, maxAge: number) {
	const ids = [String(id), ...remembered(cookies, name).filter((x) => x !== String(id))];
	cookies.set(name, ids.slice(0, 40).join('.'), {
		path: '/kb',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge
	});
}

function notFound(): never {
	error(404, { code: 'not_found', message: m.kb_error_not_found() });
}

/** One article: public ones for everyone; internal ones and drafts only for staff (else 404). */
export const load: PageServerLoad = async (event) => {
	const viewer = event.locals.user;
	const { db } = await app();
	const locale = getLocale();
	const article = await readableArticle(db.sql, viewer, event.params.slug);
	if (!article) notFound();
	if (!remembered(event.cookies, SEEN).includes(String(article.id))) {
		await recordView(db, viewer, article);
		remember(event.cookies, event.url, SEEN, article.id, 12 * 3600);
	}
	const [categories, related, author, myVote] = await Promise.all([
		listCategories(db.sql, locale),
		relatedArticles(db.sql, viewer, article, locale),
		kb.userName(db.sql, article.authorId),
		viewer ? kb.voteOf(db.sql, article.id, viewer.id) : Promise.resolve(null)
	]);
	const category = categories.find((c) => c.id === article.categoryId) ?? {
		id: article.categoryId,
		key: '',
		name: ''
	};
	const view: ArticleView = {
		id: article.id,
		slug: article.slug,
		title: article.title,
		language: article.language,
		category,
		visibility: article.visibility,
		status: article.status,
		excerpt: [],
		updatedAt: article.updatedAt.toISOString(),
		views: article.views,
		helpful: article.helpful,
		unhelpful: article.unhelpful,
		html: renderMarkdown(article.body),
		author: staffOnly(viewer, article.authorId, author),
		publishedAt: article.publishedAt?.toISOString() ?? null,
		createdAt: article.createdAt.toISOString(),
		myVote: myVote ?? (remembered(event.cookies, VOTED).includes(String(article.id)) ? true : null)
	};
	return {
		article: view,
		related,
		staff: isStaff(viewer),
		editable: canEdit(viewer, article.status),
		signedIn: viewer !== null
	};
};

/** Readers see no names of staff; staff see who wrote it. */
function staffOnly(viewer: App.Locals['user'], id: number | null, name: string | null) {
	return isStaff(viewer) && id !== null && name !== null ? { id, name } : null;
}

export const actions: Actions = {
	/** "Was this helpful?" — anyone who may read it; once per person (or browser). */
	vote: async (event) => {
		const viewer = event.locals.user;
		const { db } = await app();
		const article = await readableArticle(db.sql, viewer, event.params.slug);
		if (!article) notFound();
		const form = await event.request.formData();
		const answer = formText(form, 'helpful');
		const helpful = answer === 'yes' ? true : answer === 'no' ? false : undefined;
		if (!viewer && remembered(event.cookies, VOTED).includes(String(article.id))) {
			return { voted: helpful ?? true, helpful: article.helpful, unhelpful: article.unhelpful };
		}
		const counts = await formAction(() =>
			voteOnArticle(db, viewer, article.id, { helpful: helpful as boolean })
		);
		if (isRefusal(counts)) return counts;
		if (!viewer) remember(event.cookies, event.url, VOTED, article.id, 365 * 86400);
		return { voted: helpful as boolean, ...counts };
	}
};
