import { error, fail, redirect } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { formAction, formText, isRefusal } from '$lib/server/forms';
import { confirmSignup, pendingSignup } from '$lib/server/users/service';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

async function enabledDomains(): Promise<string[]> {
	const { config } = await app();
	if (config.signupDomains.length === 0) {
		error(404, { code: 'not_found', message: m.signup_disabled() });
	}
	return config.signupDomains;
}

/** Opening the link only shows the form: mail scanners that follow links activate nothing. */
export const load: PageServerLoad = async ({ locals, url }) => {
	await enabledDomains();
	if (locals.user) redirect(303, '/');
	const pending = await pendingSignup((await app()).db, url.searchParams.get('token') ?? '');
	return { pending: pending && { email: pending.email, name: pending.name } };
};

export const actions: Actions = {
	/** Use up the token, create the requester account with the chosen password, sign in. */
	default: async (event) => {
		const domains = await enabledDomains();
		const form = await event.request.formData();
		const name = formText(form, 'name');
		const password = formText(form, 'password');
		const token = event.url.searchParams.get('token') ?? '';
		const { db } = await app();
		const user = await formAction(() => confirmSignup(db, token, { name, password }, domains), {
			extra: { values: { name }, invalid: false }
		});
		if (isRefusal(user)) {
			// A used, expired or unknown link: the page offers to sign up again instead of the form.
			return user.data.code === 'link_invalid' ? fail(410, { ...user.data, invalid: true }) : user;
		}
		const sessionToken = generateSessionToken();
		const session = await createSession(db.sql, sessionToken, user.id);
		setSessionCookie(event.cookies, event.url, sessionToken, session.expiresAt);
		redirect(303, '/portal');
	}
};
