import { redirect } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { formAction, formInt, formText, isRefusal } from '$lib/server/forms';
import { renderMarkdown } from '$lib/server/kb/markdown';
import { createArticle, draftFromTicket, type CreateArticleInput } from '$lib/server/kb/service';
import { listCategories } from '$lib/server/tickets/db';
import { getLocale } from '$lib/paraglide/runtime';
import { STAFF_ROLES } from '$lib/types/user';
import type { Actions, PageServerLoad } from './$types';

/** A new article; `?ticket=N` starts it from a resolved ticket's public conversation. */
export const load: PageServerLoad = async (event) => {
	const me = requireRole(event, ...STAFF_ROLES);
	const { db } = await app();
	const locale = getLocale();
	const raw = event.url.searchParams.get('ticket');
	const ticket = raw && /^\d{1,9}$/.test(raw) ? Number(raw) : null;
	const draft = ticket ? await draftFromTicket(db.sql, me, ticket, locale) : null;
	return {
		categories: await listCategories(db.sql, locale),
		draft,
		html: draft ? renderMarkdown(draft.body) : '',
		/** A ticket was named but cannot be used (missing, or not resolved yet). */
		ticketUnusable: raw !== null && draft === null ? raw.slice(0, 12) : null,
		locale
	};
};

export const actions: Actions = {
	default: async (event) => {
		const me = requireRole(event, ...STAFF_ROLES);
		const form = await event.request.formData();
		const slug = formText(form, 'slug').trim();
		const input = {
			title: formText(form, 'title'),
			body: formText(form, 'body'),
			language: formText(form, 'language'),
			categoryId: formInt(form, 'categoryId'),
			visibility: formText(form, 'visibility') || 'public',
			...(slug ? { slug } : {}),
			...(formInt(form, 'fromTicket') ? { fromTicket: formInt(form, 'fromTicket') } : {})
		};
		const { db } = await app();
		const values = { ...input, slug, categoryId: input.categoryId ?? null };
		const article = await formAction(() => createArticle(db, me, input as CreateArticleInput), {
			extra: { values }
		});
		if (isRefusal(article)) return article;
		redirect(303, `/desk/kb/${article.id}?created=1`);
	}
};
