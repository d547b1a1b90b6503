import { error, redirect } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { signupThrottle } from '$lib/server/auth/throttle';
import { DomainError } from '$lib/server/errors';
import { formAction, formText } from '$lib/server/forms';
import { SIGNUP_LINK_HOURS, parseSignup, signUpRequester } from '$lib/server/users/service';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

async function enabledDomains(): Promise<string[]> {
	const { config } = await app();
	if (config.signupDomains.length === 0) {
		error(404, { code: 'not_found', message: m.signup_disabled() });
	}
	return config.signupDomains;
}

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user) redirect(303, '/');
	return { domains: await enabledDomains() };
};

export const actions: Actions = {
	/**
	 * Mail a confirmation link. The answer is the same whether or not the address has an account
	 * (only the mail differs), so the form cannot be used to find out who has one.
	 */
	default: async (event) => {
		const domains = await enabledDomains();
		const form = await event.request.formData();
		const input = { name: formText(form, 'name'), email: formText(form, 'email') };
		const { db } = await app();
		return formAction(
			async () => {
				const { email } = parseSignup(input, domains);
				const admission = await signupThrottle(db.sql).attempt(email, event.getClientAddress());
				if (!admission.allowed) {
					const minutes = Math.ceil(admission.retryAfter / 60);
					throw new DomainError(429, 'too_many_requests', m.signup_throttled({ minutes }));
				}
				await signUpRequester(db, input, domains, getLocale());
				return { sent: true as const, email, hours: SIGNUP_LINK_HOURS };
			},
			{ extra: { values: input } }
		);
	}
};
