import { error, fail, redirect } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { signUpRequester, UserInputError } from '$lib/server/users/service';
import type { Actions, PageServerLoad } from './$types';

async function enabledDomains(): Promise<string[]> {
	const { config } = await app();
	if (config.signupDomains.length === 0) {
		error(404, { code: 'not_found', message: 'Self sign-up is turned off.' });
	}
	return config.signupDomains;
}

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user) redirect(303, '/');
	return { domains: await enabledDomains() };
};

export const actions: Actions = {
	default: async (event) => {
		const domains = await enabledDomains();
		const form = await event.request.formData();
		const input = {
			name: String(form.get('name') ?? ''),
			email: String(form.get('email') ?? ''),
			password: String(form.get('password') ?? '')
		};
		const { db } = await app();
		try {
			const user = await signUpRequester(db, input, domains);
			const token = generateSessionToken();
			const session = await createSession(db.sql, token, user.id);
			setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		} catch (e) {
			if (e instanceof UserInputError) {
				return fail(400, { name: input.name, email: input.email, fields: e.fields });
			}
			throw e;
		}
		redirect(303, '/portal');
	}
};
