import { redirect } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guard';
import { formAction, formText, isRefusal } from '$lib/server/forms';
import { recordDeflection } from '$lib/server/kb/service';
import type { Actions, PageServerLoad } from './$types';

/** Nothing to show here: the new-ticket form is the page. */
export const load: PageServerLoad = (event) => {
	requireUser(event);
	redirect(303, '/portal/new');
};

export const actions: Actions = {
	/** "This solved my problem": no ticket; counted as a deflection, back to the portal. */
	default: async (event) => {
		const me = requireUser(event);
		const form = await event.request.formData();
		const { db } = await app();
		const article = await formAction(() =>
			recordDeflection(db, me, {
				articleId: formText(form, 'articleId'),
				sessionKey: formText(form, 's'),
				query: formText(form, 'q')
			})
		);
		if (isRefusal(article)) return article;
		redirect(303, `/portal?solved=${encodeURIComponent(article.slug)}`);
	}
};
