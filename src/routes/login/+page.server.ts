import { fail, redirect } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { logIn, safeRedirect } from '$lib/server/auth/login';
import { applyLocalePreference } from '$lib/server/i18n';
import { m } from '$lib/paraglide/messages';
import { HOME_BY_ROLE } from '$lib/types/user';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, HOME_BY_ROLE[locals.user.role]);
	const { config } = await app();
	return {
		signupEnabled: config.signupDomains.length > 0,
		signedOut: url.searchParams.has('signedOut')
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const email = String(form.get('email') ?? '').trim();
		const password = String(form.get('password') ?? '');
		if (!email || !password) return fail(400, { email, message: m.login_error_empty() });
		if (email.length > 254 || password.length > 256) {
			return fail(401, { email: email.slice(0, 254), message: m.login_error_invalid() });
		}

		const result = await logIn(await app(), email, password, event.getClientAddress());
		if (!result.ok) {
			if (result.reason === 'throttled') {
				const minutes = Math.ceil(result.retryAfter / 60);
				return fail(429, { email, message: m.login_error_throttled({ minutes }) });
			}
			return fail(401, { email, message: m.login_error_invalid() });
		}
		setSessionCookie(event.cookies, event.url, result.token, result.session.expiresAt);
		applyLocalePreference(event.cookies, result.locale);
		redirect(
			303,
			safeRedirect(event.url.searchParams.get('redirectTo'), HOME_BY_ROLE[result.role])
		);
	}
};
