import { z } from 'zod';
import { app } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guard';
import { parseInput } from '$lib/server/errors';
import { formAction, formText } from '$lib/server/forms';
import { applyLocalePreference } from '$lib/server/i18n';
import { setUserLocale } from '$lib/server/users/db';
import { m } from '$lib/paraglide/messages';
import { LOCALES } from '$lib/types/user';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => ({ me: requireUser(event) });

/** A language, or "" for the browser's. */
const settingsSchema = z.object({
	locale: z.enum(['', ...LOCALES], { error: () => m.settings_error_language() })
});

export const actions: Actions = {
	default: async (event) => {
		const me = requireUser(event);
		const form = await event.request.formData();
		return formAction(async () => {
			const { locale } = parseInput(settingsSchema, { locale: formText(form, 'locale') });
			const saved = locale === '' ? null : locale;
			await setUserLocale((await app()).db.sql, me.id, saved);
			applyLocalePreference(event.cookies, saved);
			return { saved: true as const };
		});
	}
};
