import { AsyncLocalStorage } from 'node:async_hooks';
import type { Cookies } from '@sveltejs/kit';
import {
	getServerAsyncLocalStorage,
	overwriteServerAsyncLocalStorage
} from '$lib/paraglide/runtime';
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

/**
 * Run `fn` with catalogue messages rendered in `locale`, whatever the request asked for (the API
 * answers in English). Outside a request messages are in the base locale, English, anyway.
 */
export function inLocale<T>(locale: Locale, fn: () => T): T {
	const storage = getServerAsyncLocalStorage();
	const store = storage?.getStore();
	return storage && store ? storage.run({ ...store, locale }, fn) : fn();
}

/**
 * Run a request's handling with messages in `locale`, as Paraglide's middleware would, without
 * it: the middleware copies the request to pass it on, which the API (always English) can spare.
 */
export function inRequestLocale<T>(locale: Locale, origin: string, fn: () => T): T {
	let storage = getServerAsyncLocalStorage();
	if (!storage) {
		// What the middleware would create on its first request; it uses this one from then on.
		storage = new AsyncLocalStorage();
		overwriteServerAsyncLocalStorage(storage);
	}
	return storage.run({ locale, origin, messageCalls: new Set<string>() }, fn);
}
