import { error, redirect } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { formAction, formInt, formText, isRefusal } from '$lib/server/forms';
import * as kb from '$lib/server/kb/db';
import { renderMarkdown } from '$lib/server/kb/markdown';
import { canDelete, canEdit, transitionRefusal } from '$lib/server/kb/rules';
import {
	changeArticleStatus,
	deleteArticle,
	updateArticle,
	type StatusInput,
	type UpdateArticleInput
} from '$lib/server/kb/service';
import { listCategories } from '$lib/server/tickets/db';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { KB_STATUSES } from '$lib/types/kb';
import { STAFF_ROLES } from '$lib/types/user';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function articleId(event: Pick<RequestEvent, 'params'>): number {
	const raw = event.params.id;
	if (!/^[1-9]\d{0,8}$/.test(raw))
		error(404, { code: 'not_found', message: m.kb_error_not_found() });
	return Number(raw);
}

/** The editor: the article, what this person may do with it, and its history. */
export const load: PageServerLoad = async (event) => {
	const me = requireRole(event, ...STAFF_ROLES);
	const id = articleId(event);
	const { db } = await app();
	const article = await kb.getArticle(db.sql, id);
	if (!article) error(404, { code: 'not_found', message: m.kb_error_not_found() });
	const [revisions, categories] = await Promise.all([
		kb.revisionsOf(db.sql, id),
		listCategories(db.sql, getLocale())
	]);
	return {
		article: kb.toRecord(article),
		html: renderMarkdown(article.body),
		revisions,
		categories,
		editable: canEdit(me, article.status),
		deletable: canDelete(me, article),
		transitions: KB_STATUSES.filter((s) => transitionRefusal(me, article.status, s) === null),
		created: event.url.searchParams.has('created')
	};
};

export const actions: Actions = {
	save: async (event) => {
		const me = requireRole(event, ...STAFF_ROLES);
		const id = articleId(event);
		const form = await event.request.formData();
		const note = formText(form, 'note').trim();
		const input = {
			version: formInt(form, 'version'),
			title: formText(form, 'title'),
			body: formText(form, 'body'),
			language: formText(form, 'language'),
			categoryId: formInt(form, 'categoryId'),
			visibility: formText(form, 'visibility'),
			slug: formText(form, 'slug').trim(),
			...(note ? { note } : {})
		};
		const { db } = await app();
		const saved = await formAction(() => updateArticle(db, me, id, input as UpdateArticleInput), {
			extra: { action: 'save', values: { ...input, categoryId: input.categoryId ?? null } }
		});
		if (isRefusal(saved)) return saved;
		return { action: 'save', saved: saved.version };
	},
	status: async (event) => {
		const me = requireRole(event, ...STAFF_ROLES);
		const id = articleId(event);
		const form = await event.request.formData();
		const note = formText(form, 'note').trim();
		const input = {
			version: formInt(form, 'version'),
			status: formText(form, 'status'),
			...(note ? { note } : {})
		};
		const { db } = await app();
		const moved = await formAction(() => changeArticleStatus(db, me, id, input as StatusInput), {
			extra: { action: 'status' }
		});
		if (isRefusal(moved)) return moved;
		return { action: 'status', moved: moved.status };
	},
	delete: async (event) => {
		const me = requireRole(event, ...STAFF_ROLES);
		const id = articleId(event);
		const form = await event.request.formData();
		const { db } = await app();
		const done = await formAction(() => deleteArticle(db, me, id, formInt(form, 'version') ?? 0), {
			extra: { action: 'delete' }
		});
		if (isRefusal(done)) return done;
		redirect(303, '/desk/kb?deleted=1');
	}
};
