import type { Cookies } from '@sveltejs/kit';
import type { Locale } from '$lib/types/user';

/** The cookie Paraglide's `cookie` strategy reads (see vite.config.ts). */
export const LOCALE_COOKIE = 'leitstand_locale';

/** Make the user's saved language win over Accept-Language on every later request. */
export function applyLocalePreference(cookies: Cookies, locale: Locale | null) {
	if (locale) {
		cookies.set(LOCALE_COOKIE, locale, {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			maxAge: 400 * 24 * 3600
		});
	} else {
		cookies.delete(LOCALE_COOKIE, { path: '/' });
	}
}
