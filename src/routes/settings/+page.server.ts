import { fail } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guard';
import { applyLocalePreference } from '$lib/server/i18n';
import { setUserLocale } from '$lib/server/users/db';
import { LOCALES, type Locale } from '$lib/types/user';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => ({ me: requireUser(event) });

export const actions: Actions = {
	default: async (event) => {
		const me = requireUser(event);
		const value = String((await event.request.formData()).get('locale') ?? '');
		if (value !== '' && !LOCALES.includes(value as Locale)) {
			return fail(400, { message: 'Unknown language.' });
		}
		const locale = value === '' ? null : (value as Locale);
		await setUserLocale((await app()).db.sql, me.id, locale);
		applyLocalePreference(event.cookies, locale);
		return { saved: true };
	}
};
